import type { Pool } from 'pg';
import { pgSqlClient } from './pg-sql-client';
import { migrateEventStore } from './schema';
import { SqlEventStore, type SqlEventStoreOptions } from './sql-event-store';

/** The event store in PostgreSQL, schema migrated. The pool stays the caller's to end. */
export async function createPostgresEventStore(pool: Pool, options?: SqlEventStoreOptions): Promise<SqlEventStore> {
  const sql = pgSqlClient(pool);
  await migrateEventStore(sql);
  return new SqlEventStore(sql, options);
}
