import { CollectionsCycleTable, CollectionsProcess, DEFAULT_COLLECTIONS_SCHEDULE } from '@settle/collections';
import { preparedDataDir } from '../projections/support/pglite-database';
import { startTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

/** Longer than the process's one-second look at the clock: a cycle that were to run would have. */
const LONGER_THAN_A_CHECK_MS = 1_500;

/**
 * SPEC 5: the cycle runs on COLLECTIONS_SCHEDULE (every business day at 08:00 by default, here in
 * Amsterdam); a restart never runs an extra cycle; occurrences missed while the service was down run
 * once at start; `off` runs none but the requested. The app's clock is moved as the days go by.
 */
describe('the collections schedule, across restarts', () => {
  let data: { dataDir: string; remove(): Promise<void> };
  let app: TestApp | undefined;
  const boot = async (now: string, schedule?: string) => {
    app = await startTestApp({
      dataDir: data.dataDir,
      now,
      // The default schedule (every business day at 08:00) unless the test names another.
      env: { COLLECTIONS_TIMEZONE: 'Europe/Amsterdam', COLLECTIONS_SCHEDULE: schedule ?? DEFAULT_COLLECTIONS_SCHEDULE },
    });
    const running = app;
    await eventually(() => running.app.get(CollectionsProcess).isLeading);
    return running;
  };
  const stop = async () => {
    await app?.close();
    app = undefined;
  };
  const cycles = (running: TestApp) => running.app.get(CollectionsCycleTable).cycles();
  const cycleInstants = async (running: TestApp) => (await cycles(running)).map((cycle) => cycle.asOf);

  beforeAll(async () => (data = await preparedDataDir()));
  afterAll(async () => {
    await stop();
    await data.remove();
  });

  it('first start: no cycle; then one per occurrence as the days pass', async () => {
    const running = await boot('2026-03-02T10:00:00Z'); // Monday, 11:00 in Amsterdam
    await sleep(LONGER_THAN_A_CHECK_MS);
    expect(await cycles(running)).toEqual([]);

    running.clock.set('2026-03-03T07:00:00Z'); // Tuesday 08:00 in Amsterdam
    await eventually(async () => (await cycles(running)).length === 1);
    running.clock.set('2026-03-03T16:00:00Z');
    await sleep(LONGER_THAN_A_CHECK_MS);
    running.clock.set('2026-03-04T07:00:00Z');
    await eventually(async () => (await cycles(running)).length === 2);
    await sleep(LONGER_THAN_A_CHECK_MS);
    expect(await cycleInstants(running)).toEqual(['2026-03-03T07:00:00.000Z', '2026-03-04T07:00:00.000Z']);
  });

  it('a restart runs no extra cycle', async () => {
    await stop();
    const running = await boot('2026-03-04T09:00:00Z');
    await sleep(LONGER_THAN_A_CHECK_MS);
    expect(await cycleInstants(running)).toEqual(['2026-03-03T07:00:00.000Z', '2026-03-04T07:00:00.000Z']);
  });

  it('down over two occurrences: one catch-up cycle at start, then the schedule again', async () => {
    await stop();
    const running = await boot('2026-03-06T09:30:00Z'); // Friday; Thursday's and Friday's 08:00 were missed
    await eventually(async () => (await cycles(running)).length === 3);
    await sleep(LONGER_THAN_A_CHECK_MS);
    expect((await cycleInstants(running)).slice(2)).toEqual(['2026-03-06T09:30:00.000Z']);
    running.clock.set('2026-03-07T07:00:00Z'); // Saturday: no business day
    await sleep(LONGER_THAN_A_CHECK_MS);
    expect(await cycles(running)).toHaveLength(3);
  });

  it('off: no cycle at start or as the days pass, only on POST /v1/admin/collections/run', async () => {
    await stop();
    const running = await boot('2026-03-10T09:00:00Z', 'off');
    running.clock.set('2026-03-11T07:30:00Z');
    await sleep(LONGER_THAN_A_CHECK_MS);
    expect(await cycles(running)).toHaveLength(3);
    const { body } = await running.as('admin').post('/v1/admin/collections/run').send({}).expect(200);
    expect(body).toMatchObject({ asOf: '2026-03-11T07:30:00.000Z', failures: [] });
  });
});
