import { addDays } from '../shared/dates';
import { DEFAULT_METRICS_CONFIG } from './config';
import { factsFrom, invoice, promiseDecided, promiseMade, registered } from './fixtures/behaviour-events';
import { paymentChangeOf } from './payment-change';

/**
 * given (a client's invoices and promises) / when (payments are assessed on 2026-06-30) / then (the
 * change against its own baseline). Recent: due after 2026-03-02; baseline: the 365 days before.
 */
const TODAY = '2026-06-30';
const CONFIG = DEFAULT_METRICS_CONFIG.paymentChange;
const monthly = (id: string, dueOn: string, daysLate?: number) =>
  invoice(id, '100000', addDays(dueOn, -30), dueOn, daysLate === undefined ? undefined : addDays(dueOn, daysLate));
const year = (daysLate: (month: number) => number) =>
  Array.from({ length: 8 }, (_, month) => monthly(`b-${month}`, `2025-${String(month + 5).padStart(2, '0')}-01`, daysLate(month))).flat();
const change = (...events: Parameters<typeof factsFrom>) => paymentChangeOf(factsFrom(registered(), ...events), TODAY, 0, CONFIG);

describe('paymentChangeOf', () => {
  it('given a client always about 20 days late, when it goes on paying 20 days late, then nothing has changed', () => {
    const result = change(
      year(() => 20),
      ['2026-04-01', '2026-05-01', '2026-06-01'].flatMap((dueOn, n) => monthly(`r-${n}`, dueOn, 22)),
    );
    expect(result).toMatchObject({ usualDaysLate: 20, recentInvoices: 3, laterThanUsual: 0, points: 0 });
  });

  it('given a client who paid on time, when its latest invoices are paid (or still open) weeks late, then each counts', () => {
    const result = change(
      year((month) => month % 3),
      monthly('r-1', '2026-04-01', 5),
      monthly('r-2', '2026-05-01', 12),
      monthly('r-3', '2026-06-01'), // open, 29 days past due so far
    );
    // usual: the 90th percentile of 0, 1, 2, 0, 1, 2, 0, 1 = 2 days; more than 2 + 7 = 9 days late: 12 and 29 → 2 × 8 = 16
    expect(result).toMatchObject({ usualDaysLate: 2, recentInvoices: 3, laterThanUsual: 2, points: 16 });
    expect(result.detail).toBe(
      '2 of 3 invoices due in the last 120 days are more than 7 days later than usual (usually up to 2 days late); 0 of 0 recent promises broken (usually 10 %: 0 beyond that).',
    );
  });

  it('given a client who kept its promises, when it breaks the recent ones, then the broken promises beyond its usual rate count', () => {
    const result = change(
      year(() => 0),
      promiseMade('p-1', '1000', '2025-09-10', '2025-09-01T10:00:00Z'),
      promiseDecided('PromiseKept', 'p-1', '2025-09-10', '1000'),
      promiseMade('p-2', '1000', '2026-05-10', '2026-05-01T10:00:00Z'),
      promiseDecided('PromiseBroken', 'p-2', '2026-05-10', '1000'),
      promiseMade('p-3', '1000', '2026-06-10', '2026-06-01T10:00:00Z'),
      promiseDecided('PromiseBroken', 'p-3', '2026-06-10', '1000'),
    );
    // rate (0 + 2 × 0.1) / (1 + 2) = 6.7 %: 2 − 2 × 0.067 = 1.9 beyond → 8 × 1.9 = 15
    expect(result).toMatchObject({ recentBrokenPromises: 2, excessBrokenPromises: 1.9, points: 15 });
  });

  it('given too little history, when invoices are late, then there is no baseline and no points', () => {
    const result = change(monthly('r-1', '2026-04-01', 30), monthly('r-2', '2026-05-01', 40));
    expect(result).toMatchObject({ usualDaysLate: null, points: 0 });
  });
});
