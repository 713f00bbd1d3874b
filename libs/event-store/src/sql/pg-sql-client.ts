import type { Pool, PoolClient, QueryResult } from 'pg';
import { assertChannelName, type NotificationHandlers, type SqlClient, type SqlExecutor, type SqlResult } from './sql-client';

/** A `SqlClient` over a node-postgres pool. The pool stays the caller's: nothing here ends it. */
export function pgSqlClient(pool: Pool): SqlClient {
  return {
    query: <Row>(text: string, params?: readonly unknown[]) => pool.query(text, params as unknown[]).then(toSqlResult<Row>),
    transaction: (work) => inTransaction(pool, work),
    listen: (channel, handlers) => listen(pool, channel, handlers),
  };
}

function toSqlResult<Row>(result: QueryResult): SqlResult<Row> {
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}

function executor(client: PoolClient): SqlExecutor {
  return {
    query: <Row>(text: string, params?: readonly unknown[]) => client.query(text, params as unknown[]).then(toSqlResult<Row>),
  };
}

async function inTransaction<T>(pool: Pool, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection the server ends mid-transaction fails the statement and also emits 'error', which
  // would crash the process unheard (the pool only listens to idle clients); the failed statement is what counts.
  const ignoreConnectionError = () => undefined;
  client.on('error', ignoreConnectionError);
  try {
    await client.query('begin');
    const result = await work(executor(client));
    await client.query('commit');
    client.off('error', ignoreConnectionError);
    client.release();
    return result;
  } catch (error) {
    // A connection that cannot even roll back is broken: destroy it rather than pool it.
    await client.query('rollback').then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    client.off('error', ignoreConnectionError);
    throw error;
  }
}

/** Holds one pooled connection for as long as it listens. */
async function listen(pool: Pool, channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>> {
  assertChannelName(channel);
  const client = await pool.connect();
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.off('notification', onNotification);
    client.off('error', onError);
    // Destroyed, not pooled: the connection is still subscribed to the channel.
    client.release(error ?? true);
  };
  const onNotification = (message: { channel: string }) => {
    if (message.channel === channel) handlers.notify();
  };
  const onError = (error: Error) => {
    release(error);
    handlers.lost(error);
  };
  client.on('notification', onNotification);
  client.on('error', onError);
  try {
    await client.query(`listen ${channel}`);
  } catch (error) {
    release(error as Error);
    throw error;
  }
  return async () => release();
}
