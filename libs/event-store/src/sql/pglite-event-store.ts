import type { PGlite } from '@electric-sql/pglite';
import { pgliteSqlClient } from './pglite-sql-client';
import { migrateEventStore } from './schema';
import { SqlEventStore, type SqlEventStoreOptions } from './sql-event-store';

/** The event store in PGlite, schema migrated. The instance stays the caller's to close. */
export async function createPgliteEventStore(db: PGlite, options?: SqlEventStoreOptions): Promise<SqlEventStore> {
  const sql = pgliteSqlClient(db);
  await migrateEventStore(sql);
  // Only this process can reach an embedded database: no LISTEN/NOTIFY between processes. It runs one
  // statement at a time: appends that queue for it are grouped, and nothing is ever held back. Its rows
  // are decoded in JavaScript one by one: a stream's JSON text comes as one text.
  return new SqlEventStore(sql, { crossProcess: false, oneStatementAtATime: true, streamJsonAsOneText: true, ...options });
}
