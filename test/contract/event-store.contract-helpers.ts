import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, Position, RecordedEvent, Subscription } from '@settle/event-store';

/** Each case writes to its own streams, so cases sharing one store never see each other's. */
export const newStreamId = (label: string) => `${label}-${randomUUID()}`;

export function newEvent(
  type = 'TestEvent',
  data: unknown = { n: 1 },
  metadata: Record<string, unknown> = { source: 'contract' },
): EventToAppend {
  return { id: randomUUID(), type, data, metadata };
}

export const newEvents = (count: number, type = 'TestEvent') => Array.from({ length: count }, (_, n) => newEvent(type, { n }));

export const ids = (events: { id: string }[]) => events.map((event) => event.id);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Every event readable after `after`, page by page. */
export async function readAllAfter(store: EventStore, after?: Position, pageSize = 1000): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let cursor = after; ;) {
    const page = await store.readAll({ after: cursor, maxCount: pageSize });
    all.push(...page);
    if (page.length < pageSize) return all;
    cursor = page[page.length - 1].position;
  }
}

/** Where the store's global order ends now: cases read "after head" to see only their own events. */
export async function head(store: EventStore): Promise<Position | undefined> {
  return (await readAllAfter(store)).at(-1)?.position;
}

/**
 * Reads after `after` until all `expected` ids are readable. A SQL store shows a committed event to
 * global readers once every older transaction has ended, which other test files may briefly hold.
 */
export function readAllUntil(store: EventStore, after: Position | undefined, expected: string[]): Promise<RecordedEvent[]> {
  return eventually(async () => {
    const events = await readAllAfter(store, after);
    const seen = new Set(ids(events));
    return expected.every((id) => seen.has(id)) ? events : undefined;
  }, `${expected.length} events to become readable`);
}

/** A subscription that records what it was given, batch by batch. */
export class Collector {
  readonly batches: RecordedEvent[][] = [];
  caughtUp = 0;
  errors: unknown[] = [];
  checkpoint: Position | undefined;
  subscription!: Subscription;

  constructor(private readonly onBatch: (events: RecordedEvent[]) => Promise<void> = async () => undefined) {}

  static start(
    store: EventStore,
    options: { after?: Position; batchSize?: number; onBatch?: (events: RecordedEvent[]) => Promise<void> },
  ): Collector {
    const collector = new Collector(options.onBatch);
    collector.subscription = store.subscribeToAll({
      after: options.after,
      batchSize: options.batchSize,
      handle: async (events) => {
        await collector.onBatch(events);
        collector.batches.push(events);
        collector.checkpoint = events[events.length - 1].position;
      },
      onCaughtUp: () => collector.caughtUp++,
      onError: (error) => collector.errors.push(error),
    });
    return collector;
  }

  get events(): RecordedEvent[] {
    return this.batches.flat();
  }

  has(expected: string[]): boolean {
    const seen = new Set(ids(this.events));
    return expected.every((id) => seen.has(id));
  }

  waitFor(expected: string[]): Promise<RecordedEvent[]> {
    return eventually(() => (this.has(expected) ? this.events : undefined), `the subscription to deliver ${expected.length} events`);
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }
}

/** Each `expected` id appears in `events` exactly once (events of other cases are ignored). */
export function expectExactlyOnce(events: RecordedEvent[], expected: string[]): void {
  const delivered = ids(events).filter((id) => expected.includes(id));
  expect(new Set(delivered).size).toBe(delivered.length);
  expect([...delivered].sort()).toEqual([...expected].sort());
}

/** Within each stream, events come in revision order with no gap. */
export function expectStreamsInRevisionOrder(events: RecordedEvent[]): void {
  const next = new Map<string, bigint>();
  for (const event of events) {
    const expected = next.get(event.streamId);
    if (expected !== undefined) expect(`${event.streamId}@${event.revision}`).toBe(`${event.streamId}@${expected}`);
    next.set(event.streamId, event.revision + 1n);
  }
}
