import { DateTime } from 'luxon';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type StoredJsonEvent,
  type StreamGroup,
} from '@settle/event-store';
import {
  Collector,
  eventually,
  expectExactlyOnce,
  expectStreamsInRevisionOrder,
  head,
  ids,
  newEvent,
  newEvents,
  newStreamId,
  readAllAfter,
  readAllUntil,
  sleep,
} from './event-store.contract-helpers';

/** An append whose transaction is written but not yet committed. */
export interface UncommittedAppend {
  commit(): Promise<void>;
}

export interface EventStoreFixture {
  store: EventStore;
  /** Disposes the store and opens a new one over the same storage, as a process restart would. */
  restart?: () => Promise<EventStore>;
  /**
   * Appends inside a transaction that stays open until `commit()`: resolves once the events are
   * written. Only where a late commit can happen, so the "never skips" case can force one.
   */
  appendUncommitted?: (streamId: string, events: EventToAppend[], expected: ExpectedRevision) => Promise<UncommittedAppend>;
  /** Releases everything, including a store that `restart` returned. */
  teardown(): Promise<void>;
}

export interface EventStoreContractOptions {
  /** Why a case is physically impossible for this adapter: it is skipped, with the reason in its name. */
  skip?: { restart?: string; lateCommit?: string };
}

