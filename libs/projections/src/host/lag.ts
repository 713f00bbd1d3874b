import type { EventStore, Position } from '@settle/event-store';

/** How far a checkpoint is behind the store. Counting stops at `cap` (counting means reading). */
export interface Lag {
  events: number;
  /** More than `events` are pending. */
  capped: boolean;
  /** Age of the oldest pending event, by the store's clock and this process's; 0 when none is pending. */
  seconds: number;
}

export async function lagBehind(store: EventStore, position: Position | null, cap: number, nowMillis: number = Date.now()): Promise<Lag> {
  const pending = await store.readAll({ after: position ?? undefined, maxCount: cap + 1 });
  if (pending.length === 0) return { events: 0, capped: false, seconds: 0 };
  return {
    events: Math.min(pending.length, cap),
    capped: pending.length > cap,
    seconds: Math.max(0, Math.round((nowMillis - Date.parse(pending[0].created)) / 100) / 10),
  };
}
