import type { EventStore, Position } from '@settle/event-store';

/** How far a checkpoint is behind the store. Counting stops at `cap`. */
export interface Lag {
  events: number;
  /** More than `events` are pending. */
  capped: boolean;
  /** Age of the oldest pending event, by the store's clock and this process's; 0 when none is pending. */
  seconds: number;
}

export async function lagBehind(store: EventStore, position: Position | null, cap: number, nowMillis: number = Date.now()): Promise<Lag> {
  const after = position ?? undefined;
  // A store that counts without reading spares a status poll during a rebuild from decoding `cap` events.
  const pending = store.countAll
    ? await store.countAll({ after, cap: cap + 1 })
    : await store.readAll({ after, maxCount: cap + 1 }).then((events) => ({ events: events.length, oldestCreated: events[0]?.created }));
  if (pending.events === 0 || pending.oldestCreated === undefined) return { events: 0, capped: false, seconds: 0 };
  return {
    events: Math.min(pending.events, cap),
    capped: pending.events > cap,
    seconds: Math.max(0, Math.round((nowMillis - Date.parse(pending.oldestCreated)) / 100) / 10),
  };
}
