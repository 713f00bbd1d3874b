import {
  isMap,
  isOrderedMap,
  isOrderedSet,
  isSet,
  List,
  Map as ImmutableMap,
  OrderedMap,
  OrderedSet,
  Set as ImmutableSet,
} from 'immutable';
import { type StreamSnapshot } from '@settle/command-pipeline';
import { type CollectionsSubject } from '../collections-subject';

/**
 * Names what `encodeSnapshot` writes and what the fold put in it: a snapshot written under another
 * format is never read. Change it with any change to what the collections fold keeps (the subject's
 * shape or what an event does to it); the start-up check (`CollectionsStreamCache`) compares a few
 * snapshots with a fresh fold of their streams all the same.
 */
export const SNAPSHOT_FORMAT = 'collections-subject/1';

type Tagged =
  | { $bigint: string }
  | { $map: [unknown, unknown][] }
  | { $orderedMap: [unknown, unknown][] }
  | { $set: unknown[] }
  | { $orderedSet: unknown[] };

/** A folded snapshot as JSON text: bigints and immutable collections tagged, their iteration order kept. */
export const encodeSnapshot = (snapshot: StreamSnapshot<CollectionsSubject>): string =>
  JSON.stringify({
    state: toPlain(snapshot.state),
    revision: snapshot.revision.toString(),
    lastHash: snapshot.lastHash,
    commands: toPlain(snapshot.commands),
  });

export const decodeSnapshot = (text: string): StreamSnapshot<CollectionsSubject> => {
  const plain = JSON.parse(text) as { state: unknown; revision: string; lastHash: string; commands: unknown };
  return {
    state: fromPlain(plain.state) as CollectionsSubject,
    revision: BigInt(plain.revision),
    lastHash: plain.lastHash,
    commands: fromPlain(plain.commands) as StreamSnapshot<CollectionsSubject>['commands'],
  };
};

const toPlain = (value: unknown): unknown => {
  if (typeof value === 'bigint') return { $bigint: value.toString() } satisfies Tagged;
  if (value === null || typeof value !== 'object') return value;
  if (isOrderedMap(value))
    return { $orderedMap: [...value.entries()].map(([key, item]) => [toPlain(key), toPlain(item)]) } satisfies Tagged;
  if (isMap(value)) return { $map: [...value.entries()].map(([key, item]) => [toPlain(key), toPlain(item)]) } satisfies Tagged;
  if (isOrderedSet(value)) return { $orderedSet: [...value.values()].map(toPlain) } satisfies Tagged;
  if (isSet(value)) return { $set: [...value.values()].map(toPlain) } satisfies Tagged;
  if (List.isList(value) || !(Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)) {
    // Nothing else is in the fold today; a new kind of value must be taught here, not written as something else.
    throw new Error(`A collections snapshot cannot encode ${Object.prototype.toString.call(value)}`);
  }
  if (Array.isArray(value)) return value.map(toPlain);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlain(item)]));
};

/** What `toPlain` wrote, back; plain objects and arrays of the fresh parse are revived in place (no copies). */
const fromPlain = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = fromPlain(value[index]);
    return value;
  }
  const tagged = value as Record<string, unknown>;
  if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
  const entries = (items: unknown) => fromPlain(items) as [unknown, unknown][];
  if (tagged.$orderedMap) return OrderedMap(entries(tagged.$orderedMap));
  if (tagged.$map) return ImmutableMap(entries(tagged.$map));
  if (tagged.$orderedSet) return OrderedSet(fromPlain(tagged.$orderedSet) as unknown[]);
  if (tagged.$set) return ImmutableSet(fromPlain(tagged.$set) as unknown[]);
  for (const key in tagged) tagged[key] = fromPlain(tagged[key]);
  return tagged;
};
