import { DateTime } from 'luxon';
import { type ClientAccountEvent, type DeciderFold } from '@settle/domain';
import { InMemoryEventStore } from '@settle/event-store';
import { ManualClock } from './clock';
import { type CommandContext } from './event-metadata';
import { verifyChain } from './hash-chain';
import { DEFAULT_CACHE_FOLDED_EVENTS, type DecidedStreamCommand, StreamCommandExecutor } from './stream-command-executor';

/** A fold that only remembers which late fees were charged: enough to decide "once per invoice". */
type Charged = ReadonlySet<string>;
const fold: DeciderFold<ClientAccountEvent, Charged> = {
  initialState: () => new Set(),
  evolve: (state, event) => (event.type === 'LateFeeCharged' ? new Set(state).add(event.data.invoiceId) : state),
};
const fee = (invoiceId: string, amount = '4000'): ClientAccountEvent => ({
  type: 'LateFeeCharged',
  data: { clientId: 'acme', invoiceId, amount, chargedOn: '2026-03-16' },
});
/** One command per invoice not charged yet, as a process run would decide them. */
const chargeEach =
  (...invoiceIds: string[]) =>
  (state: Charged): DecidedStreamCommand[] =>
    invoiceIds.map((invoiceId) => ({
      commandId: `collections:acme:charge-late-fee:${invoiceId}`,
      content: { invoiceId },
      events: state.has(invoiceId) ? [] : [fee(invoiceId)],
    }));

const context: CommandContext = { actor: 'collections', role: 'system', source: 'collections', correlationId: 'cycle-1' };
const streamId = 'client-acme';

