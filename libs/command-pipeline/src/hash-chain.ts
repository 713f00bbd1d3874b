import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash before a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashableEvent {
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** RFC 8785 canonical JSON, so the hash does not depend on key order or on how a store re-serialises JSON. */
export const canonicalJson = (value: unknown): string => {
  const json = canonicalize(value);
  if (json === undefined) throw new Error('value cannot be canonicalised');
  return json;
};

/** SPEC 6: SHA-256 of the previous event's hash and this event's canonical JSON (metadata without the hash). */
export function chainHash(previousHash: string, event: HashableEvent): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  return sha256Hex(previousHash + canonicalJson({ type: event.type, data: event.data, metadata }));
}

export interface ChainVerification {
  valid: boolean;
  events: number;
  /** Revision of the first event whose stored hash does not match the recomputed chain. */
  firstInvalidRevision?: string;
}

/** Recomputes the chain over a whole stream, in revision order. */
export function verifyChain(events: readonly (HashableEvent & { revision: bigint })[]): ChainVerification {
  let previous = GENESIS_HASH;
  for (const event of events) {
    const hash = continuedChain(previous, event);
    if (hash === null) return { valid: false, events: events.length, firstInvalidRevision: event.revision.toString() };
    previous = hash;
  }
  return { valid: true, events: events.length };
}

/** The event's hash when its stored hash continues the chain after `previousHash`; null when it does not. */
export function continuedChain(previousHash: string, event: HashableEvent): string | null {
  const hash = chainHash(previousHash, event);
  return event.metadata.hash === hash ? hash : null;
}
