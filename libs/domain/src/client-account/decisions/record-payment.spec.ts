import { DateTime } from 'luxon';
import { clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';
import { stateFromEvents } from '../client-account.decider';
import { type RecordPayment } from '../commands';
import { type RegisteredAccount } from '../state';

// Monday 2 March 2026.
const given = givenClientAccount('2026-03-02T10:00:00Z');
const invoice = (invoiceId: string, amount: string, issuedOn: string, dueOn: string) =>
  clientEvent('InvoiceIssued', { invoiceId, amount, currency: 'EUR', issuedOn, dueOn });
const pay = (data: Partial<RecordPayment['data']> = {}) =>
  clientCommand('RecordPayment', { paymentId: 'pay-1', amount: '250.00', currency: 'EUR', ...data });
const received = (amount: string, receivedOn = '2026-03-02', paymentId = 'pay-1') =>
  clientEvent('PaymentReceived', { paymentId, amount, currency: 'EUR', receivedOn });
const allocated = (invoiceId: string, amount: string, paymentId = 'pay-1') =>
  clientEvent('PaymentAllocated', { paymentId, invoiceId, amount });

// Recorded out of order on purpose: the oldest due is inv-c, then inv-a (same due date as inv-b and inv-d,
// issued before inv-b; same issue date as inv-d, smaller id), then inv-d, then inv-b.
const invoices = [
  clientRegistered(),
  invoice('inv-b', '10000', '2026-01-10', '2026-02-09'),
  invoice('inv-a', '10000', '2026-01-05', '2026-02-09'),
  invoice('inv-d', '10000', '2026-01-05', '2026-02-09'),
  invoice('inv-c', '10000', '2026-01-01', '2026-01-30'),
];

describe('RecordPayment', () => {
  describe('without allocations: oldest due first', () => {
    it('orders by due date, then issue date, then invoice id', () => {
      given(invoices)
        .when(pay())
        .then([received('25000'), allocated('inv-c', '10000'), allocated('inv-a', '10000'), allocated('inv-d', '5000')]);
    });

    it('takes only what each invoice still has outstanding, disputed ones included', () => {
      given([
        ...invoices,
        received('4000', '2026-02-01', 'pay-0'),
        allocated('inv-c', '4000', 'pay-0'),
        clientEvent('CreditNoteIssued', { creditNoteId: 'cn-1', invoiceId: 'inv-a', amount: '9000', issuedOn: '2026-02-01' }),
        clientEvent('DisputeRaised', {
          interactionId: 'i-1',
          invoiceId: 'inv-d',
          reason: 'late delivery',
          raisedAt: '2026-02-02T10:00:00.000Z',
        }),
      ])
        .when(pay({ amount: '200.00' }))
        .then([
          received('20000'),
          allocated('inv-c', '6000'),
          allocated('inv-a', '1000'),
          allocated('inv-d', '10000'),
          allocated('inv-b', '3000'),
        ]);
    });

    it('keeps the remainder as unapplied credit of the payment', () => {
      const events = [...invoices, received('50000'), ...['inv-c', 'inv-a', 'inv-d', 'inv-b'].map((id) => allocated(id, '10000'))];
      given(invoices)
        .when(pay({ amount: '500.00' }))
        .then(events.slice(invoices.length));
      const account = stateFromEvents(events) as RegisteredAccount;
      expect(account.payments.get('pay-1')).toMatchObject({ amount: 50000n, unapplied: 10000n });
      expect([...account.invoices.values()].map((it) => it.outstanding)).toEqual([0n, 0n, 0n, 0n]);
    });

    it('becomes credit entirely when nothing is open', () => {
      given([clientRegistered()])
        .when(pay())
        .then([received('25000')]);
    });

    it("is received today in the client's time zone unless told", () => {
      given([clientRegistered({ agreement: { timezone: 'Asia/Tokyo' } })])
        .when(pay({ method: 'sepa', reference: 'R-1' }), DateTime.fromISO('2026-03-02T16:00:00Z'))
        .then([
          clientEvent('PaymentReceived', {
            paymentId: 'pay-1',
            amount: '25000',
            currency: 'EUR',
            receivedOn: '2026-03-03',
            method: 'sepa',
            reference: 'R-1',
          }),
        ]);
      given([clientRegistered()])
        .when(pay({ receivedOn: '2026-02-27' }))
        .then([received('25000', '2026-02-27')]);
    });
  });

  describe('with explicit allocations', () => {
    it('allocates as told and keeps the rest as credit', () => {
      given(invoices)
        .when(
          pay({
            allocations: [
              { invoiceId: 'inv-b', amount: '100.00' },
              { invoiceId: 'inv-d', amount: '50.5' },
            ],
          }),
        )
        .then([received('25000'), allocated('inv-b', '10000'), allocated('inv-d', '5050')]);
    });

    it('refuses an unknown invoice', () => {
      given(invoices)
        .when(pay({ allocations: [{ invoiceId: 'inv-x', amount: '1.00' }] }))
        .thenThrows('not_found', 'invoice_not_found');
    });

    it("refuses more than the invoice's outstanding amount", () => {
      given([...invoices, received('4000', '2026-02-01', 'pay-0'), allocated('inv-b', '4000', 'pay-0')])
        .when(pay({ allocations: [{ invoiceId: 'inv-b', amount: '60.01' }] }))
        .thenThrows('rule', 'over_allocation');
    });

    it('refuses allocations adding up to more than the payment', () => {
      given(invoices)
        .when(
          pay({
            amount: '150.00',
            allocations: [
              { invoiceId: 'inv-a', amount: '100.00' },
              { invoiceId: 'inv-b', amount: '50.01' },
            ],
          }),
        )
        .thenThrows('rule', 'over_allocation');
    });

    it('refuses the same invoice twice', () => {
      given(invoices)
        .when(
          pay({
            allocations: [
              { invoiceId: 'inv-a', amount: '1.00' },
              { invoiceId: 'inv-a', amount: '2.00' },
            ],
          }),
        )
        .thenThrows('validation', 'duplicate_allocation', 'allocations.1.invoiceId');
    });

    it('refuses an allocation of zero or too many decimals, naming it', () => {
      given(invoices)
        .when(pay({ allocations: [{ invoiceId: 'inv-a', amount: '0.00' }] }))
        .thenThrows('validation', 'amount_not_positive', 'allocations.0.amount');
      given(invoices)
        .when(pay({ allocations: [{ invoiceId: 'inv-a', amount: '1.001' }] }))
        .thenThrows('validation', 'too_many_decimals', 'allocations.0.amount');
    });
  });

  it('refuses a payment id used before', () => {
    given([clientRegistered(), received('100')])
      .when(pay())
      .thenThrows('conflict', 'payment_exists');
  });

  it('refuses a non-positive amount, another currency, a bad date', () => {
    given([clientRegistered()])
      .when(pay({ amount: '0' }))
      .thenThrows('validation', 'amount_not_positive', 'amount');
    given([clientRegistered()])
      .when(pay({ currency: 'GBP' }))
      .thenThrows('rule', 'currency_mismatch');
    given([clientRegistered()])
      .when(pay({ receivedOn: 'today' }))
      .thenThrows('validation', 'invalid_date', 'receivedOn');
  });

  it('pays a KWD invoice to the fils', () => {
    given([
      clientRegistered({ currency: 'KWD' }),
      clientEvent('InvoiceIssued', { invoiceId: 'inv-1', amount: '1000500', currency: 'KWD', issuedOn: '2026-02-01', dueOn: '2026-03-03' }),
    ])
      .when(pay({ amount: '1000.499', currency: 'KWD' }))
      .then([
        clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '1000499', currency: 'KWD', receivedOn: '2026-03-02' }),
        allocated('inv-1', '1000499'),
      ]);
  });
});
