import { DateTime } from 'luxon';
import { ManualClock, StreamCommandExecutor } from '@settle/command-pipeline';
import {
  ClientDirectory,
  CollectionsRunner,
  type CollectionsSubject,
  collectionsSubjectFold,
  type CycleSummary,
} from '@settle/collections';
import { openPgliteDatabase, type PgliteDatabase } from '../projections/support/pglite-database';
import { writeSyntheticHistory } from '../projections/support/synthetic-history';

/**
 * A measurement, not a check: SETTLE_BENCH_COLLECTIONS_CLIENTS=10000 (SETTLE_BENCH_MONTHS=6) prints
 * how long collections cycles over that many clients take on PGlite: the first after a start (the
 * directory reads the whole log and warms the cache), a repeat for the same instant (nothing to do),
 * and the next day's (decisions for the clients that need them).
 */
const clients = Number(process.env.SETTLE_BENCH_COLLECTIONS_CLIENTS ?? 0);
const months = Number(process.env.SETTLE_BENCH_MONTHS ?? 6);

(clients > 0 ? describe : describe.skip)('collections cycle throughput (PGlite)', () => {
  let database: PgliteDatabase;
  beforeAll(async () => {
    database = await openPgliteDatabase();
  }, 600_000);
  afterAll(async () => database?.close());

  it('runs cycles over every client', async () => {
    const generating = Date.now();
    const events = await writeSyntheticHistory(database.sql, { clients, months });
    process.stdout.write(`wrote ${events} events for ${clients} clients in ${Date.now() - generating} ms\n`);
    const clock = new ManualClock(DateTime.fromISO('2024-01-01T09:00:00Z', { zone: 'utc' }).plus({ months, days: 10 }));
    const executor = new StreamCommandExecutor<CollectionsSubject>(database.store, collectionsSubjectFold, clock, {
      cacheSize: clients + 100,
    });
    const runner = new CollectionsRunner(
      database.store,
      executor,
      new ClientDirectory(database.store, (read) => executor.observe(read)),
      clock,
    );
    const report = (label: string, summary: CycleSummary) =>
      process.stdout.write(
        `${label}: ${summary.clientsExamined} clients, ${summary.clientsActedOn} acted on, ${summary.eventsAppended} events, ` +
          `${summary.failures.length} failures in ${summary.durationMs} ms ${JSON.stringify(summary.commandsDecided)} rss ${Math.round(process.memoryUsage().rss / 1e6)} MB\n`,
      );
    report('first cycle (cold)', await runner.runCycle());
    report('same instant again', await runner.runCycle());
    clock.advance({ days: 1 });
    report('next day', await runner.runCycle());
    clock.advance({ hours: 1 });
    const hourly = await runner.runCycle();
    report('an hour later', hourly);
    expect(hourly.failures).toEqual([]);
  }, 1_200_000);
});
