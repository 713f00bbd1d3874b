/** What the client asked the stream to be at before the append. */
export type ExpectedVersion = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: bigint };

interface IdentifiedEvent {
  id: string;
  streamId: string;
}

export type CommitCheck<E> = { kind: 'write' } | { kind: 'idempotent'; last: E } | { kind: 'wrong_expected_version' };

/**
 * EventStoreDB's commit check: expected-version rules plus idempotency by event id. A retry
 * of events already written at the same expected position succeeds without writing them again
 * (answered with the original revision and position); a partial match is a wrong expected version.
 * With `any` / `stream_exists` the ids are looked up wherever they are in the stream.
 */
export function checkCommit<E extends IdentifiedEvent>(
  streamId: string,
  stream: readonly E[],
  findById: (id: string) => E | undefined,
  expected: ExpectedVersion,
  ids: readonly string[],
): CommitCheck<E> {
  const current = BigInt(stream.length) - 1n;
  switch (expected.kind) {
    case 'any':
      return checkIdsAnywhere(streamId, findById, ids);
    case 'stream_exists':
      return current < 0n ? { kind: 'wrong_expected_version' } : checkIdsAnywhere(streamId, findById, ids);
    case 'no_stream':
      return checkIdsAt(stream, -1n, ids);
    case 'revision':
      return checkIdsAt(stream, expected.revision, ids);
  }
}

function checkIdsAnywhere<E extends IdentifiedEvent>(
  streamId: string,
  findById: (id: string) => E | undefined,
  ids: readonly string[],
): CommitCheck<E> {
  const found = ids.map(findById);
  const inStream = (event: E | undefined): event is E => event?.streamId === streamId;
  if (found.length === 0 || !inStream(found[0])) return { kind: 'write' };
  if (!found.every(inStream)) return { kind: 'wrong_expected_version' };
  return { kind: 'idempotent', last: found[found.length - 1] as E };
}

function checkIdsAt<E extends IdentifiedEvent>(stream: readonly E[], expected: bigint, ids: readonly string[]): CommitCheck<E> {
  const current = BigInt(stream.length) - 1n;
  if (expected === current) return { kind: 'write' };
  if (expected > current || ids.length === 0) return { kind: 'wrong_expected_version' };
  const first = Number(expected + 1n);
  const matches = ids.every((id, offset) => stream[first + offset]?.id === id);
  return matches ? { kind: 'idempotent', last: stream[first + ids.length - 1] } : { kind: 'wrong_expected_version' };
}
