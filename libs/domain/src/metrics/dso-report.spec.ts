import { DateTime } from 'luxon';
import { dsoReport } from './dso-report';
import { PORTFOLIO } from './fixtures/portfolio';
import { factsFrom, invoice, registered } from './fixtures/behaviour-events';
import { daysBetween } from '../shared/dates';

// Worked example (see fixtures/portfolio.ts), in major units. delta's K1 (700.00, January) adds to January's sales and is
// collected on 02-04: it is included below.
//
// AR end 2025-12-31: I1 1000                                                           = 1000
// January (31 days): sales I2 2000 + J1 500 + K1 700                                    = 3200
//   end AR: I1 400 + I2 2000 + J1 500 + K1 700 = 3600; current (due ≥ 01-31): I2, J1, K1 = 3200
//   DSO 3600 / 3200 × 31 = 34.875 → 34.9; best 3200 / 3200 × 31 = 31.0; ADD 400 / 3200 × 31 = 3.875 → 3.9
//   CEI (1000 + 3200 − 3600) / (1000 + 3200 − 3200) × 100 = 600 / 1000 × 100 = 60.0
//   countback: 3600 > 3200 → 31 days, 400 left; December sales 1000 → 400 / 1000 × 31 = 12.4 → 43.4
// February (28 days): sales I3 1500
//   end AR: J1 400 + I3 1500 = 1900; current (due ≥ 02-28): I3 = 1500
//   DSO 1900 / 1500 × 28 = 35.47 → 35.5; best 28.0; ADD 400 / 1500 × 28 = 7.47 → 7.5
//   CEI (3600 + 1500 − 1900) / (3600 + 1500 − 1500) × 100 = 3200 / 3600 × 100 = 88.89 → 88.9
//   countback: 1900 > 1500 → 28 days, 400 left; January 3200 → 400 / 3200 × 31 = 3.875 → 31.875 → 31.9
// March (31 days): sales I4 3000
//   end AR: J1 400 + I3 1000 + I4 3000 = 4400; current (due ≥ 03-31): I4 = 3000
//   DSO 4400 / 3000 × 31 = 45.47 → 45.5; best 31.0; ADD 1400 / 3000 × 31 = 14.47 → 14.5
//   CEI (1900 + 3000 − 4400) / (1900 + 3000 − 3000) × 100 = 500 / 1900 × 100 = 26.32 → 26.3
//   countback: 4400 > 3000 → 31 days, 1400 left; February 1500 → 1400 / 1500 × 28 = 26.13 → 57.13 → 57.1
describe('dsoReport', () => {
  it('computes monthly DSO, countback DSO, best possible DSO, ADD and CEI for the worked example', () => {
    const report = dsoReport(PORTFOLIO, 'EUR', DateTime.fromISO('2026-03-31T18:00:00Z'), 3);
    expect(report.currency).toBe('EUR');
    expect(report.months).toEqual([
      {
        month: '2026-01',
        from: '2026-01-01',
        to: '2026-01-31',
        days: 31,
        sales: 320000n,
        beginAr: 100000n,
        endAr: 360000n,
        endCurrentAr: 320000n,
        dso: 34.9,
        countbackDso: 43.4,
        bestPossibleDso: 31,
        add: 3.9,
        cei: 60,
      },
      {
        month: '2026-02',
        from: '2026-02-01',
        to: '2026-02-28',
        days: 28,
        sales: 150000n,
        beginAr: 360000n,
        endAr: 190000n,
        endCurrentAr: 150000n,
        dso: 35.5,
        countbackDso: 31.9,
        bestPossibleDso: 28,
        add: 7.5,
        cei: 88.9,
      },
      {
        month: '2026-03',
        from: '2026-03-01',
        to: '2026-03-31',
        days: 31,
        sales: 300000n,
        beginAr: 190000n,
        endAr: 440000n,
        endCurrentAr: 300000n,
        dso: 45.5,
        countbackDso: 57.1,
        bestPossibleDso: 31,
        add: 14.5,
        cei: 26.3,
      },
    ]);
  });

  it('runs the current month to date and leaves undefined ratios null', () => {
    // April to the 15th: no sales; I4 (due 04-04) is past due, nothing current
    const [april] = dsoReport(PORTFOLIO, 'EUR', DateTime.fromISO('2026-04-15T10:00:00Z'), 1).months;
    expect(april).toMatchObject({
      month: '2026-04',
      from: '2026-04-01',
      to: '2026-04-15',
      days: 15,
      sales: 0n,
      endAr: 440000n,
      endCurrentAr: 0n,
    });
    expect(april).toMatchObject({ dso: null, bestPossibleDso: null, add: null });
    // CEI (4400 + 0 − 4400) / (4400 + 0 − 0) = 0
    expect(april.cei).toBe(0);
    // countback: April has no sales → 15 days; March 3000 → 31 days, 1400 left; February 1500 → 26.13 → 72.13 → 72.1
    expect(april.countbackDso).toBe(72.1);
  });

  it('reports only the asked currency', () => {
    const [january] = dsoReport(PORTFOLIO, 'USD', DateTime.fromISO('2026-01-31T12:00:00Z'), 1).months;
    expect(january).toMatchObject({ sales: 999999n, endAr: 999999n, endCurrentAr: 0n, dso: 31, add: 31 });
  });

  it('counts back over months without sales at once, as far back as the year 0 (an event stored before dates were checked)', () => {
    const ancient = factsFrom(
      registered(),
      invoice('Z1', '50000', '0000-01-01', '0000-01-31'),
      invoice('N1', '100000', '2026-03-05', '2026-04-04'),
    );
    const [march] = dsoReport([ancient], 'EUR', DateTime.fromISO('2026-03-31T18:00:00Z'), 1).months;
    // March 1000 → 31 days, 500 left; every day back to January of the year 0, whose sales 500 take all of its 31 days.
    expect(march.countbackDso).toBe(daysBetween('0000-01-01', '2026-03-31') + 1);
  });
});
