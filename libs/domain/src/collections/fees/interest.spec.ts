import { type LateFeePolicy } from '../../agreement/agreement';
import { type LateFeePolicyPeriod } from '../../client-account/state';
import { accruedInterest, type InterestAccrualInput } from './interest';

const simple = (annualInterestRate: string, graceDays = 0): LateFeePolicy => ({ annualInterestRate, compounding: 'simple', graceDays });
const TEN_THOUSAND = 1_000_000n; // 10,000.00 in cents

const accrue = (overrides: Partial<InterestAccrualInput>) =>
  accruedInterest({
    dueOn: '2026-03-01',
    amount: TEN_THOUSAND,
    principalReductions: [],
    policies: [{ policy: simple('10.50') }],
    through: '2026-04-15',
    ...overrides,
  });

const total = (periods: { amount: bigint }[]) => periods.reduce((sum, period) => sum + period.amount, 0n);

describe('accruedInterest', () => {
  it('simple, ACT/365: 10,000.00 at 10.50 % for 45 days is 129.45', () => {
    // Due 2026-03-01; interest from the day after: 2 Mar … 15 Apr = 30 + 15 = 45 days.
    // 10000 × 0.105 × 45 / 365 = 1050 × 45 / 365 = 47250 / 365 = 129.4520… → 129.45
    expect(accrue({})).toEqual([
      {
        periodFrom: '2026-03-02',
        periodTo: '2026-04-15',
        days: 45,
        principal: TEN_THOUSAND,
        annualInterestRate: '10.50',
        compounding: 'simple',
        amount: 12945n,
      },
    ]);
  });

  it('annual compounding capitalises the first year at its anniversary', () => {
    // Accrual from 2025-01-01. Year 1 (2025-01-01 … 2025-12-31, 365 days, no 29 Feb):
    //   10000 × 0.105 × 365/365 = 1050.00, capitalised on 2026-01-01 → base 11050.00.
    // Then 35 days (2026-01-01 … 2026-02-04; 400 days in all):
    //   11050 × 0.105 × 35/365 = 1160.25 × 35 / 365 = 40608.75 / 365 = 111.2568… → 111.26
    // Total 1050.00 + 111.26 = 1161.26 (simple interest would be 1050 × 400/365 = 1150.68).
    const periods = accrue({
      dueOn: '2024-12-31',
      policies: [{ policy: { annualInterestRate: '10.50', compounding: 'annual', graceDays: 0 } }],
      through: '2026-02-04',
    });
    expect(periods.map(({ periodFrom, periodTo, days, principal, amount }) => ({ periodFrom, periodTo, days, principal, amount }))).toEqual(
      [
        { periodFrom: '2025-01-01', periodTo: '2025-12-31', days: 365, principal: 1_000_000n, amount: 105_000n },
        { periodFrom: '2026-01-01', periodTo: '2026-02-04', days: 35, principal: 1_105_000n, amount: 11_126n },
      ],
    );
    expect(total(periods)).toBe(116_126n);
  });

  it('splits at a policy change and uses each policy only from its effective date', () => {
    // 10.50 % until 19 Mar, 8.00 % from 20 Mar (announced earlier with notice).
    // 2 Mar … 19 Mar = 18 days: 10000 × 0.105 × 18/365 = 51.7808…  → running total 51.78
    // 20 Mar … 15 Apr = 27 days: 10000 × 0.08 × 27/365 = 59.1780…  → running total 110.9589… → 110.96
    // Second period = 110.96 − 51.78 = 59.18; the two add up to the rounded exact total.
    const policies: LateFeePolicyPeriod[] = [{ policy: simple('10.50') }, { effectiveFrom: '2026-03-20', policy: simple('8.00') }];
    const periods = accrue({ policies });
    expect(
      periods.map(({ periodFrom, periodTo, annualInterestRate, amount }) => ({ periodFrom, periodTo, annualInterestRate, amount })),
    ).toEqual([
      { periodFrom: '2026-03-02', periodTo: '2026-03-19', annualInterestRate: '10.50', amount: 5_178n },
      { periodFrom: '2026-03-20', periodTo: '2026-04-15', annualInterestRate: '8.00', amount: 5_918n },
    ]);
  });

  it('starts after the grace days of the policy in force', () => {
    // graceDays 5: due 1 Mar, interest from 7 Mar; 7 Mar … 15 Apr = 25 + 15 = 40 days.
    // 10000 × 0.105 × 40/365 = 115.0684… → 115.07
    const [period] = accrue({ policies: [{ policy: simple('10.50', 5) }] });
    expect(period).toMatchObject({ periodFrom: '2026-03-07', days: 40, amount: 11_507n });
  });

  it('accrues nothing before a policy with interest takes effect', () => {
    const periods = accrue({ policies: [{}, { effectiveFrom: '2026-04-01', policy: simple('10.50') }] });
    // 1 Apr … 15 Apr = 15 days: 10000 × 0.105 × 15/365 = 43.1506… → 43.15
    expect(periods).toEqual([expect.objectContaining({ periodFrom: '2026-04-01', periodTo: '2026-04-15', amount: 4_315n })]);
  });

  it('follows the principal: a payment on day D stops interest on the paid part from D; a reversal restores it', () => {
    const periods = accrue({
      principalReductions: [
        { on: '2026-03-11', amount: 400_000n }, // 4,000.00 paid on 11 Mar
        { on: '2026-03-21', amount: -400_000n }, // and reversed on 21 Mar
        { on: '2026-04-01', amount: 1_000_000n }, // all paid on 1 Apr
      ],
    });
    // 2–10 Mar: 9 days on 10000 → 10000 × 0.105 × 9/365 = 25.8904…                     → 25.89
    // 11–20 Mar: 10 days on 6000 → 6000 × 0.105 × 10/365 = 17.2602…; total 43.1506…   → 43.15 − 25.89 = 17.26
    // 21–31 Mar: 11 days on 10000 → 10000 × 0.105 × 11/365 = 31.6438…; total 74.7945… → 74.79 − 43.15 = 31.64
    // From 1 Apr nothing is outstanding.
    expect(periods.map(({ periodFrom, periodTo, principal, amount }) => [periodFrom, periodTo, principal, amount])).toEqual([
      ['2026-03-02', '2026-03-10', 1_000_000n, 2_589n],
      ['2026-03-11', '2026-03-20', 600_000n, 1_726n],
      ['2026-03-21', '2026-03-31', 1_000_000n, 3_164n],
    ]);
  });

  it('cuts at requested period starts without changing the total', () => {
    const whole = accrue({ through: '2026-12-31' });
    const monthly = accrue({ through: '2026-12-31', periodStarts: ['2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01'] });
    expect(monthly).toHaveLength(5);
    expect(total(monthly)).toBe(total(whole));
  });

  it('is empty before the first overdue day and without an interest rate', () => {
    expect(accrue({ through: '2026-03-01' })).toEqual([]);
    expect(accrue({ policies: [{ policy: { fixedFee: '4000', compounding: 'simple', graceDays: 0 } }] })).toEqual([]);
    expect(accrue({ policies: [{}] })).toEqual([]);
  });
});
