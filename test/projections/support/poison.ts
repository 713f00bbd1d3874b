import { randomUUID } from 'node:crypto';
import { chainHash, CURRENT_SCHEMA_VERSION, type UnsealedMetadata } from '@settle/command-pipeline';
import { streamIdForClient } from '@settle/domain';
import { type EventStore, type RecordedEvent } from '@settle/event-store';

/**
 * Appends an event to a client stream as the command pipeline would record it (metadata, hash chain),
 * but straight to the store: past the commands' validation, as an event stored before it existed.
 */
export async function appendUnvalidated(store: EventStore, clientId: string, type: string, data: object): Promise<RecordedEvent> {
  const streamId = streamIdForClient(clientId);
  const stream = await store.readStream(streamId);
  const last = stream[stream.length - 1];
  const commandId = randomUUID();
  const metadata: UnsealedMetadata = {
    actor: 'legacy-import',
    role: 'admin',
    source: 'api',
    commandId,
    commandHash: commandId,
    correlationId: commandId,
    causationId: commandId,
    recordedAt: String(last.metadata.recordedAt),
    schemaVersion: CURRENT_SCHEMA_VERSION,
  };
  const hash = chainHash(String(last.metadata.hash), { type, data, metadata: { ...metadata } });
  await store.append(streamId, [{ id: randomUUID(), type, data, metadata: { ...metadata, hash } }], last.revision);
  const [recorded] = await store.readStream(streamId, { fromRevision: last.revision + 1n });
  return recorded;
}

/** An invoice issued on a date the commands refuse now: the year 9999, due in the year 10000 (`+010000-01-30`). */
export const farFutureInvoice = (clientId: string, invoiceId: string) => ({
  clientId,
  invoiceId,
  amount: '100000',
  currency: 'EUR',
  issuedOn: '9999-12-31',
  dueOn: '+010000-01-30',
});

/** An invoice issued in the year 0 (1 BC for PostgreSQL), long overdue. */
export const yearZeroInvoice = (clientId: string, invoiceId: string) => ({
  clientId,
  invoiceId,
  amount: '5000',
  currency: 'EUR',
  issuedOn: '0000-01-01',
  dueOn: '0000-01-31',
});

const outsideFourDigitYears = (date: unknown) => typeof date === 'string' && !/^(?!0000)\d{4}-/.test(date);

/**
 * What the client facts view did before its reader was fixed: PostgreSQL refused a due date outside
 * the years 0001–9999 (SQLSTATE 22008). Tests put it back to see a projection fail on a stored event.
 */
export function failLikeTheOldReader(events: readonly RecordedEvent[]): void {
  for (const event of events) {
    const { dueOn } = (event.data ?? {}) as { dueOn?: unknown };
    if (event.type === 'InvoiceIssued' && outsideFourDigitYears(dueOn))
      throw Object.assign(new Error(`date/time field value out of range: "${String(dueOn)}"`), { code: '22008' });
  }
}
