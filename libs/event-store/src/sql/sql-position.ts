import type { Position } from '../event-store.port';

/** Where an event sits in the global order: its transaction id, then its global position. */
export interface SqlPosition {
  transactionId: string;
  globalPosition: string;
}

/** Before every event: real transaction ids start at 3 and the bigserial at 1. */
export const START: SqlPosition = { transactionId: '0', globalPosition: '0' };

export function encodePosition({ transactionId, globalPosition }: SqlPosition): Position {
  return `${transactionId}/${globalPosition}`;
}

export function decodePosition(position: Position): SqlPosition {
  const match = /^(\d{1,20})\/(\d{1,19})$/.exec(position);
  if (!match) throw new Error(`Not a position of this event store: ${position}`);
  return { transactionId: match[1], globalPosition: match[2] };
}
