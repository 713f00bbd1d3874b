import { DEFAULT_PAYMENT_PREDICTION, nextPredictedPayment, paymentDelays, predictPayment } from './payment-prediction';

/** given (the client's days beyond terms, oldest first) / when (an open invoice is predicted on a day) / then (its dates). */
describe('predictPayment', () => {
  it('given no paid invoice, when predicting, then the due date with a range of two weeks after it; once past due, two weeks from today', () => {
    expect(predictPayment('2026-04-01', [], '2026-03-02')).toEqual({
      predictedOn: '2026-04-01',
      earliestOn: '2026-04-01',
      latestOn: '2026-04-15',
    });
    expect(predictPayment('2026-02-01', [], '2026-03-02')).toEqual({
      predictedOn: '2026-03-16',
      earliestOn: '2026-03-02',
      latestOn: '2026-03-30',
    });
  });

  it('given a client who pays 10 to 14 days late, when predicting an invoice not yet due, then about 12 days after the due date', () => {
    const delays = [10, 12, 14, 11, 13, 12, 10, 14, 12, 11, 13, 12];
    // centre: median of the latest 8 = 12; range: 10 (5 %) and 14 (95 %) around the history's median 12
    expect(predictPayment('2026-04-01', delays, '2026-03-02')).toEqual({
      predictedOn: '2026-04-13',
      earliestOn: '2026-04-11',
      latestOn: '2026-04-15',
    });
  });

  it('given a client paying later and later, when predicting, then the recent delays weigh: later than the average', () => {
    const delays = [0, 0, 0, 0, 2, 5, 8, 11, 14, 17, 20, 23];
    // centre: median of 2 … 23 = 12.5 → 13 (the naive average, 8 days, is behind the trend)
    expect(predictPayment('2026-04-01', delays, '2026-03-02').predictedOn).toBe('2026-04-14');
  });

  it('given an invoice already later than the usual delay, when predicting, then from the invoices paid even later', () => {
    const delays = [2, 3, 2, 4, 30, 3, 2, 40];
    // 20 days past due: of the history only 30 and 40 were later → median 35 days after the due date
    expect(predictPayment('2026-02-01', delays, '2026-02-21').predictedOn).toBe('2026-03-08');
    // 50 days past due: later than anything seen → 14 days from today
    expect(predictPayment('2026-01-01', delays, '2026-02-20').predictedOn).toBe('2026-03-06');
    expect(DEFAULT_PAYMENT_PREDICTION.unseenWaitDays).toBe(14);
  });

  it('given paid and unpaid invoices, when collecting the delays, then the paid ones in order of payment', () => {
    expect(
      paymentDelays([
        { dueOn: '2026-01-01', paidOn: '2026-01-20' },
        { dueOn: '2026-01-10' },
        { dueOn: '2025-12-01', paidOn: '2025-12-03' },
      ]),
    ).toEqual([2, 19]);
  });

  it('given several open invoices, when asking for the next payment, then the one predicted first', () => {
    const invoices = [
      { invoiceId: 'A', dueOn: '2026-01-01', paidOn: '2026-01-06' },
      { invoiceId: 'B', dueOn: '2026-04-20' },
      { invoiceId: 'C', dueOn: '2026-04-01' },
      { invoiceId: 'D', dueOn: '2026-03-01', writtenOff: true },
    ];
    const open = (invoice: (typeof invoices)[number]) => invoice.paidOn === undefined && !('writtenOff' in invoice);
    // paid 5 days late before: C on 6 April comes first (D is not open)
    expect(nextPredictedPayment(invoices, open, '2026-03-02')).toEqual({
      invoiceId: 'C',
      predictedOn: '2026-04-06',
      earliestOn: '2026-04-06',
      latestOn: '2026-04-06',
    });
    expect(nextPredictedPayment(invoices.slice(0, 1), open, '2026-03-02')).toBeNull();
  });
});
