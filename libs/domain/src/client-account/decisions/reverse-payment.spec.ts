import { DateTime } from 'luxon';
import { clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';
import { accountView } from '../account-view';
import { stateFromEvents } from '../client-account.decider';
import { type RegisteredAccount } from '../state';

// Monday 2 March 2026.
const given = givenClientAccount('2026-03-02T10:00:00Z');
const invoice = (invoiceId: string, amount: string, issuedOn: string, dueOn: string) =>
  clientEvent('InvoiceIssued', { invoiceId, amount, currency: 'EUR', issuedOn, dueOn });
const reverse = (data: { paymentId?: string; reason?: string; reversedOn?: string } = {}) =>
  clientCommand('ReversePayment', { paymentId: 'pay-1', reason: 'bounced', ...data });

// pay-1 (500.00) settled inv-a and half of inv-b; its 150.00 rest settled part of inv-c when inv-c was issued.
const history = [
  clientRegistered(),
  invoice('inv-a', '20000', '2026-01-05', '2026-02-04'),
  invoice('inv-b', '30000', '2026-01-20', '2026-02-19'),
  clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '50000', currency: 'EUR', receivedOn: '2026-02-25' }),
  clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId: 'inv-a', amount: '20000' }),
  clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId: 'inv-b', amount: '30000' }),
];

describe('ReversePayment', () => {
  it('undoes every allocation and credit application of the payment, and its remaining credit', () => {
    const withCredit = [
      clientRegistered(),
      invoice('inv-a', '20000', '2026-01-05', '2026-02-04'),
      clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '50000', currency: 'EUR', receivedOn: '2026-02-25' }),
      clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId: 'inv-a', amount: '20000' }),
      invoice('inv-c', '10000', '2026-02-26', '2026-03-28'),
      clientEvent('CreditApplied', { paymentId: 'pay-1', invoiceId: 'inv-c', amount: '10000' }),
    ];
    const reversed = clientEvent('PaymentReversed', {
      paymentId: 'pay-1',
      reason: 'bounced',
      reversedOn: '2026-03-02',
      deallocations: [
        { invoiceId: 'inv-a', amount: '20000' },
        { invoiceId: 'inv-c', amount: '10000' },
      ],
      unappliedCreditRemoved: '20000',
    });
    given(withCredit).when(reverse()).then([reversed]);

    const view = accountView(stateFromEvents([...withCredit, reversed]) as RegisteredAccount, DateTime.fromISO('2026-03-02T10:00:00Z'));
    expect(
      view.invoices.map(({ invoiceId, paid, outstanding, status, paidOn }) => ({ invoiceId, paid, outstanding, status, paidOn })),
    ).toEqual([
      { invoiceId: 'inv-a', paid: '0.00', outstanding: '200.00', status: 'overdue', paidOn: null },
      { invoiceId: 'inv-c', paid: '0.00', outstanding: '100.00', status: 'open', paidOn: null },
    ]);
    expect(view.unappliedCredit).toBe('0.00');
    expect(view.balance).toBe('300.00');
  });

  it('reopens the invoices it paid', () => {
    const reversed = clientEvent('PaymentReversed', {
      paymentId: 'pay-1',
      reason: 'charged back',
      reversedOn: '2026-02-28',
      deallocations: [
        { invoiceId: 'inv-a', amount: '20000' },
        { invoiceId: 'inv-b', amount: '30000' },
      ],
      unappliedCreditRemoved: '0',
    });
    given(history)
      .when(reverse({ reason: 'charged back', reversedOn: '2026-02-28' }))
      .then([reversed]);
    const account = stateFromEvents([...history, reversed]) as RegisteredAccount;
    expect(account.invoices.get('inv-a')).toMatchObject({ paid: 0n, outstanding: 20000n });
    expect(account.invoices.get('inv-a')?.paidOn).toBeUndefined();
    expect(account.payments.get('pay-1')).toMatchObject({ unapplied: 0n, reversed: { reversedOn: '2026-02-28', reason: 'charged back' } });
  });

  it('refuses an unknown payment', () => {
    given(history)
      .when(reverse({ paymentId: 'pay-x' }))
      .thenThrows('not_found', 'payment_not_found');
  });

  it('refuses to reverse a payment twice', () => {
    given([
      ...history,
      clientEvent('PaymentReversed', {
        paymentId: 'pay-1',
        reason: 'bounced',
        reversedOn: '2026-03-01',
        deallocations: [],
        unappliedCreditRemoved: '0',
      }),
    ])
      .when(reverse())
      .thenThrows('rule', 'payment_already_reversed');
  });

  it('refuses a reversal before the payment was received, and one without a reason', () => {
    given(history)
      .when(reverse({ reversedOn: '2026-02-24' }))
      .thenThrows('validation', 'reversal_before_receipt', 'reversedOn');
    given(history)
      .when(reverse({ reason: '' }))
      .thenThrows('validation', 'required', 'reason');
  });
});
