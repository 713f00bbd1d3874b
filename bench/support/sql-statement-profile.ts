import { writeFileSync } from 'node:fs';
import type { SqlClient, SqlExecutor } from '@settle/event-store';

/**
 * A diagnostic, not a benchmark: preloaded into the API process when SETTLE_SQL_PROFILE is set (see
 * api-process.ts), it counts and times every SQL statement Settle sends through its SqlClient adapters,
 * to show where a request's time goes:
 *
 *   SETTLE_SQL_PROFILE=/tmp/sql npm run bench -- --only=http --stores=pglite   # → /tmp/sql.http-pglite.tsv
 *
 * SIGWINCH resets the counts (the benchmark sends it when its measured run starts); the table (calls,
 * total and mean wall time; PGlite runs one statement at a time, so waiting for it counts too) is
 * written to SETTLE_SQL_PROFILE every 2 s.
 */
type Factory = (connection: never) => SqlClient;
interface Counted {
  calls: number;
  millis: number;
}

const counts = new Map<string, Counted>();
const count = (key: string, started: number) => {
  const entry = counts.get(key) ?? { calls: 0, millis: 0 };
  entry.calls++;
  entry.millis += performance.now() - started;
  counts.set(key, entry);
};

const counting = (executor: SqlExecutor): SqlExecutor => ({
  query: <Row>(text: string, params?: readonly unknown[]) => {
    const started = performance.now();
    return executor.query<Row>(text, params).finally(() => count(text.replace(/\s+/g, ' ').trim().slice(0, 100), started));
  },
});

const countingClient =
  (create: Factory): Factory =>
  (connection) => {
    const client = create(connection);
    return {
      ...client,
      ...counting(client),
      transaction: (work) => {
        const started = performance.now();
        return client.transaction((tx) => work(counting(tx))).finally(() => count('<transaction>', started));
      },
    };
  };

// The adapters' own modules: the event-store index re-exports them through getters, so replacing the export here reaches every caller.
for (const [path, name] of [
  ['../../libs/event-store/src/sql/pglite-sql-client', 'pgliteSqlClient'],
  ['../../libs/event-store/src/sql/pg-sql-client', 'pgSqlClient'],
] as const) {
  const adapter = require(path) as Record<string, Factory>;
  adapter[name] = countingClient(adapter[name]);
}

const write = () => {
  const rows = [...counts.entries()].sort((a, b) => b[1].millis - a[1].millis);
  const table = rows.map(
    ([statement, { calls, millis }]) => `${calls}\t${millis.toFixed(0)} ms\t${(millis / calls).toFixed(2)} ms\t${statement}`,
  );
  writeFileSync(process.env.SETTLE_SQL_PROFILE ?? 'sql-profile.tsv', `calls\ttotal\tmean\tstatement\n${table.join('\n')}\n`);
};
// Not SIGUSR1/2: Node opens its inspector on the one, and Nest's shutdown hooks stop the API on the other.
process.on('SIGWINCH', () => counts.clear());
// The API ends on a signal, without an 'exit' event: keep the file current instead.
setInterval(write, 2000).unref();
