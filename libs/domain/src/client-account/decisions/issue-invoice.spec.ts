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

  describe('credit control', () => {
    const creditHoldPlaced = clientEvent('CreditHoldPlaced', {
      trigger: 'overdue',
      reason: '30 days past due',
      placedAt: '2026-03-01T08:00:00.000Z',
    });
    // Limit 2,000.00 with 1,000.00 open.
    const limited = [clientRegistered({ agreement: { creditLimit: '2000.00' } }), issued({ invoiceId: 'inv-0', amount: '100000' })];

    it('issues an invoice due on receipt with prepaymentRequired while a credit hold is on, whatever the terms or dueOn', () => {
      given([clientRegistered(), creditHoldPlaced])
        .when(issue({ dueOn: '2026-04-30' }))
        .then([issued({ dueOn: '2026-03-02', prepaymentRequired: true })]);
    });

    it('issues on the terms again once the hold is released', () => {
      given([
        clientRegistered(),
        creditHoldPlaced,
        clientEvent('CreditHoldReleased', { reason: 'paid', releasedAt: '2026-03-02T08:00:00.000Z' }),
      ])
        .when(issue())
        .then([issued()]);
    });

    it('issues up to the credit limit exactly', () => {
      given(limited)
        .when(issue({ amount: '1000.00' }))
        .then([issued({ amount: '100000' })]);
    });

    it('refuses an invoice that takes the open balance above the credit limit', () => {
      given(limited)
        .when(issue({ amount: '1000.01' }))
        .thenThrows('rule', 'credit_limit_exceeded', 'amount');
    });

    it('counts the late fees and interest outstanding in the open balance', () => {
      const charged = [...limited, clientEvent('LateFeeCharged', { invoiceId: 'inv-0', amount: '4000', chargedOn: '2026-02-20' })];
      given(charged)
        .when(issue({ amount: '960.01' }))
        .thenThrows('rule', 'credit_limit_exceeded', 'amount');
      given(charged)
        .when(issue({ amount: '960.00' }))
        .then([issued({ amount: '96000' })]);
    });

    it("counts the client's credit the invoice absorbs", () => {
      given([...limited, paymentReceived('pay-1', '50000', '2026-03-01')])
        .when(issue({ amount: '1500.00' }))
        .then([issued({ amount: '150000' }), clientEvent('CreditApplied', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '50000' })]);
    });

    it("accepts an admin's override and records it on the event", () => {
      given(limited)
        .when(issue({ amount: '5000.00', overrideCreditLimit: true }))
        .then([issued({ amount: '500000', creditLimitOverridden: true })]);
    });

    it('records no override when none was needed', () => {
      given(limited)
        .when(issue({ amount: '10.00', overrideCreditLimit: true }))
        .then([issued({ amount: '1000' })]);
    });
  });
});
