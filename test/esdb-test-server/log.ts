import { checkCommit, type ExpectedVersion } from './commit-check';

/**
 * A `$all` position. EventStoreDB writes gRPC appends as implicitly committed prepares, so for
 * them commit = prepare = the event's own log offset (they differ only for explicit transactions,
 * which gRPC cannot make); the pair is kept because that is what the protocol carries.
 */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  streamId: string;
  revision: bigint;
  position: LogPosition;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB reports `created`. */
  createdTicks: bigint;
}

export type AppendOutcome =
  | { kind: 'success'; lastRevision: bigint | 'no_stream'; position?: LogPosition }
  | { kind: 'wrong_expected_version'; current: bigint | 'no_stream' };

/** Room each record takes in the log: positions advance like byte offsets, never by one. */
const RECORD_OVERHEAD = 96n;

/**
 * The in-memory transaction log of the test server. It outlives the gRPC server that serves it,
 * so a test can stop the server and start it again on the same data.
 */
export class EsdbLog {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
  private readonly listeners = new Set<() => void>();
  private nextPosition: bigint;

  /** `firstPosition` lets a test start the log beyond 2^53, where a position held as a JS number would break. */
  constructor({ firstPosition = 0n }: { firstPosition?: bigint } = {}) {
    this.nextPosition = firstPosition;
  }

  /** Every event in commit order (system events included, as in `$all`). */
  get events(): readonly StoredEvent[] {
    return this.all;
  }

  stream(streamId: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamId);
  }

  append(streamId: string, expected: ExpectedVersion, proposed: ProposedEvent[]): AppendOutcome {
    const existing = this.streams.get(streamId) ?? [];
    const check = checkCommit(
      streamId,
      existing,
      (id) => this.byId.get(id),
      expected,
      proposed.map((e) => e.id),
    );
    switch (check.kind) {
      case 'wrong_expected_version':
        return { kind: 'wrong_expected_version', current: revisionOf(existing) };
      case 'idempotent':
        return { kind: 'success', lastRevision: check.last.revision, position: check.last.position };
      case 'write':
        return this.write(streamId, existing, proposed);
    }
  }

  /** Called after every successful write; returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Index of the first event whose position is after `position` (or at it, when `inclusive`). */
  indexFrom(position: LogPosition, inclusive: boolean): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const order = comparePositions(this.all[middle].position, position);
      if (order < 0 || (order === 0 && !inclusive)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private write(streamId: string, existing: StoredEvent[], proposed: ProposedEvent[]): AppendOutcome {
    if (proposed.length === 0) return { kind: 'success', lastRevision: revisionOf(existing) };
    const createdTicks = BigInt(Date.now()) * 10_000n;
    for (const event of proposed) {
      const stored: StoredEvent = {
        ...event,
        streamId,
        revision: BigInt(existing.length),
        position: { commit: this.nextPosition, prepare: this.nextPosition },
        createdTicks,
      };
      this.nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.metadata.length + event.type.length);
      existing.push(stored);
      this.all.push(stored);
      this.byId.set(event.id, stored);
    }
    this.streams.set(streamId, existing);
    for (const listener of [...this.listeners]) listener();
    const last = existing[existing.length - 1];
    return { kind: 'success', lastRevision: last.revision, position: last.position };
  }
}

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function revisionOf(stream: readonly StoredEvent[]): bigint | 'no_stream' {
  return stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
}
