import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import {
  createPgliteEventStore,
  createPostgresEventStore,
  type EventStore,
  pgliteSqlClient,
  pgSqlClient,
  type SqlClient,
} from '@settle/event-store';
import { createEventStoreDbStore } from '@settle/event-store/eventstoredb';
import { Pool } from 'pg';
import { type SettleConfig } from '../config/settle-config';
import { ownDataDirectory, unreadableCluster } from './data-directory';

/** Where events and views live in the configured mode (SPEC 1). */
export interface Storage {
  events: EventStore;
  /** The SQL database of the read models (and, except in EventStoreDB mode, of the events). */
  views: SqlClient;
  /**
   * Embedded mode only: a consistent copy of the whole database (gzipped tar of the PGlite data
   * directory), taken while no statement runs. Restored by unpacking it as `DATA_DIR/pglite`.
   */
  snapshot?(): Promise<Blob>;
  dispose(): Promise<void>;
}

export async function openStorage(config: SettleConfig): Promise<Storage> {
  const views = config.databaseUrl ? openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  if (config.mode === 'eventstoredb') {
    const events = createEventStoreDbStore(config.esdbUrl!);
    return { events, views: views.sql, dispose: async () => (await events.dispose(), await views.close()) };
  }
  const events = await views.createEventStore();
  return { events, views: views.sql, snapshot: views.snapshot, dispose: async () => (await events.dispose(), await views.close()) };
}

interface SqlDatabase {
  sql: SqlClient;
  createEventStore(): Promise<EventStore>;
  snapshot?(): Promise<Blob>;
  close(): Promise<void>;
}

function openPostgres(url: string): SqlDatabase {
  const pool = new Pool({ connectionString: url, max: 20 });
  // An idle client whose server connection dies emits 'error' on the pool; unhandled, it would end the process.
  // The pool replaces the client; the next query on it reports the failure where it can be handled.
  pool.on('error', (error) => new Logger('Storage').warn(`PostgreSQL connection lost: ${error.message}`));
  return { sql: pgSqlClient(pool), createEventStore: () => createPostgresEventStore(pool), close: () => pool.end() };
}

/**
 * PGlite's page cache, inside its WebAssembly memory, which grows as pages are cached and never shrinks.
 * PostgreSQL's default of 128 MB cost the API about 100–150 MB of peak RSS over 4,000 clients (rebuild and
 * cycles, BENCHMARKS "Goal 1 … (session 8)") for about a tenth of the rebuild's speed; pages it lets go
 * are read again from the operating system's file cache.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

/** PGlite under DATA_DIR, which this process owns while it is open (embedded mode, and EventStoreDB mode's views). */
async function openPglite(dataDir: string): Promise<SqlDatabase> {
  const directory = await ownDataDirectory(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(directory.pgliteDirectory, { postgresqlconf: [`shared_buffers = '${PGLITE_SHARED_BUFFERS}'`] });
  } catch (error) {
    directory.release();
    throw unreadableCluster(directory.pgliteDirectory, error);
  }
  return {
    sql: pgliteSqlClient(db),
    createEventStore: () => createPgliteEventStore(db),
    snapshot: () => db.dumpDataDir('gzip'),
    close: async () => {
      try {
        await db.close();
      } finally {
        directory.release();
      }
    },
  };
}
