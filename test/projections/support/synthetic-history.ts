import { randomUUID } from 'node:crypto';
import {
  type ClientAccountCommand,
  type ClientAccountState,
  decide,
  evolve,
  initialState,
  type IsoDate,
  streamIdForClient,
} from '@settle/domain';
import { appendEvents, type EventToAppend, type SqlClient } from '@settle/event-store';
import { DateTime } from 'luxon';

/**
 * A large history written straight into a SQL event store, for throughput measurements: each
 * month every client gets an invoice, pays last month's (some late, some partly), and is contacted.
 * Events are decided by the real domain, then appended month by month for all clients in one
 * transaction, so the global order interleaves the clients the way a real history does.
 */
export async function writeSyntheticHistory(sql: SqlClient, options: { clients: number; months: number }): Promise<number> {
  const start = DateTime.fromISO('2024-01-01T00:00:00Z', { zone: 'utc' });
  const states = new Map<string, { state: ClientAccountState; revision: bigint }>();
  let written = 0;

  const decideAll = (clientId: string, commands: ClientAccountCommand[], now: DateTime): EventToAppend[] => {
    let { state } = states.get(clientId) ?? { state: initialState() };
    const events = commands.flatMap((command) => {
      const decided = decide(command, state, now);
      state = decided.reduce(evolve, state);
      return decided;
    });
    const revision = states.get(clientId)?.revision ?? -1n;
    states.set(clientId, { state, revision: revision + BigInt(events.length) });
    const metadata = { actor: 'bench', role: 'admin', source: 'system', recordedAt: now.toISO(), schemaVersion: 1 };
    return events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data, metadata }));
  };

  for (let month = -1; month < options.months; month++) {
    const now = start.plus({ months: Math.max(month, 0), days: month < 0 ? 0 : 27 });
    const today = now.toISODate() as IsoDate;
    await sql.transaction(async (tx) => {
      for (let index = 0; index < options.clients; index++) {
        const clientId = `bench-${index}`;
        const commands: ClientAccountCommand[] =
          month < 0
            ? [
                {
                  type: 'RegisterClient',
                  data: {
                    clientId,
                    name: `Bench ${index}`,
                    currency: 'EUR',
                    agreement: { contact: { name: 'C', email: 'c@x.example', preferredChannel: 'email' } },
                  },
                },
              ]
            : monthOf(clientId, index, month, today, now);
        const expected = states.get(clientId)?.revision ?? 'no_stream';
        const events = decideAll(clientId, commands, now);
        await appendEvents(tx, streamIdForClient(clientId), events, expected === 'no_stream' || expected < 0n ? 'no_stream' : expected);
        written += events.length;
      }
    });
  }
  return written;
}

function monthOf(clientId: string, index: number, month: number, today: IsoDate, now: DateTime): ClientAccountCommand[] {
  const amount = `${500 + ((index * 37 + month * 11) % 1500)}.00`;
  const commands: ClientAccountCommand[] = [
    { type: 'IssueInvoice', data: { clientId, invoiceId: `INV-${month}`, amount, currency: 'EUR', issuedOn: today } },
  ];
  // Three in four clients pay the whole amount of an invoice a month later; the fourth pays half.
  if (month > 0) {
    const previous = 500 + ((index * 37 + (month - 1) * 11) % 1500);
    const paid = index % 4 === 3 ? previous / 2 : previous;
    commands.push({
      type: 'RecordPayment',
      data: { clientId, paymentId: `PAY-${month}`, amount: `${paid}`, currency: 'EUR', receivedOn: today },
    });
  }
  commands.push({
    type: 'LogInteraction',
    data: { clientId, interactionId: `MAIL-${month}`, kind: 'outbound_contact', channel: 'email', occurredAt: now.toISO()! },
  });
  if (index % 3 === 0)
    commands.push({
      type: 'LogInteraction',
      data: {
        clientId,
        interactionId: `ANS-${month}`,
        kind: 'client_response',
        channel: 'email',
        occurredAt: now.plus({ hours: 2 }).toISO()!,
      },
    });
  return commands;
}
