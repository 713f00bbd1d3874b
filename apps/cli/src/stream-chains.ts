import { continuedChain, GENESIS_HASH, type HashableEvent } from '@settle/command-pipeline';

const CLIENT_STREAM_PREFIX = 'client-';

/** Who a stream belongs to, in the words of the finance team: the client, where it is a client stream. */
export const describeStream = (streamId: string): string =>
  streamId.startsWith(CLIENT_STREAM_PREFIX) ? `client ${streamId.slice(CLIENT_STREAM_PREFIX.length)}` : `stream ${streamId}`;

/** A stream's history does not verify: a revision is missing or repeated, or a hash does not match (SPEC 6). */
export class BrokenChainError extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    readonly reason: string,
  ) {
    super(`The hash chain of ${describeStream(streamId)} is broken at revision ${revision}: ${reason}`);
    this.name = 'BrokenChainError';
  }
}

/**
 * Verifies every stream's hash chain over events given in global order, one at a time, keeping only
 * each stream's next revision and last hash: memory grows with the number of streams, not events.
 * The same check as `verifyChain` (`continuedChain`), which needs a whole stream at once.
 */
export class StreamChains {
  private readonly heads = new Map<string, { nextRevision: bigint; hash: string }>();
  private eventCount = 0;

  /** Throws `BrokenChainError` unless the event continues its stream's chain. */
  add(streamId: string, revision: bigint, event: HashableEvent): void {
    const head = this.heads.get(streamId) ?? { nextRevision: 0n, hash: GENESIS_HASH };
    if (revision !== head.nextRevision) throw new BrokenChainError(streamId, revision, `expected revision ${head.nextRevision}`);
    const hash = continuedChain(head.hash, event);
    if (hash === null) throw new BrokenChainError(streamId, revision, 'the stored hash does not match its content');
    this.heads.set(streamId, { nextRevision: revision + 1n, hash });
    this.eventCount++;
  }

  get streams(): number {
    return this.heads.size;
  }

  get events(): number {
    return this.eventCount;
  }
}
