import { createPostgresEventStore, pgSqlClient, type SqlClient, type SqlEventStore } from '@settle/event-store';
import { postgresAdvisoryLock, type ProjectionHost, type VerifiableProjection } from '@settle/projections';
import { Pool } from 'pg';
import { hostFor } from './projection-fixtures';

/** What one process has on a shared PostgreSQL: its own pool, store, lock connection and projection host. */
export interface PostgresProcess {
  sql: SqlClient;
  store: SqlEventStore;
  host: ProjectionHost;
  close(): Promise<void>;
}

export async function postgresProcess(
  url: string,
  runnerId: string,
  projections?: VerifiableProjection[],
  retryDelayMs?: number,
  batchSize?: number,
): Promise<PostgresProcess> {
  const pool = new Pool({ connectionString: url, max: 5 });
  // As in production storage: a connection the tests terminate may die while idle in the pool, which
  // then emits 'error'; unhandled, it would end the test process. The next query reports the loss.
  pool.on('error', () => undefined);
  const store = await createPostgresEventStore(pool, { pollIntervalMs: 50 });
  const sql = pgSqlClient(pool);
  const host = hostFor(store, sql, {
    projections,
    lock: postgresAdvisoryLock({ connectionString: url, retryIntervalMs: 50, heartbeatIntervalMs: 200 }),
    runner: { runnerId, ...(retryDelayMs !== undefined && { retryDelayMs }), ...(batchSize !== undefined && { batchSize }) },
  });
  await host.migrate();
  return {
    sql,
    store,
    host,
    close: async () => {
      await host.stopRunners();
      await store.dispose();
      await pool.end();
    },
  };
}
