/**
 * The event-store port. Adapters: in-memory (unit tests), PostgreSQL and PGlite (one SQL
 * implementation), EventStoreDB. All of them pass the contract suite in test/contract.
 */

/**
 * A global position in the store, opaque to callers: compare and persist it only as the string
 * the adapter gave (an EventStoreDB position is a commit/prepare pair; a SQL one is not a single
 * counter either). Never parse or do arithmetic on it outside the adapter.
 */
export type Position = string;

/** Expected revision of a stream on append: `no_stream`, `any`, or the revision of its last event. */
export type ExpectedRevision = 'no_stream' | 'any' | bigint;

export interface EventToAppend {
  /** UUID. Appending an event whose id the stream already holds records it once (idempotent retry). */
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  /** 0-based index within the stream. */
  revision: bigint;
  position: Position;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /** When the store recorded it (the store's clock; the domain's time is in metadata.recordedAt). */
  created: string;
}

/**
 * A recorded event with its data and metadata as JSON text instead of values, for a reader that passes
 * them on unparsed (a history page). The text is what the store wrote from its own serialisation of an
 * appended event, so it is valid JSON by construction; its spacing and key order are the store's.
 */
export interface StoredJsonEvent extends Omit<RecordedEvent, 'data' | 'metadata'> {
  dataJson: string;
  metadataJson: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: bigint;
  /** Position of the last appended event. */
  position: Position;
  /**
   * The batch was in the stream already, where it was to go (an idempotent retry, or the same command
   * decided by another process on the same state): the stored events are not necessarily the caller's
   * copy (their metadata and hash may differ), so a caller that folds what it sent must read them instead.
   */
  alreadyRecorded?: boolean;
}

export interface ReadStreamOptions {
  /**
   * Start at this revision (inclusive). Default: the stream's first event forwards, its last one
   * backwards. Going backwards from beyond the last event starts at the last event.
   */
  fromRevision?: bigint;
  maxCount?: number;
  /** `forwards` (default): revision order; `backwards`: newest first, e.g. a timeline's latest page. */
  direction?: ReadDirection;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadAllOptions {
  /** Read events strictly after this position; omitted = from the beginning. */
  after?: Position;
  maxCount?: number;
}

export interface ReadStreamGroupOptions {
  /** The group's streams follow this stream id (in the store's order of stream ids); omitted = the first. */
  afterStream?: string;
  /** About this many events per group: streams are added while fewer are in it (a group holds at least one stream). */
  maxEvents: number;
  /** Only events at or before this position in global order (e.g. `lastPosition()` when the reading began). */
  through: Position;
  /**
   * Only events of these types (omitted: every type). The group's streams and `eventCount` stay the
   * same: a reader that skips types still knows how many events it has gone through.
   */
  types?: readonly string[];
}

export interface StreamGroup {
  /** Each stream's events in revision order, the streams one after the other. */
  events: RecordedEvent[];
  /** How many events the group's streams hold through the position, of every type (`events` holds them all when no `types`). */
  eventCount: number;
  /** The group's last stream (pass it as `afterStream` for the next group); undefined when no stream follows `afterStream`. */
  lastStream: string | undefined;
}

/** How many events follow a position (counted up to a cap), without reading them. */
export interface EventCount {
  events: number;
  /** When the oldest of them was recorded (the store's clock); undefined when there is none. */
  oldestCreated: string | undefined;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this checkpoint; omitted = from the beginning. */
  after?: Position;
  /** Upper bound on one delivered batch. */
  batchSize?: number;
  /**
   * Handles one batch, in global order. The subscription waits for the promise before the next
   * batch; if it rejects, the subscription stops and reports the error through `onError`.
   */
  handle(events: RecordedEvent[]): Promise<void>;
  /** Caught up with everything committed at the moment (called each time it catches up). */
  onCaughtUp?(): void;
  onError?(error: unknown): void;
}

export interface Subscription {
  /** Stops delivery; resolves once no handler is running. */
  stop(): Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream in revision order (or reversed: `direction`); a stream that does not exist is empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Optional (every adapter has it; a write-only stand-in need not): `readStream`'s events, each with its
   * data and metadata as JSON text. The SQL stores hand over the stored text without parsing it.
   */
  readStreamJson?(streamId: string, options?: ReadStreamOptions): Promise<StoredJsonEvent[]>;
  /** All events in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Optional (the SQL adapters): the position of the last event `readAll` shows now; undefined while
   * the store is empty. With `readStreamGroup`, a view whose rows of a stream depend on that stream
   * only is rebuilt from zero a group of streams at a time, writing each row once per group instead
   * of once per event.
   */
  lastPosition?(): Promise<Position | undefined>;
  /** Optional, with `lastPosition`: the events through a position, a group of whole streams at a time. */
  readStreamGroup?(options: ReadStreamGroupOptions): Promise<StreamGroup>;
  /** Optional: what `readAll({ after, maxCount: cap })` would return, counted instead of read (a view's lag). */
  countAll?(options: { after?: Position; cap: number }): Promise<EventCount>;
  /** Catch-up then live: everything after `after`, then new events as they commit. Never skips one. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** True when the backing store answers (health checks). */
  ping(): Promise<boolean>;
  /** Releases connections; pending subscriptions are stopped. */
  dispose(): Promise<void>;
}

/** The stream is not at the expected revision: somebody else appended first. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The store cannot be reached (after the adapter's own retries): answered 503, safe to retry. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The event store is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}
