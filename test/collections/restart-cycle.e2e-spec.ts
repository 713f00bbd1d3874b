import { DateTime } from 'luxon';
import { ManualClock, StreamCommandExecutor } from '@settle/command-pipeline';
import {
  ClientDirectory,
  CollectionsCases,
  CollectionsRunner,
  CollectionsStreamTable,
  type CollectionsSubject,
  collectionsSubjectFold,
  type CyclePreview,
  decodeSnapshot,
  encodeSnapshot,
  KeptSnapshots,
} from '@settle/collections';
import { type EventStore, type RecordedEvent } from '@settle/event-store';
import { openPgliteDatabase, type PgliteDatabase } from '../projections/support/pglite-database';
import { writeSyntheticHistory } from '../projections/support/synthetic-history';

const CLIENTS = 40;
const MONTHS = 6;

/** The store, counting what is read through it: events of the log, and streams read from their start. */
const counting = (store: EventStore) => {
  const reads = { logEvents: 0, wholeStreams: 0 };
  const counted: EventStore = Object.create(store) as EventStore;
  counted.readAll = async (options) => {
    const events = await store.readAll(options);
    reads.logEvents += events.length;
    return events;
  };
  counted.readStream = async (streamId, options) => {
    if (options?.fromRevision === undefined || options.fromRevision === 0n) reads.wholeStreams++;
    return store.readStream(streamId, options);
  };
  return { store: counted, reads };
};

/** A collections process as the runtime wires it: executor, directory and runner over one stream cache. */
const collectionsProcess = (
  store: EventStore,
  clock: ManualClock,
  streamCache: CollectionsStreamTable | undefined,
  cacheFoldedEvents?: number,
) => {
  const executor = new StreamCommandExecutor<CollectionsSubject>(store, collectionsSubjectFold, clock, { cacheFoldedEvents });
  const directory = new ClientDirectory(
    store,
    (events: readonly RecordedEvent[]) => executor.observe(events),
    streamCache && (() => streamCache.loadDirectory()),
  );
  const kept = new KeptSnapshots(store, executor, directory, clock, streamCache);
  const runner = new CollectionsRunner(store, executor, directory, clock, undefined, { kept });
  const cases = new CollectionsCases(executor, directory, undefined, kept);
  return { executor, directory, runner, cases };
};

const decisionsOf = (preview: CyclePreview) => ({
  clients: preview.clients,
  commandsDecided: preview.commandsDecided,
  eventsToAppend: preview.eventsToAppend,
  clientsExamined: preview.clientsExamined,
});

