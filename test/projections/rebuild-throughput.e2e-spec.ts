import { ClientFactsProjection, readCheckpoint } from '@settle/projections';
import { openPgliteDatabase, PgliteDatabase } from './support/pglite-database';
import { hostFor } from './support/projection-fixtures';
import { writeSyntheticHistory } from './support/synthetic-history';

/**
 * A measurement, not a check: run with SETTLE_BENCH_CLIENTS=2000 SETTLE_BENCH_MONTHS=24 (and
 * SETTLE_BENCH_BATCH=…) to print the rebuild throughput of the client facts view on PGlite.
 */
const clients = Number(process.env.SETTLE_BENCH_CLIENTS ?? 0);
const months = Number(process.env.SETTLE_BENCH_MONTHS ?? 24);
const batchSize = Number(process.env.SETTLE_BENCH_BATCH ?? 1000);

(clients > 0 ? describe : describe.skip)('rebuild throughput (PGlite)', () => {
  let database: PgliteDatabase;
  beforeAll(async () => {
    database = await openPgliteDatabase();
  }, 600_000);
  afterAll(async () => database?.close());

  it('rebuilds the client facts view', async () => {
    const generating = Date.now();
    const events = await writeSyntheticHistory(database.sql, { clients, months });
    process.stdout.write(`wrote ${events} events for ${clients} clients in ${Date.now() - generating} ms\n`);
    const host = hostFor(database.store, database.sql, { projections: [new ClientFactsProjection()], runner: { batchSize } });
    await host.migrate();
    const started = Date.now();
    host.startRunners();
    await host.waitUntilCaughtUp(600_000);
    const elapsed = Date.now() - started;
    await host.stopRunners();
    expect((await readCheckpoint(database.sql, 'client_facts'))!.eventsHandled).toBe(events);
    process.stdout.write(
      `rebuilt ${events} events in ${elapsed} ms: ${Math.round((events * 1000) / elapsed)} events/s (batch ${batchSize}), rss ${Math.round(process.memoryUsage().rss / 1e6)} MB\n`,
    );
  }, 600_000);
});
