import { DateTime } from 'luxon';
import { accountView } from '../account-view';
import { stateFromEvents } from '../client-account.decider';
import { type RecordPayment, type WaiveFees } from '../commands';
import { type ClientAccountEvent } from '../events';
import { type RegisteredAccount } from '../state';
import { clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';

/**
 * Fees and interest as receivables (SPEC 3.3, 5): payments settle them in the agreed allocation order,
 * an admin may waive them, a reversal owes them again. The figures: 10,000.00 principal, a
 * 40.00 fee and 129.45 interest, then a payment of 5,000.00.
 */
const NOW = '2026-06-22T10:00:00Z';
const given = givenClientAccount(NOW);

const charged = (order?: 'principal_first' | 'costs_interest_principal'): ClientAccountEvent[] => [
  clientRegistered({
    agreement: { ...(order && { paymentAllocationOrder: order }), lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50' } },
  }),
  clientEvent('InvoiceIssued', { invoiceId: 'inv-1', amount: '1000000', currency: 'EUR', issuedOn: '2026-03-01', dueOn: '2026-03-31' }),
  clientEvent('LateFeeCharged', { invoiceId: 'inv-1', amount: '4000', chargedOn: '2026-04-14' }),
  clientEvent('LateInterestCharged', {
    invoiceId: 'inv-1',
    periodFrom: '2026-04-01',
    periodTo: '2026-05-15',
    amount: '12945',
    principal: '1000000',
    annualInterestRate: '10.50',
    compounding: 'simple',
    chargedOn: '2026-05-16',
  }),
];
const pay = (data: Partial<RecordPayment['data']> = {}) =>
  clientCommand('RecordPayment', { paymentId: 'pay-1', amount: '5000.00', currency: 'EUR', receivedOn: '2026-06-20', ...data });
const received = clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '500000', currency: 'EUR', receivedOn: '2026-06-20' });
const feesSettled = (lateFee: string, interest: string) =>
  clientEvent('FeesSettled', { paymentId: 'pay-1', invoiceId: 'inv-1', lateFee, interest, settledOn: '2026-06-20' });
const waive = (data: Partial<WaiveFees['data']>) =>
  clientCommand('WaiveFees', { invoiceId: 'inv-1', waiverId: 'w-1', reason: 'goodwill', ...data });
const waived = (type: 'LateFeeWaived' | 'LateInterestWaived', amount: string, waiverId = 'w-1') =>
  clientEvent(type, { invoiceId: 'inv-1', waiverId, amount, reason: 'goodwill', waivedAt: '2026-06-22T10:00:00.000Z' });

const viewOf = (events: ClientAccountEvent[]) =>
  accountView(stateFromEvents(events) as RegisteredAccount, DateTime.fromISO(NOW, { zone: 'utc' }));

