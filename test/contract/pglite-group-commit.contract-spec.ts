import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import {
  createPgliteEventStore,
  EventIdConflictError,
  type EventToAppend,
  type SqlEventStore,
  WrongExpectedRevisionError,
} from '@settle/event-store';
import { copyPgliteTemplate } from '../setup/pglite-template';

/** PGlite groups appends that queue for its single connection: every append keeps its own outcome. */
describe('PGlite group commit', () => {
  let dir: string;
  let db: PGlite;
  let store: SqlEventStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'settle-group-'));
    await copyPgliteTemplate(dir);
    db = await PGlite.create(dir);
    store = await createPgliteEventStore(db);
  });
  afterAll(async () => {
    await store?.dispose();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const events = (n: number, id = () => randomUUID()): EventToAppend[] =>
    Array.from({ length: n }, (_, i) => ({ id: id(), type: 'T', data: { i }, metadata: {} }));

  it('settles a burst of concurrent appends with the outcome each would have alone', async () => {
    await store.append('taken', events(1), 'no_stream');
    const reusedId = randomUUID();
    await store.append(
      'owner',
      events(1, () => reusedId),
      'no_stream',
    );

    const burst = await Promise.allSettled([
      ...Array.from({ length: 30 }, (_, i) => store.append(`fresh-${i}`, events(2), 'no_stream')),
      store.append('taken', events(1), 'no_stream'), // lost race
      store.append(
        'thief',
        events(1, () => reusedId),
        'no_stream',
      ), // id of an event in another stream
      ...Array.from({ length: 5 }, () => store.append('contended', events(1), 'any')),
    ]);

    const fresh = burst.slice(0, 30);
    expect(fresh.every((outcome) => outcome.status === 'fulfilled' && outcome.value.nextRevision === 1n)).toBe(true);
    expect(burst[30]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedRevisionError) });
    expect(burst[31]).toMatchObject({ status: 'rejected', reason: expect.any(EventIdConflictError) });
    const contended = burst.slice(32).map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.nextRevision : undefined));
    expect([...contended].sort()).toEqual([0n, 1n, 2n, 3n, 4n]);

    expect(await store.readStream('taken')).toHaveLength(1);
    expect(await store.readStream('thief')).toHaveLength(0);
    expect(await store.readStream('contended')).toHaveLength(5);
    const all = await store.readAll({ maxCount: 1000 });
    expect(all).toHaveLength(2 + 60 + 5);
    expect(new Set(all.map((event) => event.position)).size).toBe(all.length);
  });
});
