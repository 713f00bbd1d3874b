import { chainHash, GENESIS_HASH, sha256Hex, verifyChain } from './hash-chain';

interface TestEvent {
  revision: bigint;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}
const event = (revision: bigint, type: string, data: unknown, metadata: Record<string, unknown>): TestEvent => ({
  revision,
  type,
  data,
  metadata,
});

/** Seals events the way the executor does: each hash covers the previous hash and the event without its hash. */
function sealed(events: TestEvent[]): TestEvent[] {
  let previous = GENESIS_HASH;
  return events.map((e) => {
    const hash = chainHash(previous, e);
    previous = hash;
    return { ...e, metadata: { ...e.metadata, hash } };
  });
}

describe('hash chain', () => {
  const stream = () =>
    sealed([
      event(0n, 'ClientRegistered', { clientId: 'acme', name: 'Acme' }, { actor: 'clerk', recordedAt: '2026-03-02T10:00:00.000Z' }),
      event(1n, 'InvoiceIssued', { invoiceId: 'INV-1', amount: '125000' }, { actor: 'clerk', recordedAt: '2026-03-02T10:00:01.000Z' }),
      event(2n, 'PaymentReceived', { paymentId: 'P-1', amount: '5000' }, { actor: 'clerk', recordedAt: '2026-03-02T10:00:02.000Z' }),
    ]);

  it('is SHA-256 of the previous hash and the canonical JSON of type, data and metadata without the hash', () => {
    const first = event(0n, 'ClientRegistered', { b: 1, a: 2 }, { actor: 'x', hash: 'ignored' });
    expect(chainHash(GENESIS_HASH, first)).toBe(
      sha256Hex(GENESIS_HASH + '{"data":{"a":2,"b":1},"metadata":{"actor":"x"},"type":"ClientRegistered"}'),
    );
  });

  it('does not depend on key order (a JSON store may reorder keys)', () => {
    const reordered = event(0n, 'T', { a: 1, b: { d: 4, c: 3 } }, { y: 1, x: 2 });
    const original = event(0n, 'T', { b: { c: 3, d: 4 }, a: 1 }, { x: 2, y: 1 });
    expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, original));
  });

  it('verifies an untouched stream', () => {
    expect(verifyChain(stream())).toEqual({ valid: true, events: 3 });
  });

  it('names the first revision whose data, metadata or order was changed', () => {
    const editedData = stream();
    editedData[1] = { ...editedData[1], data: { invoiceId: 'INV-1', amount: '100000' } };
    expect(verifyChain(editedData)).toEqual({ valid: false, events: 3, firstInvalidRevision: '1' });

    const editedMetadata = stream();
    editedMetadata[2] = { ...editedMetadata[2], metadata: { ...editedMetadata[2].metadata, actor: 'mallory' } };
    expect(verifyChain(editedMetadata)).toEqual({ valid: false, events: 3, firstInvalidRevision: '2' });

    const removed = stream().filter((e) => e.revision !== 1n);
    expect(verifyChain(removed)).toEqual({ valid: false, events: 2, firstInvalidRevision: '2' });
  });
});
