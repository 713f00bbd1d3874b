import type { PGlite, Results, Transaction } from '@electric-sql/pglite';
import { assertChannelName, type SqlClient, type SqlExecutor, type SqlResult } from './sql-client';

/** A `SqlClient` over one PGlite instance. The instance stays the caller's: nothing here closes it. */
export function pgliteSqlClient(db: PGlite): SqlClient {
  return {
    ...executor(db),
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    listen: async (channel, handlers) => {
      assertChannelName(channel);
      const unlisten = await db.listen(channel, () => handlers.notify());
      // PGlite lives in this process: its notifications cannot be lost, only stopped on close.
      return () => (db.closed ? Promise.resolve() : unlisten());
    },
  };
}

function executor(db: PGlite | Transaction): SqlExecutor {
  return {
    query: <Row>(text: string, params?: readonly unknown[]) =>
      db.query<Row>(text, params as unknown[]).then((result: Results<Row>): SqlResult<Row> => ({
        rows: result.rows,
        rowCount: result.affectedRows ?? 0,
      })),
  };
}
