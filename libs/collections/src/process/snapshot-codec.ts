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
export const SNAPSHOT_FORMAT = 'collections-subject/2';

type Tagged =
  | { $bigint: string }
  | { $map: [unknown, unknown][] }
  | { $orderedMap: [unknown, unknown][] }
  | { $set: unknown[] }
  | { $orderedSet: unknown[] };

type Commands = StreamSnapshot<CollectionsSubject>['commands'];

interface EncodedSnapshot {
  /** The subject but its facts, bigints and immutable collections tagged. */
  state: Record<string, unknown>;
  /** The behaviour facts as they are: plain JSON by their contract (`BehaviourFacts`), so no tagging walk either way. */
  facts: CollectionsSubject['facts'];
  revision: string;
  lastHash: string;
  /** The recorded commands packed in one string (`packCommands`): one token for the parser, unpacked on first use. */
  commands: string;
}

/** A folded snapshot as JSON text: bigints and immutable collections tagged, their iteration order kept. */
export const encodeSnapshot = (snapshot: StreamSnapshot<CollectionsSubject>): string => {
  const { facts, ...state } = snapshot.state;
  return JSON.stringify({
    state: toPlain(state) as EncodedSnapshot['state'],
    facts,
    revision: snapshot.revision.toString(),
    lastHash: snapshot.lastHash,
    commands: packCommands(snapshot.commands),
  } satisfies EncodedSnapshot);
};

/**
 * What `encodeSnapshot` wrote, back. The commands (about half of the text) are unpacked into their map
 * when first read: a day's cycle decides nothing for most clients and never looks at them.
 */
export const decodeSnapshot = (text: string): StreamSnapshot<CollectionsSubject> => {
  const plain = JSON.parse(text) as EncodedSnapshot;
  const snapshot = {
    state: { ...(fromPlain(plain.state) as Omit<CollectionsSubject, 'facts'>), facts: plain.facts },
    revision: BigInt(plain.revision),
    lastHash: plain.lastHash,
  };
  let packed: string | undefined = plain.commands;
  let commands: Commands | undefined;
  return Object.defineProperty(snapshot, 'commands', {
    get: () => {
      // Unpacked once; the packed text is let go then.
      if (commands === undefined) [commands, packed] = [unpackCommands(packed!), undefined];
      return commands;
    },
    enumerable: true,
  }) as StreamSnapshot<CollectionsSubject>;
};

/**
 * commandId → commandHash as `<length>:<hash><length>:<id>` for each command, in the map's order:
 * length-prefixed, so any id or hash reads back whatever characters it holds.
 */
export const packCommands = (commands: Commands): string => {
  let packed = '';
  for (const [commandId, commandHash] of commands) packed += `${commandHash.length}:${commandHash}${commandId.length}:${commandId}`;
  return packed;
};

export const unpackCommands = (packed: string): Commands => {
  const next = (from: number): [string, number] => {
    const colon = packed.indexOf(':', from);
    if (colon < 0) throw new Error('Packed commands cut short');
    const end = colon + 1 + Number(packed.slice(from, colon));
    return [packed.slice(colon + 1, end), end];
  };
  return ImmutableMap<string, string>().withMutations((commands) => {
    for (let at = 0; at < packed.length;) {
      const [commandHash, idAt] = next(at);
      const [commandId, end] = next(idAt);
      commands.set(commandId, commandHash);
      at = end;
    }
  });
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
