import { mkdirSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgliteEventStore, createPostgresEventStore, EventStore, pgliteSqlClient, pgSqlClient, SqlClient } from '@settle/event-store';
import { createEventStoreDbStore } from '@settle/event-store/eventstoredb';
import { Pool } from 'pg';
import { SettleConfig } from '../config/settle-config';

/** Where events and views live in the configured mode (SPEC 1). */
export interface Storage {
  events: EventStore;
  /** The SQL database of the read models (and, except in EventStoreDB mode, of the events). */
  views: SqlClient;
  dispose(): Promise<void>;
}

export async function openStorage(config: SettleConfig): Promise<Storage> {
  const views = config.databaseUrl ? openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  if (config.mode === 'eventstoredb') {
    const events = createEventStoreDbStore(config.esdbUrl!);
    return { events, views: views.sql, dispose: async () => (await events.dispose(), await views.close()) };
  }
  const events = await views.createEventStore();
  return { events, views: views.sql, dispose: async () => (await events.dispose(), await views.close()) };
}

interface SqlDatabase {
  sql: SqlClient;
  createEventStore(): Promise<EventStore>;
  close(): Promise<void>;
}

function openPostgres(url: string): SqlDatabase {
  const pool = new Pool({ connectionString: url, max: 20 });
  // An idle client whose server connection dies emits 'error' on the pool; unhandled, it would end the process.
  // The pool replaces the client; the next query on it reports the failure where it can be handled.
  pool.on('error', (error) => new Logger('Storage').warn(`PostgreSQL connection lost: ${error.message}`));
  return { sql: pgSqlClient(pool), createEventStore: () => createPostgresEventStore(pool), close: () => pool.end() };
}

async function openPglite(dataDir: string): Promise<SqlDatabase> {
  const directory = join(dataDir, 'pglite');
  mkdirSync(directory, { recursive: true });
  const db = await PGlite.create(directory);
  return { sql: pgliteSqlClient(db), createEventStore: () => createPgliteEventStore(db), close: () => db.close() };
}