describe('fees and interest as receivables', () => {
  describe('a payment without allocations, in the agreed order', () => {
    it('principal_first (the default): 5,000.00 principal; 5,000.00 principal and 169.45 fees stay outstanding', () => {
      given(charged())
        .when(pay())
        .then([received, clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '500000' })]);
      const view = viewOf([
        ...charged(),
        received,
        clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '500000' }),
      ]);
      expect(view).toMatchObject({ balance: '5169.45', overdue: '5000.00', fees: { outstanding: '169.45' } });
    });

    it('costs_interest_principal (BGB § 367, BW 6:44): the fee 40.00, the interest 129.45, then 4,830.55 principal', () => {
      const events = [
        received,
        clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '483055' }),
        feesSettled('4000', '12945'),
      ];
      given(charged('costs_interest_principal')).when(pay()).then(events);
      const view = viewOf([...charged('costs_interest_principal'), ...events]);
      expect(view).toMatchObject({
        balance: '5169.45',
        overdue: '5169.45',
        fees: { lateFees: { charged: '40.00', paid: '40.00', waived: '0.00', outstanding: '0.00' }, outstanding: '0.00' },
        invoices: [{ outstanding: '5169.45', fees: { interest: { charged: '129.45', paid: '129.45', outstanding: '0.00' } } }],
      });
    });

    it('principal_first: what principal leaves over settles the fees, and only the rest is credit', () => {
      given(charged())
        .when(pay({ amount: '10100.00' }))
        .then([
          clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '1010000', currency: 'EUR', receivedOn: '2026-06-20' }),
          clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '1000000' }),
          feesSettled('4000', '6000'),
        ]);
    });
  });

  describe('explicit allocations may name the fees', () => {
    it('settles the fee before the interest', () => {
      given(charged())
        .when(pay({ amount: '50.00', allocations: [{ invoiceId: 'inv-1', fees: '50.00' }] }))
        .then([
          clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '5000', currency: 'EUR', receivedOn: '2026-06-20' }),
          feesSettled('4000', '1000'),
        ]);
    });

    it('refuses more than the invoice has outstanding in fees and interest', () => {
      given(charged())
        .when(pay({ amount: '200.00', allocations: [{ invoiceId: 'inv-1', fees: '169.46' }] }))
        .thenThrows('rule', 'over_allocation', 'allocations.0.fees');
    });
  });

  describe('a reversal', () => {
    it('owes again the fees and interest the payment settled', () => {
      const paid = [
        ...charged('costs_interest_principal'),
        received,
        clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '483055' }),
        feesSettled('4000', '12945'),
      ];
      const reversed = clientEvent('PaymentReversed', {
        paymentId: 'pay-1',
        reason: 'bounced',
        reversedOn: '2026-06-22',
        deallocations: [{ invoiceId: 'inv-1', amount: '483055' }],
        unappliedCreditRemoved: '0',
        feesRestored: [{ invoiceId: 'inv-1', lateFee: '4000', interest: '12945' }],
      });
      given(paid)
        .when(clientCommand('ReversePayment', { paymentId: 'pay-1', reason: 'bounced' }))
        .then([reversed]);
      expect(viewOf([...paid, reversed])).toMatchObject({
        balance: '10169.45',
        fees: { lateFees: { paid: '0.00', outstanding: '40.00' }, interest: { paid: '0.00', outstanding: '129.45' } },
      });
    });
  });

  describe('WaiveFees', () => {
    it('waives part of the interest', () => {
      given(charged())
        .when(waive({ interest: '29.45' }))
        .then([waived('LateInterestWaived', '2945')]);
    });

    it('waives all that is outstanding of both, after what payments settled', () => {
      given([
        ...charged('costs_interest_principal'),
        clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '5000', currency: 'EUR', receivedOn: '2026-06-20' }),
        feesSettled('4000', '1000'),
      ])
        .when(waive({ lateFee: 'all', interest: 'all' }))
        .then([waived('LateInterestWaived', '11945')]);
    });

    it('shows the waiver and takes it out of the balance', () => {
      const events = [...charged(), waived('LateFeeWaived', '4000'), waived('LateInterestWaived', '2945', 'w-2')];
      expect(viewOf(events)).toMatchObject({
        balance: '10100.00',
        fees: {
          lateFees: { charged: '40.00', waived: '40.00', outstanding: '0.00' },
          interest: { waived: '29.45', outstanding: '100.00' },
        },
      });
    });

    it('refuses more than is outstanding', () => {
      given(charged())
        .when(waive({ lateFee: '40.01' }))
        .thenThrows('rule', 'waiver_exceeds_outstanding', 'lateFee');
    });

    it('refuses a waiver of nothing outstanding', () => {
      given([...charged(), waived('LateFeeWaived', '4000')])
        .when(waive({ waiverId: 'w-2', lateFee: 'all' }))
        .thenThrows('rule', 'nothing_to_waive');
    });

    it('refuses a waiver that names neither charge, or a reused id', () => {
      given(charged()).when(waive({})).thenThrows('validation', 'waiver_amount_required', 'lateFee');
      given([...charged(), waived('LateFeeWaived', '1000')])
        .when(waive({ interest: '1.00' }))
        .thenThrows('conflict', 'waiver_exists');
    });
  });
});
