import type { EventToAppend, ExpectedRevision } from './event-store.port';

/** Refuses what no adapter can record: an empty batch or a negative expected revision. */
export function assertAppendable(events: EventToAppend[], expected: ExpectedRevision): void {
  if (events.length === 0) throw new Error('An append needs at least one event');
  if (typeof expected === 'bigint' && expected < 0n) throw new Error(`Expected revision must not be negative, got ${expected}`);
}
