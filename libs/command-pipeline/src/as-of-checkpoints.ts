import { type DateTime } from 'luxon';
import { LRUCache } from 'lru-cache';
import { type EventStore, type RecordedEvent } from '@settle/event-store';
import { knownAt, recordedMillis } from './known-at';

/** A left fold over one stream's stored events. `evolve` leaves the state it is given as it was (checkpoints keep it). */
export interface StreamFold<State> {
  initialState(): State;
  evolve(state: State, events: readonly RecordedEvent[]): State;
}

export interface AsOfCheckpointOptions {
  /** Events per checkpoint: an as-of read folds at most about twice this many events from the store. */
  chunkEvents?: number;
  /** Bound of the cache, in events covered by checkpoints summed over the streams kept (a state is at most as large as its events). */
  maxCoveredEvents?: number;
}

/** `chunkEvents` consecutive events of a stream: when they were recorded, and the fold of the stream up to their last one. */
interface Chunk<State> {
  fromRevision: bigint;
  toRevision: bigint;
  /** Earliest recordedAt (ms) in the chunk: no event of it is known before this. */
  earliest: number;
  /** Latest recordedAt (ms) in this chunk and every one before it: every event up to `toRevision` is known from this on. */
  allKnownFrom: number;
  stateAfter: State;
}

/**
 * "What did we know then" (SPEC 6) for long streams without folding them whole: the fold of every
 * event known at `asOf` (`knownAt`, event by event, so a recording clock that went back is honoured),
 * started from the last checkpoint whose events were all known then. Checkpoints are derived in memory
 * from the immutable events, never stored: the events stay the only truth, and a new build of the fold
 * starts with none. A stream is read whole once; afterwards an as-of read reads what was appended
 * since the last checkpoint and the chunks recorded partly before `asOf` (one, with a steady clock).
 */
export class AsOfCheckpoints<State> {
  private readonly chunkEvents: number;
  private readonly cache: LRUCache<string, readonly Chunk<State>[]>;

  constructor(
    private readonly store: EventStore,
    private readonly fold: StreamFold<State>,
    options: AsOfCheckpointOptions = {},
  ) {
    this.chunkEvents = options.chunkEvents ?? 250;
    this.cache = new LRUCache({
      maxSize: options.maxCoveredEvents ?? 50_000,
      sizeCalculation: (chunks) => Number(chunks[chunks.length - 1].toRevision) + 1,
    });
  }

  /** The stream folded from the events recorded up to `asOf` only: exactly the fold of `events.filter(knownAt)`. */
  async asOf(streamId: string, asOf: DateTime): Promise<State> {
    const { chunks, tail } = await this.caughtUp(streamId);
    const until = asOf.toMillis();
    // `allKnownFrom` grows with the chunks: the last one known whole is the base.
    let known = chunks.length;
    while (known > 0 && chunks[known - 1].allKnownFrom > until) known--;
    let state = known === 0 ? this.fold.initialState() : chunks[known - 1].stateAfter;
    for (const chunk of chunks.slice(known)) {
      if (chunk.earliest > until) continue;
      const events = await this.store.readStream(streamId, { fromRevision: chunk.fromRevision, maxCount: this.chunkEvents });
      state = this.fold.evolve(
        state,
        events.filter((event) => knownAt(event, asOf)),
      );
    }
    return this.fold.evolve(
      state,
      tail.filter((event) => knownAt(event, asOf)),
    );
  }

  /** The stream's checkpoints, extended with the complete chunks appended since, and the events after the last one. */
  private async caughtUp(streamId: string): Promise<{ chunks: readonly Chunk<State>[]; tail: RecordedEvent[] }> {
    const cached = this.cache.get(streamId) ?? [];
    const last = cached.at(-1);
    const newer = await this.store.readStream(streamId, { fromRevision: last ? last.toRevision + 1n : 0n });
    const complete = newer.length - (newer.length % this.chunkEvents);
    if (complete === 0) return { chunks: cached, tail: newer };
    const chunks = [...cached];
    let state = last?.stateAfter ?? this.fold.initialState();
    let allKnownFrom = last?.allKnownFrom ?? Number.NEGATIVE_INFINITY;
    for (let start = 0; start < complete; start += this.chunkEvents) {
      const events = newer.slice(start, start + this.chunkEvents);
      const recorded = events.map(recordedMillis);
      state = this.fold.evolve(state, events);
      allKnownFrom = Math.max(allKnownFrom, ...recorded);
      chunks.push({
        fromRevision: events[0].revision,
        toRevision: events[events.length - 1].revision,
        earliest: Math.min(...recorded),
        allKnownFrom,
        stateAfter: state,
      });
    }
    this.cache.set(streamId, chunks);
    return { chunks, tail: newer.slice(complete) };
  }
}
