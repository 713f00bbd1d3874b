import { DateTime } from 'luxon';
import { clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';
import { type IssueInvoice } from '../commands';

// Monday 2 March 2026.
const given = givenClientAccount('2026-03-02T10:00:00Z');
const issue = (data: Partial<IssueInvoice['data']> = {}) =>
  clientCommand('IssueInvoice', { invoiceId: 'inv-1', amount: '1250.00', currency: 'EUR', ...data });
const issued = (data: Partial<ReturnType<typeof clientEvent<'InvoiceIssued'>>['data']> = {}) =>
  clientEvent('InvoiceIssued', {
    invoiceId: 'inv-1',
    amount: '125000',
    currency: 'EUR',
    issuedOn: '2026-03-02',
    dueOn: '2026-04-01',
    ...data,
  });
const paymentReceived = (paymentId: string, amount: string, receivedOn: string) =>
  clientEvent('PaymentReceived', { paymentId, amount, currency: 'EUR', receivedOn });

describe('IssueInvoice', () => {
  it('is issued today, due by the payment terms', () => {
    given([clientRegistered()]).when(issue()).then([issued()]);
  });

  it("defaults the issue date to today in the client's time zone", () => {
    // 23:30 UTC on Monday 2 March is Tuesday 3 March in Amsterdam; net 30 → Thursday 2 April.
    given([clientRegistered({ agreement: { timezone: 'Europe/Amsterdam' } })])
      .when(issue(), DateTime.fromISO('2026-03-02T23:30:00Z'))
      .then([issued({ issuedOn: '2026-03-03', dueOn: '2026-04-02' })]);
  });

  it('rolls a due date on a weekend or holiday to the next business day', () => {
    // 1 Jan + 30 = Saturday 31 Jan; Monday 2 Feb is a holiday → Tuesday 3 Feb.
    given([clientRegistered({ agreement: { holidays: ['2026-02-02'] } })])
      .when(issue({ issuedOn: '2026-01-01' }))
      .then([issued({ issuedOn: '2026-01-01', dueOn: '2026-02-03' })]);
  });

  it('uses end-of-month terms', () => {
    given([clientRegistered({ agreement: { paymentTerms: { type: 'end_of_month', days: 15 } } })])
      .when(issue({ issuedOn: '2026-02-10' }))
      .then([issued({ issuedOn: '2026-02-10', dueOn: '2026-03-16' })]);
  });

  it('lets an explicit due date win', () => {
    given([clientRegistered()])
      .when(issue({ issuedOn: '2026-03-02', dueOn: '2026-03-07', reference: 'PO-77', description: 'Phase 1' }))
      .then([issued({ dueOn: '2026-03-07', reference: 'PO-77', description: 'Phase 1' })]);
  });

  it('refuses a due date before the issue date', () => {
    given([clientRegistered()])
      .when(issue({ issuedOn: '2026-03-02', dueOn: '2026-03-01' }))
      .thenThrows('validation', 'due_before_issue', 'dueOn');
  });

  it('refuses an issue date that is not a date', () => {
    given([clientRegistered()])
      .when(issue({ issuedOn: '2026-02-30' }))
      .thenThrows('validation', 'invalid_date', 'issuedOn');
  });

  it('issues new invoices on the terms tightened by the collections process', () => {
    given([
      clientRegistered(),
      clientEvent('TermsTightened', {
        paymentTerms: { type: 'due_on_receipt' },
        ladderFactor: 0.5,
        trigger: 'risk',
        decidedAt: '2026-03-01T08:00:00.000Z',
      }),
    ])
      .when(issue())
      .then([issued({ dueOn: '2026-03-02' })]);
  });

  it.each(['0', '0.00', '-10.00'])('refuses amount %p', (amount) => {
    given([clientRegistered()]).when(issue({ amount })).thenThrows('validation', 'amount_not_positive', 'amount');
  });

  it('refuses more decimals than the currency has', () => {
    given([clientRegistered()])
      .when(issue({ amount: '12.345' }))
      .thenThrows('validation', 'too_many_decimals', 'amount');
    given([clientRegistered({ currency: 'JPY' })])
      .when(issue({ amount: '1250.5', currency: 'JPY' }))
      .thenThrows('validation', 'too_many_decimals', 'amount');
  });

  it('refuses an amount that is not a decimal', () => {
    given([clientRegistered()])
      .when(issue({ amount: '1.250,00' }))
      .thenThrows('validation', 'invalid_amount', 'amount');
  });

  it('refuses another currency than the account’s (422) and an unknown one (400)', () => {
    given([clientRegistered()])
      .when(issue({ currency: 'USD' }))
      .thenThrows('rule', 'currency_mismatch');
    given([clientRegistered()])
      .when(issue({ currency: 'EUX' }))
      .thenThrows('validation', 'unknown_currency', 'currency');
  });

  it('books JPY and KWD amounts in their own minor units', () => {
    given([clientRegistered({ currency: 'JPY' })])
      .when(issue({ amount: '125000', currency: 'JPY' }))
      .then([issued({ amount: '125000', currency: 'JPY' })]);
    given([clientRegistered({ currency: 'KWD' })])
      .when(issue({ amount: '1250.125', currency: 'KWD' }))
      .then([issued({ amount: '1250125', currency: 'KWD' })]);
  });

  it('refuses an invoice id used before', () => {
    given([clientRegistered(), issued()])
      .when(issue({ amount: '1.00' }))
      .thenThrows('conflict', 'invoice_exists');
  });

  describe('with unapplied credit', () => {
    it('settles the new invoice from the credit', () => {
      given([clientRegistered(), paymentReceived('pay-1', '200000', '2026-02-20')])
        .when(issue())
        .then([issued(), clientEvent('CreditApplied', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '125000' })]);
    });

    it('uses no more credit than there is', () => {
      given([clientRegistered(), paymentReceived('pay-1', '50000', '2026-02-20')])
        .when(issue())
        .then([issued(), clientEvent('CreditApplied', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '50000' })]);
    });

    it('uses the oldest credit first', () => {
      given([
        clientRegistered(),
        paymentReceived('pay-late', '100000', '2026-02-20'),
        paymentReceived('pay-early', '30000', '2026-02-01'),
        paymentReceived('pay-latest', '90000', '2026-02-25'),
      ])
        .when(issue())
        .then([
          issued(),
          clientEvent('CreditApplied', { paymentId: 'pay-early', invoiceId: 'inv-1', amount: '30000' }),
          clientEvent('CreditApplied', { paymentId: 'pay-late', invoiceId: 'inv-1', amount: '95000' }),
        ]);
    });

    it('uses only what is left of a partly allocated payment, and nothing of a reversed one', () => {
      given([
        clientRegistered(),
        clientEvent('InvoiceIssued', { invoiceId: 'inv-0', amount: '10000', currency: 'EUR', issuedOn: '2026-01-10', dueOn: '2026-02-09' }),
        paymentReceived('pay-bounced', '500000', '2026-02-01'),
        clientEvent('PaymentReversed', {
          paymentId: 'pay-bounced',
          reason: 'bounced',
          reversedOn: '2026-02-03',
          deallocations: [],
          unappliedCreditRemoved: '500000',
        }),
        paymentReceived('pay-1', '30000', '2026-02-20'),
        clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId: 'inv-0', amount: '10000' }),
      ])
        .when(issue())
        .then([issued(), clientEvent('CreditApplied', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '20000' })]);
    });
  });
});
