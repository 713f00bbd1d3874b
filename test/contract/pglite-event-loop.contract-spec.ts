import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createPgliteEventStore, pgliteSqlClient, type SqlEventStore } from '@settle/event-store';

/**
 * PGlite runs statements in this thread and settles them without the event loop turning: a loop of them
 * (a catch-up, a collections cycle) must still let timers and sockets — the API's HTTP requests — run.
 */
describe('PGlite leaves the event loop turning', () => {
  let db: PGlite;
  let store: SqlEventStore;
  beforeAll(async () => {
    db = await PGlite.create();
    store = await createPgliteEventStore(db);
    await store.append('loop-stream', [{ id: randomUUID(), type: 'T', data: { n: 1 }, metadata: {} }], 'no_stream');
  }, 60_000);
  afterAll(async () => {
    await store?.dispose();
    await db?.close();
  });

  /** Runs `statement` back to back until a 5 ms timer has fired `wanted` times or `limitMs` passed. */
  async function ticksDuring(statement: () => Promise<unknown>, wanted = 20, limitMs = 4_000) {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    let statements = 0;
    try {
      while (ticks < wanted && performance.now() - started < limitMs) {
        await statement();
        statements++;
      }
    } finally {
      clearInterval(timer);
    }
    return { ticks, statements };
  }

  it('fires timers during a loop of statements through the SQL client', async () => {
    const sql = pgliteSqlClient(db);
    const { ticks, statements } = await ticksDuring(() => sql.query('SELECT 1'));
    expect(ticks).toBeGreaterThanOrEqual(20);
    expect(statements).toBeGreaterThan(ticks);
  }, 30_000);

  it('fires timers during a loop of reads inside transactions and of the event store', async () => {
    const sql = pgliteSqlClient(db);
    expect((await ticksDuring(() => sql.transaction((tx) => tx.query('SELECT 1')))).ticks).toBeGreaterThanOrEqual(20);
    expect((await ticksDuring(() => store.readStream('loop-stream'))).ticks).toBeGreaterThanOrEqual(20);
  }, 30_000);
});
