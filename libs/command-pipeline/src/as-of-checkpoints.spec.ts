import fc from 'fast-check';
import { DateTime } from 'luxon';
import { type EventStore, InMemoryEventStore, type RecordedEvent } from '@settle/event-store';
import { AsOfCheckpoints, type StreamFold } from './as-of-checkpoints';
import { knownAt } from './known-at';

/** Folds to the ids of the events folded, in order: equal states mean the same events were folded the same way. */
const foldedIds: StreamFold<readonly string[]> = {
  initialState: () => [],
  evolve: (ids, events) => [...ids, ...events.map((event) => event.id)],
};

const STREAM = 'client-c-1';
const START = DateTime.fromISO('2026-01-01T00:00:00.000Z', { zone: 'utc' });

/** Appends events recorded at these minutes after START (one event an append, as commands do). */
async function appendRecordedAt(store: EventStore, minutes: readonly number[], first: number): Promise<void> {
  for (const [index, minute] of minutes.entries()) {
    const revision = first + index;
    await store.append(
      STREAM,
      [{ id: `e-${revision}`, type: 'Noted', data: {}, metadata: { recordedAt: START.plus({ minutes: minute }).toISO() } }],
      revision === 0 ? 'no_stream' : BigInt(revision - 1),
    );
  }
}

const wholeFold = (events: readonly RecordedEvent[], asOf: DateTime) =>
  foldedIds.evolve(
    foldedIds.initialState(),
    events.filter((event) => knownAt(event, asOf)),
  );

/** Recording times that mostly move on and sometimes go back (a clock set back, a second writer behind). */
const recordingMinutes = (length: number) =>
  fc.array(fc.integer({ min: -30, max: 60 }), { minLength: length, maxLength: length }).map((steps) => {
    let minute = 0;
    return steps.map((step) => (minute += step));
  });

describe('AsOfCheckpoints', () => {
  it('folds exactly the events known at the instant, in order, as folding the whole stream does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }).chain((length) => recordingMinutes(length)),
        fc.integer({ min: 0, max: 25 }).chain((length) => recordingMinutes(length)),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.integer({ min: -60, max: 1500 }), { minLength: 1, maxLength: 6 }),
        async (before, after, chunkEvents, instants) => {
          const store = new InMemoryEventStore();
          const checkpoints = new AsOfCheckpoints(store, foldedIds, { chunkEvents });
          const compare = async () => {
            const events = await store.readStream(STREAM);
            // Random instants, and the very instants events were recorded at (the edges of `knownAt`).
            const recorded = events.map((event) => DateTime.fromISO(String(event.metadata.recordedAt)));
            for (const asOf of [...instants.map((minute) => START.plus({ minutes: minute })), ...recorded]) {
              expect(await checkpoints.asOf(STREAM, asOf)).toEqual(wholeFold(events, asOf));
            }
          };
          await appendRecordedAt(store, before, 0);
          await compare();
          // Appended after the checkpoints were made: they are extended, not rebuilt.
          await appendRecordedAt(
            store,
            after.map((minute) => minute + (before.at(-1) ?? 0)),
            before.length,
          );
          await compare();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads only the chunks recorded partly before the instant and the events after the last checkpoint, once it has read the stream', async () => {
    const store = new InMemoryEventStore();
    await appendRecordedAt(
      store,
      Array.from({ length: 100 }, (_, minute) => minute),
      0,
    );
    const checkpoints = new AsOfCheckpoints(store, foldedIds, { chunkEvents: 10 });
    await checkpoints.asOf(STREAM, START);
    const read = jest.spyOn(store, 'readStream');
    const ids = await checkpoints.asOf(STREAM, START.plus({ minutes: 54 }));
    expect(ids).toHaveLength(55);
    // The tail after the last checkpoint (none: 100 events in chunks of 10), then the chunk holding minute 54.
    expect(read.mock.calls.map(([, options]) => options)).toEqual([{ fromRevision: 100n }, { fromRevision: 50n, maxCount: 10 }]);
  });
});
