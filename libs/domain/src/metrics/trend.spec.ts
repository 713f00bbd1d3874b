import { addDays, toDateTime } from '../shared/dates';
import { DEFAULT_METRICS_CONFIG } from './config';
import { factsFrom, invoice, registered } from './fixtures/behaviour-events';
import { paymentTrend } from './trend';

const TODAY = '2026-06-30';
const config = DEFAULT_METRICS_CONFIG.trend;

/** Invoice n is due on the 1st of month n (2025-07 + n) and paid `daysLate` after its due date. */
const paidLate = (n: number, daysLate: number) => {
  const dueOn = toDateTime('2025-07-01').plus({ months: n }).toISODate() as string;
  return invoice(`inv-${n}`, '100000', addDays(dueOn, -30), dueOn, addDays(dueOn, daysLate));
};
/** An open invoice that is `daysPastDue` days past due today. */
const unpaid = (id: string, daysPastDue: number) => {
  const dueOn = addDays(TODAY, -daysPastDue);
  return invoice(id, '100000', addDays(dueOn, -30), dueOn);
};
const trendOf = (...invoices: ReturnType<typeof invoice>[]) => paymentTrend(factsFrom(registered(), ...invoices).invoices, TODAY, config);

describe('paymentTrend', () => {
  it('is stable for a steady late payer', () => {
    const trend = trendOf(paidLate(0, 20), paidLate(1, 21), paidLate(2, 19), paidLate(3, 20), paidLate(4, 22), paidLate(5, 20));
    // y = 20, 21, 19, 20, 22, 20; Σxy = 0+21+38+60+88+100 = 307; n·x̄·ȳ = 6 · 2.5 · 122/6 = 305
    // slope = (307 − 305) / Σ(x − x̄)² = 2 / 17.5 = 0.114…
    expect(trend).toMatchObject({ direction: 'stable', slopeDaysPerInvoice: 0.11 });
    expect(trend.observations.map((o) => o.daysLate)).toEqual([20, 21, 19, 20, 22, 20]);
  });

  it('is deteriorating for a client paying later and later, over the last 6 invoices only', () => {
    const trend = trendOf(
      paidLate(0, 25),
      paidLate(1, 0),
      paidLate(2, 4),
      paidLate(3, 8),
      paidLate(4, 12),
      paidLate(5, 16),
      paidLate(6, 20),
    );
    // the oldest (25 days late) falls out of the window; 0, 4, 8, 12, 16, 20 rises 4 days per invoice, latest 20 > 7
    expect(trend).toMatchObject({ direction: 'deteriorating', slopeDaysPerInvoice: 4 });
    expect(trend.observations.map((o) => o.invoiceId)).toEqual(['inv-1', 'inv-2', 'inv-3', 'inv-4', 'inv-5', 'inv-6']);
  });

  it('is deteriorating for a client who stops paying: open overdue invoices count with their days late so far', () => {
    const trend = trendOf(paidLate(0, 0), paidLate(1, 0), paidLate(2, 0), unpaid('open-a', 70), unpaid('open-b', 10), unpaid('open-c', 40));
    // observations 0, 0, 0, then the open ones, longest waiting last: 10, 40, 70
    // Σxy = 3·10 + 4·40 + 5·70 = 540; n·x̄·ȳ = 6 · 2.5 · 20 = 300; slope = 240 / 17.5 = 13.714…
    expect(trend).toMatchObject({ direction: 'deteriorating', slopeDaysPerInvoice: 13.71 });
    expect(trend.observations.slice(3)).toEqual([
      { invoiceId: 'open-b', daysLate: 10, open: true },
      { invoiceId: 'open-c', daysLate: 40, open: true },
      { invoiceId: 'open-a', daysLate: 70, open: true },
    ]);
  });

  it('orders paid invoices by settlement, not by issue', () => {
    // inv-0 is due 2025-07-01 and paid 2025-08-30; inv-1 is due and paid 2025-08-01, so it settled first
    const trend = trendOf(paidLate(0, 60), paidLate(1, 0), paidLate(2, 0));
    expect(trend.observations.map((o) => o.invoiceId)).toEqual(['inv-1', 'inv-0', 'inv-2']);
  });

  it('has insufficient data with two invoices only', () => {
    expect(trendOf(paidLate(0, 0), paidLate(1, 30)).direction).toBe('insufficient_data');
  });

  it('is improving when payments come faster, but not on the strength of a lower bound', () => {
    expect(trendOf(paidLate(0, 30), paidLate(1, 24), paidLate(2, 18), paidLate(3, 12), paidLate(4, 6), paidLate(5, 0))).toMatchObject({
      direction: 'improving',
      slopeDaysPerInvoice: -6,
    });
    // 30, 30, 30 then an invoice 2 days overdue so far: slope (96 − 4·1.5·23) / 5 = −8.4, but 2 is only "so far"
    expect(trendOf(paidLate(0, 30), paidLate(1, 30), paidLate(2, 30), unpaid('open', 2))).toMatchObject({
      direction: 'stable',
      slopeDaysPerInvoice: -8.4,
    });
  });

  it('is not deteriorating while the latest observation is within 7 days late', () => {
    // 0, 0, 0, 3, 6, 7: slope ≥ 3 yet the client is at most a week late
    const trend = trendOf(paidLate(0, 0), paidLate(1, 0), paidLate(2, 0), paidLate(3, 3), paidLate(4, 6), paidLate(5, 7));
    expect(trend.slopeDaysPerInvoice).toBeGreaterThanOrEqual(1);
    expect(trend.direction).toBe('stable');
  });

  describe('one bad month is not a trend (issue 14)', () => {
    it('given a punctual history, when one invoice is 12 days overdue and still open, then the trend is not deteriorating', () => {
      // paid early counts as 0 days late: [0, 0, 12 (open)], least squares and Theil–Sen 6 days per invoice, one late observation
      const trend = trendOf(paidLate(0, -3), paidLate(1, -2), unpaid('holiday', 12));
      expect(trend.observations.map((o) => o.daysLate)).toEqual([0, 0, 12]);
      expect(trend.slopeDaysPerInvoice).toBe(6);
      expect(trend.direction).toBe('stable');
    });

    it('given a punctual history, when one month was paid 35 days late and the next on time, then the trend is stable', () => {
      const trend = trendOf(paidLate(0, -5), paidLate(1, -3), paidLate(2, -4), paidLate(3, -1), paidLate(4, 35), paidLate(5, -2));
      expect(trend.direction).toBe('stable');
    });

    it('given a punctual history, when the latest invoice is paid 30 days late, then one outlier is still not deteriorating', () => {
      const trend = trendOf(paidLate(0, -5), paidLate(1, -3), paidLate(2, -4), paidLate(3, -1), paidLate(4, -2), paidLate(5, 30));
      expect(trend.slopeDaysPerInvoice).toBeGreaterThanOrEqual(3);
      expect(trend.direction).toBe('stable');
    });

    it('given steady slowing, when two or more invoices are late and rising, then the trend is deteriorating', () => {
      expect(trendOf(paidLate(0, -2), paidLate(1, 1), paidLate(2, 5), paidLate(3, 9), paidLate(4, 14)).direction).toBe('deteriorating');
      // two isolated late months, a year apart in spirit: late twice, but no climb
      expect(
        trendOf(paidLate(0, -3), paidLate(1, 30), paidLate(2, -2), paidLate(3, -4), paidLate(4, -1), unpaid('now', 25)).direction,
      ).toBe('stable');
    });

    it('takes the number of late observations it needs from configuration', () => {
      const facts = factsFrom(registered(), paidLate(0, -3), paidLate(1, -2), unpaid('holiday', 12));
      expect(paymentTrend(facts.invoices, TODAY, { ...config, deterioratingLateObservations: 1 }).direction).toBe('deteriorating');
    });
  });

  it('takes its thresholds from configuration', () => {
    const facts = factsFrom(registered(), paidLate(0, 0), paidLate(1, 10), paidLate(2, 20));
    expect(paymentTrend(facts.invoices, TODAY, { ...config, deterioratingSlope: 20 }).direction).toBe('stable');
    expect(paymentTrend(facts.invoices, TODAY, config).direction).toBe('deteriorating');
  });
});
