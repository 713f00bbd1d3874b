import { addDays, addMonths } from '../shared/dates';
import { DEFAULT_METRICS_CONFIG } from './config';
import {
  clientEvent,
  factsFrom,
  invoice,
  invoiceIssued,
  payment,
  promiseDecided,
  promiseMade,
  registered,
} from './fixtures/behaviour-events';
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
    // usual: the 90th percentile of 0, 1, 2, 0, 1, 2, 0, 1 = 2 days; more than 2 + 7 = 9 days late: 12 and 29 → 2 × 8 = 16, the alarm
    expect(result).toMatchObject({ usualDaysLate: 2, recentInvoices: 3, laterThanUsual: 2, points: 16, alarm: true });
    expect(result.detail).toBe(
      '2 of 3 invoices due in the last 120 days are more than 7 days later than usual (usually up to 2 days late); ' +
        '0 of 0 recent promises broken (usually 10 %: 0 beyond that); ' +
        '0 of 2 recent payments covered only part of an invoice (usually 3 %: 0 beyond that), 0 bounced (usually 1 %: 0 beyond that).',
    );
  });

  it('given a client who paid each invoice in one go, when it pays its recent invoices in ever smaller parts, then the part payments beyond its usual rate count', () => {
    const parts = ['2026-04-01', '2026-05-01', '2026-06-01'].flatMap((dueOn, n) => [
      invoiceIssued(`r-${n}`, '100000', addDays(dueOn, -30), dueOn),
      ...payment(`part-${n}`, addDays(dueOn, -5), [`r-${n}`, String(40000 - 10000 * n)]),
      ...payment(`rest-${n}`, dueOn, [`r-${n}`, String(60000 + 10000 * n)]),
    ]);
    const result = change(
      year(() => 0),
      parts,
    );
    // 3 of 6 recent payments left their invoice open; rate (0 + 10 × 0.05) / (8 + 10) = 2.8 %: 3 − 0.17 − √(6 × 0.028 × 0.972) = 2.4 → 5 × 2.4 = 12
    expect(result).toMatchObject({ laterThanUsual: 0, recentPayments: 6, recentPartPayments: 3, excessPartPayments: 2.4, points: 12 });
  });

  it('given a client whose payments never bounced, when one recent payment bounces, then it does not count: less than one whole reversal beyond the usual', () => {
    const bounced = [
      ...monthly('r-0', '2026-04-01', 0),
      ...monthly('r-1', '2026-05-01', 0),
      clientEvent('PaymentReversed', {
        paymentId: 'pay-r-1',
        reason: 'Bounced',
        reversedOn: '2026-05-04',
        deallocations: [{ invoiceId: 'r-1', amount: '100000' }],
        unappliedCreditRemoved: '0',
      }),
      ...payment('again-1', '2026-05-06', ['r-1', '100000']),
    ];
    // 1 bounced of 3 payments; rate 1.1 %: 1 − 0.03 − √(3 × 0.011 × 0.989) = 0.8, not one whole reversal beyond the usual
    expect(
      change(
        year(() => 0),
        bounced,
      ),
    ).toMatchObject({ recentPayments: 3, recentReversals: 1, excessReversals: 0, points: 0 });
  });

  it('given a client whose payments never bounced, when two recent payments bounce, then the reversals beyond its usual rate count', () => {
    const bounced = ['2026-04-01', '2026-05-01'].flatMap((dueOn, n) => [
      ...monthly(`r-${n}`, dueOn, 0),
      clientEvent('PaymentReversed', {
        paymentId: `pay-r-${n}`,
        reason: 'Bounced',
        reversedOn: addDays(dueOn, 3),
        deallocations: [{ invoiceId: `r-${n}`, amount: '100000' }],
        unappliedCreditRemoved: '0',
      }),
      ...payment(`again-${n}`, addDays(dueOn, 5), [`r-${n}`, '100000']),
    ]);
    const result = change(
      year(() => 0),
      bounced,
    );
    // 2 bounced of 4 payments; rate (0 + 10 × 0.02) / (8 + 10) = 1.1 %: 2 − 0.04 − √(4 × 0.011 × 0.989) = 1.7, of which 1 whole → 8
    expect(result).toMatchObject({
      laterThanUsual: 0,
      recentPayments: 4,
      recentReversals: 2,
      excessReversals: 1,
      points: 8,
      alarm: false,
    });
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

  it('given a client late last July only, when it is late again this July and in a September it paid on time, then only September is later than usual', () => {
    // Baseline (due 2025-06-03 to 2026-06-02): twelve invoices on time but July's, 30 days late → usual (90th percentile) 0 days.
    const lastYear = Array.from({ length: 12 }, (_, n) => {
      const dueOn = addMonths('2025-06-15', n);
      return monthly(`b-${n}`, dueOn, dueOn === '2025-07-15' ? 30 : 0);
    }).flat();
    const thisYear = [
      monthly('r-jun', '2026-06-15', 0),
      monthly('r-jul', '2026-07-15', 28), // as late as the same season a year before (30): late as usual
      monthly('r-aug', '2026-08-15', 0),
      monthly('r-sep', '2026-09-01', 20), // a year before, within 31 days, it paid on time: later than usual
    ].flat();
    const assess = (seasonDays: number) =>
      paymentChangeOf(factsFrom(registered(), lastYear, thisYear), '2026-09-30', 0, { ...CONFIG, seasonDays });
    expect(assess(CONFIG.seasonDays)).toMatchObject({ usualDaysLate: 0, recentInvoices: 4, laterThanUsual: 1, points: 8 });
    // Without the same season a year before, July would count too.
    expect(assess(-1)).toMatchObject({ laterThanUsual: 2, points: 16, alarm: true });
  });

  it('given too little history, when invoices are late, then there is no baseline and no points', () => {
    const result = change(monthly('r-1', '2026-04-01', 30), monthly('r-2', '2026-05-01', 40));
    expect(result).toMatchObject({ usualDaysLate: null, points: 0 });
  });

  it('given a new client, when two invoices are late (a first summer), then that does not bear out a decline; when a third is, it does', () => {
    const firstSummer = [monthly('n-1', '2026-04-01', 0), monthly('n-2', '2026-05-01', 25), monthly('n-3', '2026-06-01', 20)];
    const summer = change(...firstSummer);
    expect(summer).toMatchObject({ usualDaysLate: null, recentLate: 2, confirmsDecline: false, points: 0 });
    expect(summer.detail).toMatch(
      /^Not enough history to compare payments with \(0 of 4 invoices before the last 120 days\); 2 of 3 recent invoices at least 3 days late \(a new client's trend needs 3\);/,
    );
    // 0, 4, 12 days late and one open 8 days: three invoices at least 3 days late
    const slowing = [
      monthly('s-1', '2026-03-15', 0),
      monthly('s-2', '2026-04-15', 4),
      monthly('s-3', '2026-05-15', 12),
      monthly('s-4', '2026-06-22'),
    ];
    expect(change(...slowing)).toMatchObject({ usualDaysLate: null, recentLate: 3, confirmsDecline: true });
  });

  it('given a baseline, when nothing is later than usual, then the payments do not bear out a decline; one invoice later than usual does', () => {
    expect(
      change(
        year(() => 20),
        monthly('r-1', '2026-05-01', 22),
      ),
    ).toMatchObject({ points: 0, confirmsDecline: false });
    expect(
      change(
        year(() => 0),
        monthly('r-1', '2026-05-01', 12),
      ),
    ).toMatchObject({ points: 8, confirmsDecline: true });
  });
});
