import { SubscriptionRegistry } from '../subscription/subscription-registry';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredJsonEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { assertAppendable } from '../append-checks';
import { EventIdConflictError } from '../event-id-conflict.error';
import { startCatchUpSubscription } from '../subscription/catch-up-subscription';
import { WakeSignal } from '../subscription/wake-signal';
import { withJsonText } from '../stored-json';

/**
 * The whole port in memory, for fast unit tests of logic. Data goes through JSON on the way in,
 * as in the real stores, so what cannot be stored there (a bigint, a Date object) shows up here.
 */
export class InMemoryEventStore implements EventStore {
  /** Global order: the position of `all[i]` is `i + 1`. */
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly wakeups = new WakeSignal();
  private readonly subscriptions = new SubscriptionRegistry();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(events, expected);
    const stream = this.streams.get(streamId) ?? [];
    const retried = this.recordedBatch(stream, events, expected);
    if (retried) return retried;

    const actual = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    if (expected !== 'any' && expected !== actual) {
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    if (events.some((event) => this.eventIds.has(event.id)) || new Set(events.map((event) => event.id)).size < events.length) {
      throw new EventIdConflictError(
        streamId,
        events.map((event) => event.id),
      );
    }

    const created = this.clock().toISOString();
    for (const event of events) {
      const recorded: RecordedEvent = {
        id: event.id,
        streamId,
        revision: BigInt(stream.length),
        position: String(this.all.length + 1),
        type: event.type,
        data: viaJson(event.data ?? null),
        metadata: viaJson(event.metadata),
        created,
      };
      stream.push(recorded);
      this.all.push(recorded);
      this.eventIds.add(event.id);
    }
    this.streams.set(streamId, stream);
    this.wakeups.wake();
    return lastOf(stream);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId) ?? [];
    if (options.direction === 'backwards') {
      const last = stream.length - 1;
      const from = options.fromRevision === undefined ? last : Math.min(Number(options.fromRevision), last);
      const until = options.maxCount === undefined ? 0 : Math.max(0, from + 1 - options.maxCount);
      return copies(stream.slice(until, from + 1).reverse());
    }
    const from = Number(options.fromRevision ?? 0n);
    return copies(stream.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount));
  }

  async readStreamJson(streamId: string, options: ReadStreamOptions = {}): Promise<StoredJsonEvent[]> {
    return (await this.readStream(streamId, options)).map(withJsonText);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = options.after === undefined ? 0 : indexAfter(options.after);
    return copies(this.all.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount));
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    // Appends signal every change, so no polling is needed.
    const subscription = startCatchUpSubscription(
      { read: (after, maxCount) => this.readAll({ after, maxCount }), wakeups: this.wakeups },
      options,
    );
    return this.subscriptions.track(subscription);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async dispose(): Promise<void> {
    await this.subscriptions.stopAll();
  }

  /** An idempotent retry: the whole batch already sits where the caller expected to put it. */
  private recordedBatch(stream: RecordedEvent[], events: EventToAppend[], expected: ExpectedRevision): AppendResult | undefined {
    const start = stream.findIndex((recorded) => recorded.id === events[0].id);
    if (start < 0) return undefined;
    const expectedStart = expected === 'any' ? start : expected === 'no_stream' ? 0 : Number(expected) + 1;
    if (start !== expectedStart) return undefined;
    const sameBatch = events.every((event, i) => stream[start + i]?.id === event.id);
    return sameBatch ? { ...lastOf(stream.slice(0, start + events.length)), alreadyRecorded: true } : undefined;
  }
}

function lastOf(stream: RecordedEvent[]): AppendResult {
  const last = stream[stream.length - 1];
  return { nextRevision: last.revision, position: last.position };
}

function indexAfter(position: Position): number {
  if (!/^\d+$/.test(position)) throw new Error(`Not a position of this event store: ${position}`);
  return Number(position);
}

function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Callers get their own objects: mutating a read event must not rewrite history. */
function copies(events: RecordedEvent[]): RecordedEvent[] {
  return events.map((event) => ({ ...event, data: viaJson(event.data), metadata: viaJson(event.metadata) }));
}