describe('StreamCommandExecutor.executeBatch (a process run: several commands, one append)', () => {
  let store: InMemoryEventStore;
  let executor: StreamCommandExecutor<Charged>;
  beforeEach(() => {
    store = new InMemoryEventStore();
    executor = new StreamCommandExecutor(store, fold, new ManualClock(DateTime.fromISO('2026-03-16T10:00:00Z', { zone: 'utc' })));
  });

  it('records each command under its own id and hash, in one append with one hash chain', async () => {
    const append = jest.spyOn(store, 'append');
    const outcome = await executor.executeBatch({ streamId, decide: chargeEach('INV-1', 'INV-2') }, context);
    expect(outcome.recorded).toEqual(['collections:acme:charge-late-fee:INV-1', 'collections:acme:charge-late-fee:INV-2']);
    expect(append).toHaveBeenCalledTimes(1);
    const events = await store.readStream(streamId);
    expect(events.map((event) => event.metadata.commandId)).toEqual(outcome.recorded);
    expect(events[0].metadata.commandHash).not.toEqual(events[1].metadata.commandHash);
    expect(events[0].metadata).toMatchObject({ source: 'collections', correlationId: 'cycle-1', recordedAt: '2026-03-16T10:00:00.000Z' });
    expect(verifyChain(events)).toEqual({ valid: true, events: 2 });
    expect([...outcome.snapshot.state]).toEqual(['INV-1', 'INV-2']);
  });

  it('derives event ids from the command id, so the same decision always has the same event id', async () => {
    await executor.executeBatch({ streamId, decide: chargeEach('INV-1') }, context);
    const elsewhere = new InMemoryEventStore();
    await new StreamCommandExecutor(elsewhere, fold, new ManualClock(DateTime.utc())).executeBatch(
      { streamId, decide: chargeEach('INV-1') },
      context,
    );
    expect((await store.readStream(streamId))[0].id).toBe((await elsewhere.readStream(streamId))[0].id);
  });

  it('drops commands that decided nothing and appends nothing when a run repeats', async () => {
    await executor.executeBatch({ streamId, decide: chargeEach('INV-1') }, context);
    const again = await executor.executeBatch({ streamId, decide: chargeEach('INV-1', 'INV-2') }, context);
    expect(again.recorded).toEqual(['collections:acme:charge-late-fee:INV-2']);
    const nothing = await executor.executeBatch({ streamId, decide: chargeEach('INV-1', 'INV-2') }, context);
    expect(nothing).toMatchObject({ recorded: [], alreadyRecorded: [], appended: [] });
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('skips a command recorded before with the same content and refuses its id with other content', async () => {
    await executor.executeBatch({ streamId, decide: chargeEach('INV-1') }, context);
    const sameAgain = () => [
      { commandId: 'collections:acme:charge-late-fee:INV-1', content: { invoiceId: 'INV-1' }, events: [fee('INV-1')] },
    ];
    expect(await executor.executeBatch({ streamId, decide: sameAgain }, context)).toMatchObject({
      recorded: [],
      alreadyRecorded: ['collections:acme:charge-late-fee:INV-1'],
    });
    const otherContent = () => [
      { commandId: 'collections:acme:charge-late-fee:INV-1', content: { invoiceId: 'INV-9' }, events: [fee('INV-9')] },
    ];
    await expect(executor.executeBatch({ streamId, decide: otherContent }, context)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'id_reused',
    });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('re-decides on fresh state when another process appended in between', async () => {
    const otherProcess = new StreamCommandExecutor(store, fold, new ManualClock(DateTime.utc()));
    await executor.executeBatch({ streamId, decide: chargeEach('INV-0') }, context); // warms this process's cache
    await otherProcess.executeBatch({ streamId, decide: chargeEach('INV-1') }, context);
    const decide = jest.fn(chargeEach('INV-1', 'INV-2'));
    // The stale hint makes the first attempt decide on the cached state; the append then loses the race.
    const outcome = await executor.executeBatch({ streamId, decide, knownRevision: 0n }, context);
    expect(decide).toHaveBeenCalledTimes(2);
    expect(outcome.recorded).toEqual(['collections:acme:charge-late-fee:INV-2']);
    expect((await store.readStream(streamId)).map((event) => (event.data as { invoiceId: string }).invoiceId)).toEqual([
      'INV-0',
      'INV-1',
      'INV-2',
    ]);
  });

  it('reads the stream first when the cache is behind the revision the caller already saw', async () => {
    const otherProcess = new StreamCommandExecutor(store, fold, new ManualClock(DateTime.utc()));
    await executor.executeBatch({ streamId, decide: chargeEach('INV-0') }, context); // cache at revision 0
    await otherProcess.executeBatch({ streamId, decide: chargeEach('INV-1') }, context); // the stream at revision 1
    const decide = jest.fn(chargeEach('INV-1', 'INV-2'));
    const outcome = await executor.executeBatch({ streamId, decide, knownRevision: 1n }, context);
    expect(decide).toHaveBeenCalledTimes(1);
    expect(outcome.recorded).toEqual(['collections:acme:charge-late-fee:INV-2']);
  });
});

describe('StreamCommandExecutor.observe + knownRevision (a warm cache without reading each stream)', () => {
  it('folds events read from the whole store into the snapshots they continue', async () => {
    const store = new InMemoryEventStore();
    const clock = new ManualClock(DateTime.utc());
    const writer = new StreamCommandExecutor(store, fold, clock);
    await writer.executeBatch({ streamId, decide: chargeEach('INV-1') }, context);
    await writer.executeBatch({ streamId: 'client-other', decide: chargeEach('INV-7') }, context);
    await writer.executeBatch({ streamId, decide: chargeEach('INV-2') }, context);

    const reader = new StreamCommandExecutor(store, fold, clock);
    reader.observe(await store.readAll());
    const readStream = jest.spyOn(store, 'readStream');
    const snapshot = await reader.load(streamId, 1n);
    expect(readStream).not.toHaveBeenCalled();
    expect(snapshot.revision).toBe(1n);
    expect([...snapshot.state]).toEqual(['INV-1', 'INV-2']);
    // Its hash chain continues: an append on the observed snapshot is accepted and verifies.
    await reader.executeBatch({ streamId, decide: chargeEach('INV-3'), knownRevision: 1n }, context);
    expect(verifyChain(await store.readStream(streamId))).toEqual({ valid: true, events: 3 });
  });

  it('ignores events that do not continue a snapshot and reads them on the next load', async () => {
    const store = new InMemoryEventStore();
    const clock = new ManualClock(DateTime.utc());
    const writer = new StreamCommandExecutor(store, fold, clock);
    await writer.executeBatch({ streamId, decide: chargeEach('INV-1') }, context);
    await writer.executeBatch({ streamId, decide: chargeEach('INV-2') }, context);
    const reader = new StreamCommandExecutor(store, fold, clock);
    reader.observe((await store.readAll()).slice(1)); // revision 1 without revision 0: a gap
    expect([...(await reader.load(streamId, 1n)).state]).toEqual(['INV-1', 'INV-2']);
  });
});

describe('StreamCommandExecutor cache bounded by folded events', () => {
  const clock = new ManualClock(DateTime.fromISO('2026-03-16T10:00:00Z', { zone: 'utc' }));
  const charge = (executor: StreamCommandExecutor<Charged>, stream: string, ...invoiceIds: string[]) =>
    executor.executeBatch({ streamId: stream, decide: chargeEach(...invoiceIds) }, context);

  it('lets the least recently used streams go when their folded events pass the bound, and reads them again the same', async () => {
    const store = new InMemoryEventStore();
    const executor = new StreamCommandExecutor(store, fold, clock, { cacheFoldedEvents: 5 });
    await charge(executor, 'client-a', 'INV-1', 'INV-2');
    await charge(executor, 'client-b', 'INV-1', 'INV-2');
    expect([executor.isCached('client-a'), executor.isCached('client-b')]).toEqual([true, true]);
    await charge(executor, 'client-c', 'INV-1', 'INV-2', 'INV-3');
    expect([executor.isCached('client-a'), executor.isCached('client-b'), executor.isCached('client-c')]).toEqual([false, true, true]);
    const read = jest.spyOn(store, 'readStream');
    expect([...(await executor.load('client-a')).state]).toEqual(['INV-1', 'INV-2']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('is bounded by folded events when no bound is given: a long stream pushes the least recently used out, which folds again the same', async () => {
    const counted: DeciderFold<ClientAccountEvent, number> = { initialState: () => 0, evolve: (events) => events + 1 };
    const store = new InMemoryEventStore();
    // Two streams that fit the default bound only one at a time.
    const length = DEFAULT_CACHE_FOLDED_EVENTS / 2 + 1;
    for (const stream of ['client-a', 'client-b']) {
      await store.append(
        stream,
        Array.from({ length }, (_, index) => ({ id: `${stream}-${index}`, type: 'ClientNoteAdded', data: {}, metadata: {} })),
        'no_stream',
      );
    }
    const executor = new StreamCommandExecutor(store, counted, clock);
    executor.observe(await store.readAll());
    expect([executor.isCached('client-a'), executor.isCached('client-b')]).toEqual([false, true]);
    const read = jest.spyOn(store, 'readStream');
    const again = await executor.load('client-a');
    expect([again.state, again.revision]).toEqual([length, BigInt(length - 1)]);
    expect(read).toHaveBeenCalledTimes(1);
    expect([executor.isCached('client-a'), executor.isCached('client-b')]).toEqual([true, false]);
  });

  it('remembers a snapshot folded elsewhere unless it already holds the stream as far, and decides on it without a read', async () => {
    const store = new InMemoryEventStore();
    const writer = new StreamCommandExecutor(store, fold, clock);
    const early = (await charge(writer, streamId, 'INV-1')).snapshot;
    const late = (await charge(writer, streamId, 'INV-2')).snapshot;
    const executor = new StreamCommandExecutor(store, fold, clock);
    executor.remember(streamId, late);
    executor.remember(streamId, early);
    const read = jest.spyOn(store, 'readStream');
    expect((await executor.load(streamId, late.revision)).revision).toBe(late.revision);
    expect((await charge(executor, streamId, 'INV-1', 'INV-2')).recorded).toEqual([]);
    expect(read).not.toHaveBeenCalled();
  });
});