describe('the collections cycle after a restart (issue 15, goal 5)', () => {
  let database: PgliteDatabase;
  let clock: ManualClock;
  let streamCache: CollectionsStreamTable;
  let logEvents: number;

  beforeAll(async () => {
    database = await openPgliteDatabase();
    logEvents = await writeSyntheticHistory(database.sql, { clients: CLIENTS, months: MONTHS });
    clock = new ManualClock(DateTime.fromISO('2024-01-01T09:00:00Z', { zone: 'utc' }).plus({ months: MONTHS, days: 10 }));
    streamCache = await CollectionsStreamTable.migrate(database.sql);
  }, 300_000);
  afterAll(async () => database?.close());

  it('decides exactly what the process that never stopped decides, without reading the log or the streams again', async () => {
    const running = collectionsProcess(database.store, clock, streamCache);
    const firstDay = await running.runner.runCycle();
    expect(firstDay.failures).toEqual([]);
    expect(firstDay.eventsAppended).toBeGreaterThan(0);

    clock.advance({ days: 20 });
    const withoutRestart = await running.runner.previewCycle();
    expect(withoutRestart.eventsToAppend).toBeGreaterThan(0);

    const { store, reads } = counting(database.store);
    const restarted = collectionsProcess(store, clock, streamCache);
    const afterRestart = await restarted.runner.previewCycle();
    expect(decisionsOf(afterRestart)).toEqual(decisionsOf(withoutRestart));
    // The directory was kept at the last preview, after the first day's decisions: nothing of the log is read
    // again, and whole streams only for the start-up check of the kept snapshots.
    expect(reads.logEvents).toBe(0);
    expect(reads.wholeStreams).toBeLessThanOrEqual(3);

    // And what it records is what the preview of the process that never stopped said.
    const recorded = await restarted.runner.runCycle();
    expect(recorded.failures).toEqual([]);
    expect(recorded.commandsDecided).toEqual(withoutRestart.commandsDecided);
    expect(recorded.eventsAppended).toBe(withoutRestart.eventsToAppend);

    // Restarted again: the log is read from the directory kept when that cycle began, so its decisions only.
    const { store: againStore, reads: againReads } = counting(database.store);
    const restartedAgain = collectionsProcess(againStore, clock, streamCache);
    expect((await restartedAgain.runner.runCycle()).eventsAppended).toBe(0);
    expect(againReads.logEvents).toBe(recorded.eventsAppended);
    expect(againReads.logEvents).toBeLessThan(logEvents / 10);
    expect((await running.runner.runCycle()).eventsAppended).toBe(0);
  }, 300_000);

  it('keeps each snapshot as its stream folds, and a cache bounded by folded events decides (and lists the worklist) the same for the clients it let go', async () => {
    clock.advance({ days: 20 });
    const warm = collectionsProcess(database.store, clock, undefined);
    const expected = decisionsOf(await warm.runner.previewCycle());
    expect(expected.eventsToAppend).toBeGreaterThan(0);
    const worklist = await warm.cases.worklist(clock.now());
    expect(worklist.length).toBeGreaterThan(0);

    // Every kept snapshot is the fold of its stream up to its revision, and reads back as written.
    const clients = warm.directory.list();
    const kept = await streamCache.loadSnapshots(clients.map((client) => client.streamId));
    expect(kept.size).toBe(CLIENTS);
    for (const client of clients) {
      const snapshot = kept.get(client.streamId)!;
      const fresh = collectionsProcess(database.store, clock, undefined).executor;
      const folded = await fresh.load(client.streamId);
      expect(snapshot.revision).toBe(folded.revision);
      expect(encodeSnapshot(snapshot)).toBe(encodeSnapshot(folded));
      expect(encodeSnapshot(decodeSnapshot(encodeSnapshot(folded)))).toBe(encodeSnapshot(folded));
    }

    // Room for a few clients only: most are let go during the cycle, and decided the same.
    const folded = Number(clients.reduce((sum, client) => sum + client.revision + 1n, 0n));
    for (const cache of [streamCache, undefined]) {
      const bounded = collectionsProcess(database.store, clock, cache, Math.ceil(folded / 8));
      expect(decisionsOf(await bounded.runner.previewCycle())).toEqual(expected);
      expect(await bounded.cases.worklist(clock.now())).toEqual(worklist);
      const stillCached = clients.filter((client) => bounded.executor.isCached(client.streamId)).length;
      expect(stillCached).toBeGreaterThan(0);
      expect(stillCached).toBeLessThan(CLIENTS / 4);
    }
  }, 300_000);

  it('forgets kept snapshots that differ from their streams’ fold, and decides from the streams', async () => {
    clock.advance({ days: 20 });
    const expected = decisionsOf(await collectionsProcess(database.store, clock, undefined).runner.previewCycle());
    // A snapshot that is not its stream's fold (as after a change of the fold without a new format).
    await database.sql.query(`update collections_streams set snapshot = replace(snapshot, '"clientId":"', '"clientId":"x')`);
    const warnings: string[] = [];
    const { store } = counting(database.store);
    const executor = new StreamCommandExecutor<CollectionsSubject>(store, collectionsSubjectFold, clock);
    const directory = new ClientDirectory(
      store,
      (events) => executor.observe(events),
      () => streamCache.loadDirectory(),
    );
    const runner = new CollectionsRunner(store, executor, directory, clock, undefined, {
      kept: new KeptSnapshots(store, executor, directory, clock, streamCache, (message) => warnings.push(message)),
    });
    expect(decisionsOf(await runner.previewCycle())).toEqual(expected);
    expect(warnings).toHaveLength(1);
    const { rows } = await database.sql.query<{ kept: number }>(
      `select count(*)::int as kept from collections_streams where snapshot like '%"clientId":"x%'`,
    );
    expect(rows[0].kept).toBe(0);
  }, 300_000);
});
