import { type ClientAccountCommand, type IsoDate } from '@settle/domain';
import { DateTime } from 'luxon';

/** A command and the instant the clock shows when it is sent. */
export interface TimedCommand {
  at: string;
  command: ClientAccountCommand;
}

const AGREEMENT = {
  paymentTerms: { type: 'net', days: 30 } as const,
  timezone: 'Europe/Amsterdam',
  contact: { name: 'Ada Client', email: 'ada@client.example', preferredChannel: 'email' as const },
  lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50', compounding: 'simple' as const, graceDays: 0 },
};

const day = (start: DateTime, days: number, hour = 10) => start.plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });
const dateOf = (instant: DateTime): IsoDate => instant.setZone('Europe/Amsterdam').toISODate() as IsoDate;

/**
 * A mixed, valid workload over `months` months from `start`: four kinds of client in turn — one who
 * pays before the due date, one 20 days late, one who pays half, promises the rest and has a payment
 * bounce, one who stops answering, misses meetings, disputes and gets a credit note and a write-off.
 * Every event type a client stream can hold from the API appears. In time order.
 */
export function mixedWorkload(options: { clients: number; months: number; start?: string; prefix?: string }): TimedCommand[] {
  const start = DateTime.fromISO(options.start ?? '2025-01-01T00:00:00Z', { zone: 'utc' });
  const prefix = options.prefix ?? 'client';
  const commands: TimedCommand[] = [];
  const add = (at: DateTime, command: ClientAccountCommand) => commands.push({ at: at.toISO()!, command });

  for (let index = 0; index < options.clients; index++) {
    const clientId = `${prefix}-${index}`;
    const kind = index % 4;
    add(day(start, 0, 9), { type: 'RegisterClient', data: { clientId, name: `Client ${index}`, currency: 'EUR', agreement: AGREEMENT } });
    for (let month = 0; month < options.months; month++) {
      const monthStart = start.plus({ months: month });
      const issued = day(monthStart, 1);
      const invoiceId = `INV-${month}`;
      const amount = `${1000 + 37 * index + 11 * month}.00`;
      add(issued, { type: 'IssueInvoice', data: { clientId, invoiceId, amount, currency: 'EUR', issuedOn: dateOf(issued) } });
      const due = issued.plus({ days: 30 });
      const pay = (at: DateTime, paymentId: string, paid: string) =>
        add(at, { type: 'RecordPayment', data: { clientId, paymentId, amount: paid, currency: 'EUR', receivedOn: dateOf(at) } });
      switch (kind) {
        case 0:
          pay(day(due, -3), `PAY-${month}`, amount);
          if (month === 1)
            add(day(due, -2), {
              type: 'LogInteraction',
              data: { clientId, interactionId: `PUSH-${month}`, kind: 'price_pushback', occurredAt: day(due, -2).toISO()! },
            });
          break;
        case 1:
          pay(day(due, 20), `PAY-${month}`, amount);
          add(day(due, 2), {
            type: 'LogInteraction',
            data: { clientId, interactionId: `ASK-${month}`, kind: 'outbound_contact', channel: 'email', occurredAt: day(due, 2).toISO()! },
          });
          add(day(due, 3, 15), {
            type: 'LogInteraction',
            data: {
              clientId,
              interactionId: `ANS-${month}`,
              kind: 'client_response',
              channel: 'email',
              respondsTo: `ASK-${month}`,
              occurredAt: day(due, 3, 15).toISO()!,
            },
          });
          break;
        case 2: {
          const half = `${(1000 + 37 * index + 11 * month) / 2}`;
          pay(day(due, 5), `PAY-${month}-A`, half);
          add(day(due, 6), {
            type: 'LogInteraction',
            data: {
              clientId,
              interactionId: `PTP-${month}`,
              kind: 'promise_to_pay',
              occurredAt: day(due, 6).toISO()!,
              amount: half,
              currency: 'EUR',
              promisedOn: dateOf(day(due, 16)),
            },
          });
          if (month === 1) {
            add(day(due, 8), {
              type: 'ReversePayment',
              data: { clientId, paymentId: `PAY-${month}-A`, reason: 'Bounced', reversedOn: dateOf(day(due, 8)) },
            });
            pay(day(due, 9), `PAY-${month}-R`, half);
          }
          pay(day(due, 14), `PAY-${month}-B`, half);
          break;
        }
        case 3:
          add(day(issued, 2), {
            type: 'LogInteraction',
            data: {
              clientId,
              interactionId: `MAIL-${month}`,
              kind: 'outbound_contact',
              channel: 'email',
              occurredAt: day(issued, 2).toISO()!,
            },
          });
          add(day(issued, 9), {
            type: 'LogInteraction',
            data: { clientId, interactionId: `MEET-${month}`, kind: 'meeting_missed', occurredAt: day(issued, 9).toISO()! },
          });
          if (month === 1) {
            add(day(issued, 4), {
              type: 'LogInteraction',
              data: {
                clientId,
                interactionId: `DISP-0`,
                kind: 'dispute_raised',
                invoiceId: 'INV-0',
                reason: 'Scope',
                occurredAt: day(issued, 4).toISO()!,
              },
            });
            add(day(issued, 5), {
              type: 'IssueCreditNote',
              data: {
                clientId,
                invoiceId: 'INV-0',
                creditNoteId: 'CN-0',
                amount: '100.00',
                currency: 'EUR',
                issuedOn: dateOf(day(issued, 5)),
              },
            });
            add(day(issued, 6), {
              type: 'LogInteraction',
              data: {
                clientId,
                interactionId: 'DM-1',
                kind: 'decision_maker_changed',
                occurredAt: day(issued, 6).toISO()!,
                newContact: { name: 'Bea Boss' },
              },
            });
          }
          if (month === 2) {
            add(day(issued, 4), {
              type: 'LogInteraction',
              data: {
                clientId,
                interactionId: 'DISP-0-END',
                kind: 'dispute_resolved',
                invoiceId: 'INV-0',
                outcome: 'rejected',
                occurredAt: day(issued, 4).toISO()!,
              },
            });
            add(day(issued, 5), {
              type: 'WriteOffInvoice',
              data: { clientId, invoiceId: 'INV-0', reason: 'Client insolvent', writtenOffOn: dateOf(day(issued, 5)) },
            });
          }
          break;
      }
    }
  }
  return commands.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
