import type { Position as EsdbPosition } from '@eventstore/db-client';
import type { Position } from '../event-store.port';

/**
 * An EventStoreDB `$all` position is a commit/prepare pair of unsigned 64-bit log offsets.
 * The port's position is that pair as decimal text, `<commit>/<prepare>`: exact at any size
 * (never a JS number) and, unlike the commit position alone, unique per event.
 */
export function encodePosition({ commit, prepare }: EsdbPosition): Position {
  return `${commit}/${prepare}`;
}

export function decodePosition(position: Position): EsdbPosition {
  const match = /^(\d{1,20})\/(\d{1,20})$/.exec(position);
  if (!match) throw new Error(`Not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function samePosition(a: EsdbPosition, b: EsdbPosition): boolean {
  return a.commit === b.commit && a.prepare === b.prepare;
}
