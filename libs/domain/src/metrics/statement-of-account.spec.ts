import { DateTime } from 'luxon';
import { accountView } from '../client-account/account-view';
import { stateFromEvents } from '../client-account/client-account.decider';
import { type RegisteredAccount } from '../client-account/state';
import { clientEvent, clientRegistered } from '../client-account/testing/client-account-fixtures';
import { statementOfAccount } from './statement-of-account';

const invoice = (invoiceId: string, amount: string, issuedOn: string, dueOn: string) =>
  clientEvent('InvoiceIssued', { invoiceId, amount, currency: 'EUR', issuedOn, dueOn });

// Recorded in this order; the interest (dated 1 Apr) is recorded after the late fee (dated 20 Apr).
const EVENTS = [
  clientRegistered({ agreement: { timezone: 'Europe/Amsterdam' } }),
  invoice('INV-1', '100000', '2026-01-05', '2026-02-04'),
  invoice('INV-2', '50000', '2026-02-10', '2026-03-12'),
  clientEvent('PaymentReceived', { paymentId: 'PAY-1', amount: '120000', currency: 'EUR', receivedOn: '2026-02-15' }),
  clientEvent('PaymentAllocated', { paymentId: 'PAY-1', invoiceId: 'INV-1', amount: '100000' }),
  clientEvent('PaymentAllocated', { paymentId: 'PAY-1', invoiceId: 'INV-2', amount: '20000' }),
  clientEvent('LateFeeCharged', { invoiceId: 'INV-2', amount: '4000', chargedOn: '2026-04-20' }),
  clientEvent('LateInterestCharged', {
    invoiceId: 'INV-2',
    periodFrom: '2026-03-13',
    periodTo: '2026-03-31',
    amount: '123',
    principal: '30000',
    annualInterestRate: '8',
    compounding: 'simple',
    chargedOn: '2026-04-01',
  }),
  clientEvent('CreditNoteIssued', { creditNoteId: 'CN-1', invoiceId: 'INV-2', amount: '5000', issuedOn: '2026-04-10' }),
  // 23:30 UTC on 21 April is 22 April in Amsterdam.
  clientEvent('LateFeeWaived', {
    invoiceId: 'INV-2',
    waiverId: 'W-1',
    amount: '1000',
    reason: 'goodwill',
    waivedAt: '2026-04-21T23:30:00Z',
  }),
  clientEvent('PaymentReceived', { paymentId: 'PAY-2', amount: '10000', currency: 'EUR', receivedOn: '2026-04-25' }),
  clientEvent('PaymentReversed', {
    paymentId: 'PAY-2',
    reason: 'bounced',
    reversedOn: '2026-04-28',
    deallocations: [],
    unappliedCreditRemoved: '10000',
  }),
  clientEvent('InvoiceWrittenOff', { invoiceId: 'INV-2', amount: '25000', writtenOffOn: '2026-04-30', reason: 'insolvent' }),
];
const AS_OF = DateTime.fromISO('2026-05-04T10:00:00Z');

describe('statementOfAccount', () => {
  it('lists every entry in date order with a running balance, and closes at the account view’s balance', () => {
    const statement = statementOfAccount(EVENTS, AS_OF);
    expect(
      statement.entries.map(({ date, kind, reference, debit, credit, balance }) => [date, kind, reference, debit, credit, balance]),
    ).toEqual([
      ['2026-01-05', 'invoice', 'INV-1', 100000n, 0n, 100000n],
      ['2026-02-10', 'invoice', 'INV-2', 50000n, 0n, 150000n],
      ['2026-02-15', 'payment', 'PAY-1', 0n, 120000n, 30000n],
      ['2026-04-01', 'interest', 'INV-2', 123n, 0n, 30123n],
      ['2026-04-10', 'credit_note', 'CN-1', 0n, 5000n, 25123n],
      ['2026-04-20', 'late_fee', 'INV-2', 4000n, 0n, 29123n],
      ['2026-04-22', 'late_fee_waiver', 'INV-2', 0n, 1000n, 28123n],
      ['2026-04-25', 'payment', 'PAY-2', 0n, 10000n, 18123n],
      ['2026-04-28', 'payment_reversal', 'PAY-2', 10000n, 0n, 28123n],
      ['2026-04-30', 'write_off', 'INV-2', 0n, 25000n, 3123n],
    ]);
    expect(statement.entries[3].interest).toEqual({ periodFrom: '2026-03-13', periodTo: '2026-03-31', annualInterestRate: '8' });
    expect(statement.entries[4].invoiceId).toBe('INV-2');
    expect({ from: statement.from, to: statement.to, opening: statement.openingBalance }).toEqual({
      from: '2026-01-05',
      to: '2026-05-04',
      opening: 0n,
    });
    // The fees left after the write-off (40.00 − 10.00 waived + 1.23 interest) are still owed.
    expect(statement.closingBalance).toBe(3123n);
    expect(accountView(stateFromEvents(EVENTS) as RegisteredAccount, AS_OF).balance).toBe('31.23');
    expect(statement.aging).toEqual({
      asOn: '2026-05-04',
      principal: { current: 0n, d1_30: 0n, d31_60: 0n, d61_90: 0n, d91_plus: 0n },
      feesAndInterest: 3123n,
      unappliedCredit: 0n,
    });
  });

  it('carries what is dated before `from` as the opening balance and stops at `to`', () => {
    const statement = statementOfAccount(EVENTS, AS_OF, { from: '2026-02-15', to: '2026-04-10' });
    expect(statement.openingBalance).toBe(150000n);
    expect(statement.entries.map((entry) => entry.reference)).toEqual(['PAY-1', 'INV-2', 'CN-1']);
    expect(statement.closingBalance).toBe(25123n);
  });

  it('ages the principal outstanding by days past due', () => {
    const statement = statementOfAccount(EVENTS.slice(0, 6), DateTime.fromISO('2026-04-20T10:00:00Z'));
    // INV-2: 300.00 outstanding, due 12 March: 39 days past due on 20 April.
    expect(statement.aging.principal).toEqual({ current: 0n, d1_30: 0n, d31_60: 30000n, d61_90: 0n, d91_plus: 0n });
    expect(statement.closingBalance).toBe(30000n);
  });
});
