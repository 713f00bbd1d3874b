import { type ClientAccountEvent } from '../../client-account/events';
import { clientEvent, clientRegistered } from '../../client-account/testing/client-account-fixtures';
import { runCollections } from '../testing/collections-run';

/**
 * SPEC 5: a fee or interest period is decided by the ladder in force on the day it became due. The
 * issue's case: paid 8 days late in October 2025, then a ladder halved by risk in June 2026 (call at
 * 7 days instead of 14) must not charge a fee for October after the fact.
 */
const registered = clientRegistered({ agreement: { timezone: 'UTC', lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50' } } });
const paidEightDaysLate: ClientAccountEvent[] = [
  registered,
  clientEvent('InvoiceIssued', { invoiceId: 'INV-1', amount: '100000', currency: 'EUR', issuedOn: '2025-09-01', dueOn: '2025-10-01' }),
  clientEvent('PaymentReceived', { paymentId: 'PAY-1', amount: '100000', currency: 'EUR', receivedOn: '2025-10-09' }),
  clientEvent('PaymentAllocated', { paymentId: 'PAY-1', invoiceId: 'INV-1', amount: '100000' }),
];
const tightened = (decidedAt: string) =>
  clientEvent('TermsTightened', { paymentTerms: { type: 'due_on_receipt' }, ladderFactor: 0.5, trigger: 'risk', decidedAt });
const charges = (history: ClientAccountEvent[], now: string, riskLevel: 'low' | 'high' = 'low') =>
  runCollections(history, { now, solvency: { riskLevel, riskScore: riskLevel === 'high' ? 60 : 10 } }).commands.filter(
    (command) => command.type === 'ChargeLateFee' || command.type === 'ChargeLateInterest',
  );

describe('charges by the ladder in force on the day they became due', () => {
  it('given a payment 8 days late in October, when the ladder is halved by risk in June, then no fee or interest for October', () => {
    expect(charges(paidEightDaysLate, '2026-06-22T09:00:00Z', 'high')).toEqual([]);
    expect(charges([...paidEightDaysLate, tightened('2026-06-01T09:00:00.000Z')], '2026-06-22T09:00:00Z', 'high')).toEqual([]);
  });

  it('given terms halved before the invoice was due, when it is paid 8 days late, then the fee of the halved ladder is charged', () => {
    const history = [registered, tightened('2025-09-15T09:00:00.000Z'), ...paidEightDaysLate.slice(1)];
    expect(charges(history, '2025-10-20T09:00:00Z')).toEqual([
      expect.objectContaining({ type: 'ChargeLateFee', invoiceId: 'INV-1', amount: 4000n }),
      // 2–8 October (7 days) on 1,000.00 at 10.50 %: 1000 × 0.105 × 7 / 365 = 2.013… → 2.01
      expect.objectContaining({ type: 'ChargeLateInterest', periodFrom: '2025-10-02', periodTo: '2025-10-08', amount: 201n }),
    ]);
  });

  it('given terms halved while the invoice is overdue, then the call rung counts from the day of the tightening, not before', () => {
    const open = paidEightDaysLate.slice(0, 2);
    // Due 1 October; halved on 5 October: the call rung (7 days under the halved ladder) is reached on 8 October.
    const history = [...open, tightened('2025-10-05T09:00:00.000Z')];
    expect(charges(history, '2025-10-07T09:00:00Z')).toEqual([]);
    expect(charges(history, '2025-10-08T09:00:00Z')).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'ChargeLateFee' })]));
  });
});
