import { Client } from 'pg';
import { AbortedError, sleep } from '../runner/abortable';
import { type ExclusiveLock, type Lease } from './exclusive-lock';

/** First key of every Settle lease (PostgreSQL's two-key advisory locks); the second is the hashed name. */
const LOCK_NAMESPACE = 727_102;

export interface PostgresAdvisoryLockOptions {
  connectionString: string;
  /** How often a standby tries to take the lock. Default 1000 ms. */
  retryIntervalMs?: number;
  /** How often the holder checks that its connection is alive. Default 5000 ms. */
  heartbeatIntervalMs?: number;
}

/**
 * A PostgreSQL session advisory lock held on a connection of its own: it is released when the holder
 * releases it or when its connection ends (process killed, network gone), and the server then lets a
 * standby take it. Standbys poll `pg_try_advisory_lock`, so stopping one never waits on the server.
 */
export function postgresAdvisoryLock(options: PostgresAdvisoryLockOptions): ExclusiveLock {
  return { acquire: (name, signal) => acquireAdvisoryLock(name, signal, options) };
}

async function acquireAdvisoryLock(name: string, signal: AbortSignal, options: PostgresAdvisoryLockOptions): Promise<Lease> {
  const client = new Client({ connectionString: options.connectionString, application_name: `settle lock ${name}`.slice(0, 63) });
  let connectionError: Error | undefined;
  // Before connecting: an 'error' without a listener would crash the process.
  client.on('error', (error) => (connectionError = error));
  await client.connect();
  try {
    for (;;) {
      if (signal.aborted) throw new AbortedError();
      if (connectionError) throw connectionError;
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as locked', [
        LOCK_NAMESPACE,
        name,
      ]);
      if (rows[0].locked) break;
      await sleep(options.retryIntervalMs ?? 1000, signal);
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return holding(client, options.heartbeatIntervalMs ?? 5000);
}

function holding(client: Client, heartbeatIntervalMs: number): Lease {
  let released = false;
  let markLost!: (error: Error) => void;
  const lost = new Promise<Error>((resolve) => (markLost = resolve));
  const onLost = (error: Error) => {
    if (!released) markLost(error);
  };
  client.on('error', onLost);
  client.on('end', () => onLost(new Error('The lock connection ended')));
  // A dead TCP peer only shows when the connection is used.
  const heartbeat = setInterval(() => void client.query('select 1').catch(onLost), heartbeatIntervalMs);
  heartbeat.unref();
  return {
    lost,
    release: async () => {
      released = true;
      clearInterval(heartbeat);
      // Ending the session releases its advisory locks.
      await client.end().catch(() => undefined);
    },
  };
}
