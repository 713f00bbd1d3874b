import { ClientFactsProjection, readCheckpoint } from '@settle/projections';
import { createTestDatabase } from '../support/postgres';
import { openPgliteDatabase } from './support/pglite-database';
import { postgresProcess } from './support/postgres-process';
import { hostFor } from './support/projection-fixtures';
import { writeSyntheticHistory } from './support/synthetic-history';

/**
 * A measurement, not a check: run with SETTLE_BENCH_CLIENTS=2000 (SETTLE_BENCH_MONTHS=24,
 * SETTLE_BENCH_BATCH=1000) to print the rebuild throughput of the client facts view on PGlite and
 * on PostgreSQL.
 */
const clients = Number(process.env.SETTLE_BENCH_CLIENTS ?? 0);
const months = Number(process.env.SETTLE_BENCH_MONTHS ?? 24);
const batchSize = Number(process.env.SETTLE_BENCH_BATCH ?? 1000);

(clients > 0 ? describe : describe.skip)('rebuild throughput', () => {
  it('on PGlite', async () => {
    const database = await openPgliteDatabase();
    try {
      const events = await writeSyntheticHistory(database.sql, { clients, months });
      const host = hostFor(database.store, database.sql, { projections: [new ClientFactsProjection()], runner: { batchSize } });
      await host.migrate();
      await measure('PGlite', events, async () => {
        host.startRunners();
        await host.waitUntilCaughtUp(600_000);
        await host.stopRunners();
      });
      expect((await readCheckpoint(database.sql, 'client_facts'))!.eventsHandled).toBe(events);
    } finally {
      await database.close();
    }
  }, 900_000);

  it('on PostgreSQL', async () => {
    const database = await createTestDatabase();
    const { sql, host, close } = await postgresProcess(database.url, 'bench', undefined, undefined, batchSize);
    try {
      const events = await writeSyntheticHistory(sql, { clients, months });
      await measure('PostgreSQL', events, async () => {
        host.startRunners();
        await host.waitUntilCaughtUp(600_000);
        await host.stopRunners();
      });
      expect((await readCheckpoint(sql, 'client_facts'))!.eventsHandled).toBe(events);
    } finally {
      await close();
      await database.drop();
    }
  }, 900_000);
});

async function measure(label: string, events: number, rebuild: () => Promise<void>): Promise<void> {
  const started = Date.now();
  await rebuild();
  const elapsed = Date.now() - started;
  process.stdout.write(
    `${label}: rebuilt ${events} events (${clients} clients) in ${elapsed} ms: ${Math.round((events * 1000) / elapsed)} events/s ` +
      `(batch ${batchSize}), rss ${Math.round(process.memoryUsage().rss / 1e6)} MB\n`,
  );
}