/**
 * The behaviour every event-store adapter must show. Positions are treated as opaque strings
 * throughout (an EventStoreDB position is a commit/prepare pair): they are only passed back.
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStoreFixture>,
  options: EventStoreContractOptions = {},
): void {
  describe(`event store contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;

    beforeAll(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterAll(() => fixture?.teardown());

    describe('append and read', () => {
      it('reads back a stream with types, data and metadata intact', async () => {
        const streamId = newStreamId('roundtrip');
        const first = newEvent(
          'InvoiceIssued',
          {
            amount: '123456789012345678901234567890',
            currency: 'EUR',
            lines: [{ text: 'Ünïcødé — “quoted” \\ back' }],
            note: null,
            paid: false,
            ratio: 0.5,
          },
          { actor: 'clerk-1', correlationId: 'c-1', nested: { depth: [1, 2, { three: true }] } },
        );
        const second = newEvent('PaymentReceived', { amount: '10.00' }, { actor: 'clerk-2' });

        const result = await store.append(streamId, [first, second], 'no_stream');

        expect(result.nextRevision).toBe(1n);
        const read = await store.readStream(streamId);
        expect(
          read.map(({ id, streamId: stream, revision, type, data, metadata }) => ({ id, stream, revision, type, data, metadata })),
        ).toEqual([
          { id: first.id, stream: streamId, revision: 0n, type: first.type, data: first.data, metadata: first.metadata },
          { id: second.id, stream: streamId, revision: 1n, type: second.type, data: second.data, metadata: second.metadata },
        ]);
        expect(read[1].position).toBe(result.position);
        expect(typeof read[0].position).toBe('string');
        expect(read[0].position).not.toBe(read[1].position);
        for (const event of read) expect(DateTime.fromISO(event.created).isValid).toBe(true);
      });

      it('reads a stream from a revision and up to a count', async () => {
        const streamId = newStreamId('slice');
        const events = newEvents(5);
        await store.append(streamId, events, 'no_stream');

        expect(ids(await store.readStream(streamId, { fromRevision: 2n }))).toEqual(ids(events.slice(2)));
        expect(ids(await store.readStream(streamId, { maxCount: 2 }))).toEqual(ids(events.slice(0, 2)));
        expect(ids(await store.readStream(streamId, { fromRevision: 1n, maxCount: 3 }))).toEqual(ids(events.slice(1, 4)));
        expect(await store.readStream(streamId, { fromRevision: 5n })).toEqual([]);
      });

      it('reads a stream backwards, newest first, from a revision and up to a count', async () => {
        const streamId = newStreamId('backwards');
        const events = newEvents(5);
        await store.append(streamId, events, 'no_stream');
        const newestFirst = ids(events).reverse();
        const backwards = (fromRevision?: bigint, maxCount?: number) =>
          store.readStream(streamId, { direction: 'backwards', fromRevision, maxCount });

        expect(ids(await backwards())).toEqual(newestFirst);
        expect((await backwards()).map((event) => event.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
        expect(ids(await backwards(undefined, 2))).toEqual(newestFirst.slice(0, 2));
        expect(ids(await backwards(2n))).toEqual(newestFirst.slice(2));
        expect(ids(await backwards(3n, 2))).toEqual(newestFirst.slice(1, 3));
        expect(ids(await backwards(1n, 5))).toEqual(newestFirst.slice(3));
        expect(ids(await backwards(9n, 1))).toEqual(newestFirst.slice(0, 1));
        expect(await store.readStream(newStreamId('missing'), { direction: 'backwards' })).toEqual([]);
        expect(ids(await store.readStream(streamId, { direction: 'forwards', fromRevision: 3n }))).toEqual(ids(events.slice(3)));
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(newStreamId('missing'))).toEqual([]);
      });

      it('reads a stream with each event’s data and metadata as JSON text: readStream’s events, every range and direction', async () => {
        expect(store.readStreamJson).toBeDefined();
        const streamId = newStreamId('json-text');
        await store.append(
          streamId,
          [
            newEvent(
              'InvoiceIssued',
              { amount: '123456789012345678901234567890', lines: [{ text: 'Ünïcødé — “quoted” \\ back 😀 \u0001\n\t' }], note: null },
              { actor: 'clerk-1', nested: { depth: [1, 2, { three: true }] }, ratio: 0.5 },
            ),
            newEvent('Empty', {}, {}),
            newEvent('NoData', null),
            // A type is any text: the separator a store may join fields with, a quote, a backslash.
            newEvent('Odd "type" \\ \u0001 ü', { n: 1 }),
            ...newEvents(2),
          ],
          'no_stream',
        );
        const parsed = (events: StoredJsonEvent[]) =>
          events.map(({ dataJson, metadataJson, ...event }) => ({
            ...event,
            data: JSON.parse(dataJson),
            metadata: JSON.parse(metadataJson),
          }));
        for (const options of [
          {},
          { fromRevision: 2n },
          { maxCount: 2 },
          { fromRevision: 1n, maxCount: 3 },
          { fromRevision: 6n },
          { direction: 'backwards' },
          { direction: 'backwards', fromRevision: 3n, maxCount: 2 },
          { direction: 'backwards', fromRevision: 99n, maxCount: 1 },
        ] as const) {
          const read = await store.readStream(streamId, options);
          expect(read.length).toBeGreaterThanOrEqual(options.fromRevision === 6n ? 0 : 1);
          expect(parsed(await store.readStreamJson!(streamId, options))).toEqual(read);
        }
        expect(await store.readStreamJson!(newStreamId('missing'))).toEqual([]);
      });

      it('reads all events in global order with the same positions as their streams', async () => {
        const start = await head(store);
        const a = newStreamId('all-a');
        const b = newStreamId('all-b');
        const appended = [newEvent(), newEvent(), newEvent(), newEvent()];
        await store.append(a, [appended[0]], 'no_stream');
        await store.append(b, [appended[1], appended[2]], 'no_stream');
        await store.append(a, [appended[3]], 0n);

        const all = await readAllUntil(store, start, ids(appended));

        expect(ids(all)).toEqual(ids(appended));
        const streamPositions = [...(await store.readStream(a)), ...(await store.readStream(b))].map((event) => [event.id, event.position]);
        expect(new Map(all.map((event) => [event.id, event.position]))).toEqual(new Map(streamPositions as [string, string][]));
        expect(all[3]).toMatchObject({ streamId: a, revision: 1n, type: 'TestEvent' });
      });

      it('pages through all events with after and maxCount, never repeating or skipping one', async () => {
        const start = await head(store);
        const appended = newEvents(7);
        for (const [n, event] of appended.entries()) await store.append(newStreamId(`page-${n % 3}`), [event], 'any');
        const everything = await readAllUntil(store, start, ids(appended));

        const pages = [];
        for (let after = start; ;) {
          const page = await store.readAll({ after, maxCount: 3 });
          if (page.length === 0) break;
          pages.push(page);
          after = page[page.length - 1].position;
        }

        expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
        expect(ids(pages.flat())).toEqual(ids(everything));
        expect(ids(everything)).toEqual(ids(appended));
        expect(ids(await store.readAll({ maxCount: 2 }))).toEqual(ids((await readAllAfter(store)).slice(0, 2)));
      });
    });

    describe('expected revision', () => {
      it('no_stream succeeds only while the stream does not exist', async () => {
        const streamId = newStreamId('no-stream');
        await expect(store.append(streamId, [newEvent()], 'no_stream')).resolves.toMatchObject({ nextRevision: 0n });

        const error = await store.append(streamId, [newEvent()], 'no_stream').catch((e: unknown) => e);

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 'no_stream', actual: 0n });
      });

      it('an exact revision succeeds only when it is the revision of the last event', async () => {
        const streamId = newStreamId('exact');
        await store.append(streamId, newEvents(2), 'no_stream');

        await expect(store.append(streamId, newEvents(3), 1n)).resolves.toMatchObject({ nextRevision: 4n });
        await expect(store.append(streamId, [newEvent()], 1n)).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          expected: 1n,
          actual: 4n,
        });
        await expect(store.append(streamId, [newEvent()], 7n)).rejects.toMatchObject({ expected: 7n, actual: 4n });
        await expect(store.append(newStreamId('exact-missing'), [newEvent()], 0n)).rejects.toMatchObject({
          expected: 0n,
          actual: 'no_stream',
        });
        expect(await store.readStream(streamId)).toHaveLength(5);
      });

      it('any appends to a new or an existing stream', async () => {
        const streamId = newStreamId('any');
        await expect(store.append(streamId, [newEvent()], 'any')).resolves.toMatchObject({ nextRevision: 0n });
        await expect(store.append(streamId, newEvents(2), 'any')).resolves.toMatchObject({ nextRevision: 2n });
        expect((await store.readStream(streamId)).map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      });

      it('a refused append records nothing', async () => {
        const streamId = newStreamId('refused');
        const kept = newEvent();
        await store.append(streamId, [kept], 'no_stream');

        await expect(store.append(streamId, newEvents(3), 5n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);

        expect(ids(await store.readStream(streamId))).toEqual([kept.id]);
      });

      it('keeps revisions as bigint, exact beyond 2^53', async () => {
        const streamId = newStreamId('bigint');
        const huge = 2n ** 60n + 7n;
        const { nextRevision } = await store.append(streamId, [newEvent()], 'no_stream');
        expect(typeof nextRevision).toBe('bigint');

        await expect(store.append(streamId, [newEvent()], huge)).rejects.toMatchObject({ expected: huge, actual: 0n });
        expect(await store.readStream(streamId, { fromRevision: huge })).toEqual([]);
        expect(typeof (await store.readStream(streamId))[0].revision).toBe('bigint');
      });
    });

    describe('concurrent appends', () => {
      async function race(streamId: string, contenders: number, expected: ExpectedRevision) {
        const batches = Array.from({ length: contenders }, () => newEvents(2));
        const outcomes = await Promise.allSettled(batches.map((batch) => store.append(streamId, batch, expected)));
        const winners = batches.filter((_, n) => outcomes[n].status === 'fulfilled');
        const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        return { winners, losers };
      }

      it.each([2, 10])('exactly one of %i appends at the same revision wins', async (contenders) => {
        const streamId = newStreamId('race');
        const first = newEvent();
        await store.append(streamId, [first], 'no_stream');

        const { winners, losers } = await race(streamId, contenders, 0n);

        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(contenders - 1);
        for (const { reason } of losers) expect(reason).toMatchObject({ name: 'WrongExpectedRevisionError', expected: 0n, actual: 2n });
        expect(ids(await store.readStream(streamId))).toEqual([first.id, ...ids(winners[0])]);
      });

      it('exactly one of 10 appends creating the same stream wins', async () => {
        const streamId = newStreamId('race-new');

        const { winners, losers } = await race(streamId, 10, 'no_stream');

        expect(winners).toHaveLength(1);
        for (const { reason } of losers) expect(reason).toMatchObject({ name: 'WrongExpectedRevisionError', actual: 1n });
        expect(ids(await store.readStream(streamId))).toEqual(ids(winners[0]));
      });

      it('concurrent appends with any all land, each batch whole, at consecutive revisions', async () => {
        const streamId = newStreamId('race-any');
        const batches = Array.from({ length: 10 }, () => newEvents(2));

        await Promise.all(batches.map((batch) => store.append(streamId, batch, 'any')));

        const stream = await store.readStream(streamId);
        expect(stream.map((event) => event.revision)).toEqual(Array.from({ length: 20 }, (_, n) => BigInt(n)));
        const order = ids(stream);
        for (const [a, b] of batches.map(ids)) expect(order.indexOf(b)).toBe(order.indexOf(a) + 1);
      });
    });

    describe('idempotent appends', () => {
      it('the same batch appended twice is recorded once, answered with the original result', async () => {
        const streamId = newStreamId('retry');
        const start = await head(store);
        const batch = newEvents(2);
        const original = await store.append(streamId, batch, 'no_stream');

        await expect(store.append(streamId, batch, 'no_stream')).resolves.toMatchObject(original);

        expect(ids(await store.readStream(streamId))).toEqual(ids(batch));
        expectExactlyOnce(await readAllUntil(store, start, ids(batch)), ids(batch));
      });

      it('a retry after the stream moved on still answers with the original result', async () => {
        const streamId = newStreamId('retry-late');
        const batch = [newEvent()];
        const original = await store.append(streamId, batch, 'no_stream');
        await store.append(streamId, newEvents(2), 0n);

        await expect(store.append(streamId, batch, 'no_stream')).resolves.toMatchObject(original);
        await expect(store.append(streamId, batch, 'any')).resolves.toMatchObject(original);

        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('a retry at an exact revision answers with the original result', async () => {
        const streamId = newStreamId('retry-exact');
        await store.append(streamId, [newEvent()], 'no_stream');
        const batch = newEvents(3);
        const original = await store.append(streamId, batch, 0n);

        await expect(store.append(streamId, batch, 0n)).resolves.toMatchObject(original);
        expect(original.nextRevision).toBe(3n);
        expect(await store.readStream(streamId)).toHaveLength(4);
      });

      it.each(['no_stream', 'any'] as const)('concurrent identical retries (%s) are recorded once', async (expected) => {
        const streamId = newStreamId('retry-race');
        const batch = newEvents(2);

        const results = await Promise.all(Array.from({ length: 5 }, () => store.append(streamId, batch, expected)));

        // The one that wrote it and those that found it there (`alreadyRecorded`) answer the same place.
        const place = ({ nextRevision, position }: (typeof results)[number]) => ({ nextRevision, position });
        for (const result of results) expect(place(result)).toEqual(place(results[0]));
        expect(ids(await store.readStream(streamId))).toEqual(ids(batch));
      });
    });

    describe('subscriptions', () => {
      it('catches up in batches, then delivers live events, and stops cleanly', async () => {
        const start = await head(store);
        const streamId = newStreamId('sub');
        const before = newEvents(5);
        await store.append(streamId, before, 'no_stream');
        await readAllUntil(store, start, ids(before));

        const collector = Collector.start(store, { after: start, batchSize: 2 });
        await collector.waitFor(ids(before));
        await eventually(() => (collector.caughtUp > 0 ? true : undefined), 'onCaughtUp');
        const caughtUpBeforeLive = collector.caughtUp;

        const live = newEvents(3);
        await store.append(streamId, live.slice(0, 1), 4n);
        await store.append(streamId, live.slice(1), 5n);
        await collector.waitFor(ids(live));
        await eventually(() => (collector.caughtUp > caughtUpBeforeLive ? true : undefined), 'onCaughtUp after live events');

        await collector.stop();
        await store.append(streamId, [newEvent()], 7n);
        await sleep(300);

        expect(ids(collector.events)).toEqual(ids([...before, ...live]));
        expect(collector.batches.every((batch) => batch.length >= 1 && batch.length <= 2)).toBe(true);
        expect(collector.errors).toEqual([]);
      });

      it('resumes from a checkpoint with no loss and no duplicate', async () => {
        const start = await head(store);
        const streamId = newStreamId('resume');
        const first = newEvents(6);
        await store.append(streamId, first, 'no_stream');

        const one = Collector.start(store, { after: start, batchSize: 2 });
        await eventually(() => (one.events.length >= 2 ? true : undefined), 'a first batch');
        await one.stop();
        const second = newEvents(3);
        await store.append(streamId, second, 5n);

        const two = Collector.start(store, { after: one.checkpoint, batchSize: 2 });
        const all = [...first, ...second];
        await two.waitFor(ids(all).filter((id) => !one.has([id])));
        await two.stop();

        expect([...ids(one.events), ...ids(two.events)]).toEqual(ids(all));
        expect(ids(await readAllAfter(store, start))).toEqual(ids(all));
      });

      it('stops on a failing handler, reports it, and redelivers that batch from the checkpoint', async () => {
        const start = await head(store);
        const events = newEvents(4);
        await store.append(newStreamId('failing'), events, 'no_stream');
        const failure = new Error('projection failed');
        let calls = 0;

        const failing = Collector.start(store, {
          after: start,
          batchSize: 2,
          onBatch: async () => {
            if (++calls === 2) throw failure;
          },
        });
        await eventually(() => (failing.errors.length > 0 ? true : undefined), 'onError');
        await sleep(100);
        await failing.stop();

        expect(failing.errors).toEqual([failure]);
        expect(calls).toBe(2);
        expect(ids(failing.events)).toEqual(ids(events.slice(0, 2)));

        const resumed = Collector.start(store, { after: failing.checkpoint, batchSize: 2 });
        await resumed.waitFor(ids(events.slice(2)));
        await resumed.stop();
        expect(ids(resumed.events)).toEqual(ids(events.slice(2)));
      });
    });

    describe('concurrent writers and readers', () => {
      it('a subscriber and a polling reader see every event exactly once, in one consistent order', async () => {
        const start = await head(store);
        const subscriber = Collector.start(store, { after: start, batchSize: 5 });
        const appended: string[] = [];
        const polled: string[] = [];
        let pollCheckpoint = start;
        let writing = true;
        const poller = (async () => {
          // Keeps reading while the writers run, so it reads between their commits.
          while (writing || polled.length < appended.length) {
            const page = await store.readAll({ after: pollCheckpoint, maxCount: 7 });
            polled.push(...ids(page));
            if (page.length > 0) pollCheckpoint = page[page.length - 1].position;
            else await sleep(5);
          }
        })();

        const writers = Array.from({ length: 8 }, async (_, writer) => {
          const streamId = newStreamId(`writer-${writer}`);
          for (let n = 0; n < 15; n++) {
            const batch = newEvents(1 + ((writer + n) % 3));
            appended.push(...ids(batch));
            await store.append(streamId, batch, n === 0 ? 'no_stream' : 'any');
          }
        });
        await Promise.all(writers);
        writing = false;
        await eventually(() => (polled.length >= appended.length ? true : undefined), 'the poller to read everything');
        await poller;
        await subscriber.waitFor(appended);
        await subscriber.stop();

        const final = await readAllAfter(store, start);
        expectExactlyOnce(final, appended);
        expect(polled).toEqual(ids(final));
        expect(ids(subscriber.events)).toEqual(ids(final));
        expectStreamsInRevisionOrder(final);
      });

      const lateCommit = options.skip?.lateCommit;
      (lateCommit ? it.skip : it)(
        `never skips an event whose transaction commits after later ones${lateCommit ? ` (skipped: ${lateCommit})` : ''}`,
        async () => {
          const appendUncommitted = fixture.appendUncommitted;
          if (!appendUncommitted) throw new Error('The fixture must offer appendUncommitted for this case (or skip it with a reason)');
          const start = await head(store);
          const subscriber = Collector.start(store, { after: start, batchSize: 3 });
          const polled: string[] = [];
          let checkpoint = start;
          // A reader that remembers only its checkpoint, as a projection does.
          const pollOnce = async () => {
            const events = await readAllAfter(store, checkpoint, 2);
            polled.push(...ids(events));
            checkpoint = events.at(-1)?.position ?? checkpoint;
          };
          const [a, b, c] = [newStreamId('late-a'), newStreamId('late-b'), newStreamId('late-c')];
          const early = newEvent();
          const middle = newEvents(2);
          const committed = newEvents(4);

          // `early` takes its place in the log first, `middle` next; both commit after others do.
          const heldEarly = await appendUncommitted(a, [early], 'no_stream');
          await store.append(b, [committed[0]], 'no_stream');
          const heldMiddle = await appendUncommitted(c, middle, 'no_stream');
          await store.append(b, [committed[1]], 0n);
          // With ordering by a sequence alone, both readers would now move past `early` and `middle`.
          await pollOnce();
          await sleep(300);
          await heldMiddle.commit();
          await store.append(b, [committed[2]], 1n);
          await pollOnce();
          await sleep(300);
          await heldEarly.commit();
          await pollOnce();
          await store.append(b, [committed[3]], 2n);

          const everything = [early, ...middle, ...committed];
          const final = await readAllUntil(store, start, ids(everything));
          await eventually(
            async () => (await pollOnce(), polled.length >= everything.length ? true : undefined),
            'the poller to read everything',
          );
          await subscriber.waitFor(ids(everything));
          await sleep(100);
          await subscriber.stop();

          expectExactlyOnce(final, ids(everything));
          expect(final).toHaveLength(everything.length);
          expect(polled).toEqual(ids(final));
          expect(ids(subscriber.events)).toEqual(ids(final));
          expectStreamsInRevisionOrder(final);
        },
      );
    });

    describe('reads by stream group and counts (optional: lastPosition, readStreamGroup, countAll)', () => {
      it('reads every event through a position once, a group of whole streams at a time, each stream in revision order', async () => {
        if (!store.lastPosition || !store.readStreamGroup) {
          expect([store.lastPosition, store.readStreamGroup]).toEqual([undefined, undefined]);
          return;
        }
        const start = await head(store);
        const [a, b, later] = [newStreamId('group-a'), newStreamId('group-b'), newStreamId('group-later')];
        const before = [...newEvents(3), ...newEvents(2), newEvent()];
        await store.append(a, before.slice(0, 3), 'no_stream');
        await store.append(b, before.slice(3, 5), 'no_stream');
        await store.append(a, before.slice(5), 2n);
        await readAllUntil(store, start, ids(before));
        const through = (await store.lastPosition())!;
        expect(through).toBe(await head(store));
        const after = newEvents(2);
        await store.append(a, after.slice(0, 1), 3n);
        await store.append(later, after.slice(1), 'no_stream');
        await readAllUntil(store, start, ids(after));

        const groups = [];
        for (let afterStream: string | undefined; ;) {
          const group = await store.readStreamGroup({ afterStream, maxEvents: 4, through });
          if (group.lastStream === undefined) break;
          groups.push(group);
          afterStream = group.lastStream;
        }
        expect(await store.readStreamGroup({ afterStream: groups.at(-1)!.lastStream, maxEvents: 4, through })).toEqual({
          events: [],
          eventCount: 0,
          lastStream: undefined,
        });
        for (const group of groups) expect(group.eventCount).toBe(group.events.length);

        const all = await readAllAfter(store);
        const throughIndex = all.findIndex((event) => event.position === through);
        const grouped = groups.flatMap((group) => group.events);
        // The same events as the log through the position, each once; none after it.
        expect(new Set(ids(grouped))).toEqual(new Set(ids(all.slice(0, throughIndex + 1))));
        expect(grouped).toHaveLength(throughIndex + 1);
        expect(grouped.find((event) => ids(after).includes(event.id))).toBeUndefined();
        // Whole streams, one after the other, each in revision order and read as the stream reads it.
        expect(ids(grouped.filter((event) => event.streamId === a))).toEqual(ids(before.filter((_, n) => n < 3 || n === 5)));
        expect(grouped.filter((event) => event.streamId === a)).toEqual((await store.readStream(a)).slice(0, 4));
        // Each stream in one group, whole (its events one after the other); streams are added while the group holds fewer than maxEvents.
        const runs = grouped.map((event) => event.streamId).filter((streamId, n, list) => streamId !== list[n - 1]);
        expect(new Set(runs).size).toBe(runs.length);
        for (const group of groups) {
          const lastStreamEvents = group.events.filter((event) => event.streamId === group.events.at(-1)?.streamId).length;
          expect(group.events.length - lastStreamEvents).toBeLessThan(4);
        }
      });

      it('reads only the events of the types asked for, in the same groups, counting every event gone through', async () => {
        if (!store.lastPosition || !store.readStreamGroup) return;
        const start = await head(store);
        const [a, b] = [newStreamId('typed-a'), newStreamId('typed-b')];
        const appended = [newEvent('Wanted'), ...newEvents(2), newEvent('AlsoWanted'), ...newEvents(3), newEvent('Wanted')];
        await store.append(a, appended.slice(0, 4), 'no_stream');
        await store.append(b, appended.slice(4, 7), 'no_stream');
        await store.append(a, appended.slice(7), 3n);
        await readAllUntil(store, start, ids(appended));
        const through = (await store.lastPosition())!;
        await store.append(a, [newEvent('Wanted')], 4n);

        const types = ['Wanted', 'AlsoWanted'];
        const [everyType, typed]: StreamGroup[][] = [[], []];
        for (let afterStream: string | undefined; ;) {
          const whole = await store.readStreamGroup({ afterStream, maxEvents: 4, through });
          const filtered = await store.readStreamGroup({ afterStream, maxEvents: 4, through, types });
          everyType.push(whole);
          typed.push(filtered);
          if (whole.lastStream === undefined) break;
          afterStream = whole.lastStream;
        }
        // The same groups and counts; of each, its events of those types, in the same order.
        expect(typed.map((group) => [group.lastStream, group.eventCount])).toEqual(
          everyType.map((group) => [group.lastStream, group.events.length]),
        );
        expect(typed.map((group) => group.events)).toEqual(
          everyType.map((group) => group.events.filter((event) => types.includes(event.type))),
        );
        const ofA = typed.flatMap((group) => group.events).filter((event) => event.streamId === a);
        expect(ids(ofA)).toEqual(ids([appended[0], appended[3], appended[7]]));
        expect(typed.flatMap((group) => group.events).filter((event) => event.streamId === b)).toEqual([]);
        expect(everyType.filter((group) => group.events.some((event) => event.streamId === b))).toHaveLength(1);
        // No type asked for: nothing read, every event still counted.
        const none = await store.readStreamGroup({ maxEvents: 1_000_000, through, types: [] });
        expect(none.events).toEqual([]);
        expect(none.eventCount).toBe(everyType.reduce((sum, group) => sum + group.eventCount, 0));
      });

      it('counts the events after a position up to a cap, with the oldest one’s time, as readAll would return them', async () => {
        if (!store.countAll) return;
        const start = await head(store);
        const appended = newEvents(5);
        await store.append(newStreamId('count'), appended, 'no_stream');
        const [first] = await readAllUntil(store, start, ids(appended));
        expect(await store.countAll({ after: start, cap: 100 })).toEqual({ events: 5, oldestCreated: first.created });
        expect(await store.countAll({ after: start, cap: 3 })).toEqual({ events: 3, oldestCreated: first.created });
        expect(await store.countAll({ after: await head(store), cap: 10 })).toEqual({ events: 0, oldestCreated: undefined });
        expect((await store.countAll({ cap: 1_000_000 })).events).toBe((await readAllAfter(store)).length);
      });
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBe(true);
    });

    // Last: it replaces the store the other cases use.
    const restartSkip = options.skip?.restart;
    (restartSkip ? it.skip : it)(
      `keeps events and positions across a restart${restartSkip ? ` (skipped: ${restartSkip})` : ''}`,
      async () => {
        const restart = fixture.restart;
        if (!restart) throw new Error('The fixture must offer restart for this case (or skip it with a reason)');
        const start = await head(store);
        const streamId = newStreamId('restart');
        const before = newEvents(3);
        await store.append(streamId, before, 'no_stream');
        const [, second] = await readAllUntil(store, start, ids(before));
        const streamBefore = await store.readStream(streamId);
        const checkpoint = second.position;

        store = await restart();

        expect(await store.readStream(streamId)).toEqual(streamBefore);
        const after = newEvents(2);
        await expect(store.append(streamId, after, 2n)).resolves.toMatchObject({ nextRevision: 4n });
        const resumed = await readAllUntil(store, checkpoint, ids(after));
        expect(ids(resumed)).toEqual(ids([before[2], ...after]));
        const subscriber = Collector.start(store, { after: checkpoint });
        await subscriber.waitFor(ids(after));
        await subscriber.stop();
        expect(ids(subscriber.events)).toEqual(ids([before[2], ...after]));
      },
    );
  });
}
