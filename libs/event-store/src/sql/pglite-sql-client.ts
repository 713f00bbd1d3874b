import { performance } from 'node:perf_hooks';
import type { PGlite, Results, Transaction } from '@electric-sql/pglite';
import { assertChannelName, type SqlClient, type SqlExecutor, type SqlResult } from './sql-client';

/**
 * How long statements may run back to back before the event loop gets a turn. PGlite runs each statement
 * synchronously in this thread and settles its promise without the event loop turning, so a loop of
 * statements (a catch-up, a collections cycle) would hold off timers, sockets and every HTTP request until
 * it ended: the API answered nothing for a minute while catching up half a million events.
 */
const PGLITE_TURN_EVERY_MS = 10;

/** A `SqlClient` over one PGlite instance. The instance stays the caller's: nothing here closes it. */
export function pgliteSqlClient(db: PGlite): SqlClient {
  const turns = eventLoopTurns();
  return {
    ...executor(db, turns),
    transaction: (work) => db.transaction((tx) => work(executor(tx, turns))),
    listen: async (channel, handlers) => {
      assertChannelName(channel);
      const unlisten = await db.listen(channel, () => handlers.notify());
      // PGlite lives in this process: its notifications cannot be lost, only stopped on close.
      return () => (db.closed ? Promise.resolve() : unlisten());
    },
  };
}

function executor(db: PGlite | Transaction, turns: EventLoopTurns): SqlExecutor {
  return {
    query: async <Row>(text: string, params?: readonly unknown[]) => {
      const result: Results<Row> = await db.query<Row>(text, params as unknown[]);
      await turns.afterStatement();
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 } satisfies SqlResult<Row>;
    },
  };
}

interface EventLoopTurns {
  afterStatement(): Promise<void>;
}

/** Gives the event loop a turn once statements have run `PGLITE_TURN_EVERY_MS` without one. */
function eventLoopTurns(): EventLoopTurns {
  let lastTurn = performance.now();
  return {
    afterStatement: async () => {
      if (performance.now() - lastTurn < PGLITE_TURN_EVERY_MS) return;
      await new Promise<void>((turned) => setImmediate(turned));
      lastTurn = performance.now();
    },
  };
}
