import { Pool } from 'pg';
import { createPostgresEventStore, type EventStore } from '@settle/event-store';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { Collector, eventually, ids, newEvent, newStreamId } from './event-store.contract-helpers';

/** PostgreSQL only: subscriptions wake on LISTEN/NOTIFY across processes, not on their polling. */
describe('PostgreSQL event store wake-ups', () => {
  const slowPoll = 60_000;
  let database: TestDatabase;
  let pools: Pool[];
  let subscriberSide: EventStore;
  let writerSide: EventStore;
  let collector: Collector;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Two pools stand for two processes: only a notification carries news from one to the other.
    pools = [0, 1].map(() => new Pool({ connectionString: database.url }).on('error', () => undefined));
    subscriberSide = await createPostgresEventStore(pools[0], { pollIntervalMs: slowPoll });
    writerSide = await createPostgresEventStore(pools[1]);
    collector = Collector.start(subscriberSide, {});
    await eventually(() => (collector.caughtUp > 0 ? true : undefined), 'the subscription to catch up');
  });

  afterAll(async () => {
    await Promise.all([subscriberSide.dispose(), writerSide.dispose()]);
    await Promise.all(pools.map((pool) => pool.end()));
    await database.drop();
  });

  const listeners = async () =>
    (
      await pools[1].query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %' and state = 'idle'`,
      )
    ).rows.map((row) => row.pid);

  async function expectDeliveredWithoutPolling() {
    const event = newEvent();
    const started = Date.now();
    await writerSide.append(newStreamId('wake'), [event], 'no_stream');
    await collector.waitFor(ids([event]));
    expect(Date.now() - started).toBeLessThan(slowPoll / 4);
  }

  it('wakes on a notification from another process', async () => {
    await expectDeliveredWithoutPolling();
  });

  it('listens again after its listening connection is killed', async () => {
    const [listener] = await eventually(async () => ((await listeners()).length === 1 ? listeners() : undefined), 'one listener');
    await pools[1].query('select pg_terminate_backend($1)', [listener]);

    await eventually(async () => ((await listeners()).some((pid) => pid !== listener) ? true : undefined), 'a new listener');

    await expectDeliveredWithoutPolling();
    expect(collector.errors).toEqual([]);
  });
});
