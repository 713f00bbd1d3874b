import { DateTime } from 'luxon';
import { clientEvent, factsFrom, invoice, registered } from './fixtures/behaviour-events';
import { computePaymentBehaviour } from './payment-behaviour';

const NOW = DateTime.fromISO('2026-06-30T12:00:00Z', { zone: 'utc' });

describe('computePaymentBehaviour', () => {
  // Evaluated on 2026-06-30 (lookback: paid after 2025-06-30; DSO window: issued after 2026-04-01).
  const facts = factsFrom(
    registered(),
    invoice('A', '10000', '2026-01-01', '2026-01-31', '2026-02-10'), // 10 days late, 40 days to pay
    invoice('B', '30000', '2026-02-01', '2026-03-03', '2026-03-23'), // 20 days late, 50 days to pay
    invoice('C', '20000', '2026-03-01', '2026-03-31', '2026-03-26'), //  5 days early, 25 days to pay
    invoice('D', '100000', '2025-03-01', '2025-03-31', '2025-05-30'), // 60 days late, 90 days to pay, paid before the lookback
    invoice('G', '60000', '2026-04-15', '2026-05-15', '2026-05-10'), //  5 days early, 25 days to pay
    invoice('E', '50000', '2026-05-01', '2026-05-31'), // open, 30 days past due
    invoice('F', '40000', '2026-06-10', '2026-07-10'), // open, not yet due
  );
  const behaviour = computePaymentBehaviour(facts, NOW);

  it('counts invoices issued, paid and open', () => {
    expect(behaviour).toMatchObject({
      asOf: '2026-06-30T12:00:00.000Z',
      currency: 'EUR',
      invoicesIssued: 7,
      invoicesPaid: 5,
      openInvoices: 2,
    });
  });

  it('computes the on-time rate and the average days to pay over all paid invoices', () => {
    // on time: C and G of A, B, C, D, G → 2 / 5
    expect(behaviour.onTimeRate).toBe(0.4);
    // (40 + 50 + 25 + 90 + 25) / 5 = 230 / 5
    expect(behaviour.averageDaysToPay).toBe(46);
  });

  it('weights days late by amount over the invoices paid in the last 12 months, early counting as 0', () => {
    // (10000 × 10 + 30000 × 20 + 20000 × 0 + 60000 × 0) / (10000 + 30000 + 20000 + 60000) = 700000 / 120000 = 5.83…
    expect(behaviour.weightedAverageDaysLate).toBe(5.8);
  });

  it('scores PAYDEX from the amount-weighted days beyond terms, open overdue invoices included', () => {
    // paid: 10000 × 10 + 30000 × 20 + 20000 × (−5) + 60000 × (−5) = 300000; open overdue E: 50000 × 30 = 1500000
    // 1800000 / (120000 + 50000) = 10.59 days → 80 − 10.59 × 10 / 15 = 72.94 → 73
    expect(behaviour.paydex).toBe(73);
  });

  it('ages the outstanding and relates it to recent invoicing', () => {
    expect(behaviour.aging).toEqual({ current: 40000n, d1_30: 50000n, d31_60: 0n, d61_90: 0n, d91_plus: 0n });
    expect(behaviour).toMatchObject({ outstanding: 90000n, overdue: 50000n, oldestOverdueDays: 30 });
    // invoiced after 2026-04-01: G + E + F = 150000; 90000 / 150000 × 90 = 54
    expect(behaviour.dso).toBe(54);
  });

  it('gives nulls rather than inventing figures for a client without history', () => {
    const empty = computePaymentBehaviour(factsFrom(registered()), NOW);
    expect(empty).toMatchObject({
      onTimeRate: null,
      averageDaysToPay: null,
      weightedAverageDaysLate: null,
      paydex: null,
      dso: null,
      outstanding: 0n,
    });
    expect(empty.trend.direction).toBe('insufficient_data');
  });

  it('counts neither credited nor written-off invoices as paid or open', () => {
    const settled = factsFrom(
      registered(),
      invoice('X', '10000', '2026-01-01', '2026-01-31'),
      clientEvent('CreditNoteIssued', { creditNoteId: 'cn', invoiceId: 'X', amount: '10000', issuedOn: '2026-02-01' }),
      invoice('Y', '10000', '2026-01-01', '2026-01-31'),
      clientEvent('InvoiceWrittenOff', { invoiceId: 'Y', amount: '10000', writtenOffOn: '2026-05-01', reason: 'closed' }),
    );
    expect(computePaymentBehaviour(settled, NOW)).toMatchObject({ invoicesIssued: 2, invoicesPaid: 0, openInvoices: 0, outstanding: 0n });
  });

  it('reads "today" in the client time zone', () => {
    // 23:30 UTC on 30 June is already 1 July in Amsterdam: F-like invoice due 30 June is 1 day past due there
    const late = NOW.set({ hour: 23, minute: 30 });
    const dueToday = (timezone: string) => factsFrom(registered({ timezone }), invoice('Z', '100', '2026-06-01', '2026-06-30'));
    expect(computePaymentBehaviour(dueToday('UTC'), late).aging.current).toBe(100n);
    expect(computePaymentBehaviour(dueToday('Europe/Amsterdam'), late).aging.d1_30).toBe(100n);
  });
});
