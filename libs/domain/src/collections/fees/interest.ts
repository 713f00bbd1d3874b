import { type LateFeePolicy } from '../../agreement/agreement';
import { addDays, addYears, daysBetween } from '../../shared/dates';
import { type LateFeePolicyPeriod } from '../../client-account/state';
import { type IsoDate } from '../../shared/types';
import { annualInterestRateOn, lateFeePolicyInForce } from './policy-in-force';
import { halfYearStarts } from './reference-rates/statutory-rate';
import { type Rational, ZERO, add, fraction, parseDecimal, roundHalfUp } from './rational';

/**
 * Late-payment interest of one invoice (SPEC 3.3), exact and in minor units.
 *
 * - Day count: ACT/365 Fixed. Every overdue day earns `base × rate ÷ 365`, leap years included
 *   (a 366-day year earns 366/365 of the annual rate).
 * - A day earns interest when it is after `dueOn + graceDays` and the policy in force *on that day*
 *   has an `annualInterestRate`; a policy change therefore applies from its effective date only.
 * - Under a statutory preset the rate is the law's for the day's half year (reference rate + margin,
 *   `reference-rates/`); a half year the rate tables do not reach earns nothing until they do.
 * - The base is the principal outstanding at the end of the day (a payment on day D stops interest
 *   for day D). Interest runs only while principal is outstanding.
 * - `simple`: the base is the principal. `annual`: at each anniversary of the accrual start, all interest
 *   accrued so far (rounded to the minor unit) is capitalised and, from then on, earns interest too.
 * - Rounding: half up to the minor unit, on the running total. A period's amount is
 *   round(C(periodTo)) − round(C(periodFrom − 1)), where C is the exact accrued total since the
 *   accrual start; so however a span is cut into periods, the periods add up to the rounded exact
 *   total (no drift from rounding each period) and each differs from base × rate × days ÷ 365 by
 *   less than one minor unit.
 */

export interface InterestAccrualInput {
  dueOn: IsoDate;
  /** The invoice amount in minor units. */
  amount: bigint;
  /** Changes of the outstanding principal: a positive amount reduces it (payment, credit, write-off), a negative one restores it (reversal). */
  principalReductions: readonly { on: IsoDate; amount: bigint }[];
  policies: readonly LateFeePolicyPeriod[];
  /** Last day to accrue (inclusive). */
  through: IsoDate;
  /** Extra days on which a period must start (e.g. month starts, the first day not yet charged). */
  periodStarts?: readonly IsoDate[];
}

/** A stretch of days with one base, one rate and one compounding mode. */
export interface InterestPeriod {
  periodFrom: IsoDate;
  periodTo: IsoDate;
  days: number;
  /** The interest-bearing base: the overdue principal, plus capitalised interest under annual compounding. */
  principal: bigint;
  annualInterestRate: string;
  compounding: LateFeePolicy['compounding'];
  amount: bigint;
}

const DAYS_PER_YEAR = 365n;
const PERCENT = 100n;

const sortedUnique = (dates: readonly IsoDate[]): IsoDate[] => [...new Set(dates)].sort();

interface Stretch {
  from: IsoDate;
  to: IsoDate;
}

/** Cuts [first, through] at every boundary inside it. */
const stretches = (first: IsoDate, through: IsoDate, boundaries: readonly IsoDate[]): Stretch[] => {
  const starts = sortedUnique([first, ...boundaries.filter((day) => day > first && day <= through)]);
  return starts.map((from, index) => ({ from, to: index + 1 < starts.length ? addDays(starts[index + 1], -1) : through }));
};

/** The rate a day earns at, if it earns interest at all. */
const interestRateOn = (policy: LateFeePolicy | undefined, dueOn: IsoDate, day: IsoDate): string | undefined => {
  const rate = annualInterestRateOn(policy, day);
  return policy && rate !== undefined && parseDecimal(rate).numerator > 0n && day > addDays(dueOn, policy.graceDays) ? rate : undefined;
};

export const accruedInterest = (input: InterestAccrualInput): InterestPeriod[] => {
  const { dueOn, amount, principalReductions, policies, through } = input;
  const first = addDays(dueOn, 1);
  if (through < first) return [];
  const principalOn = (day: IsoDate): bigint =>
    principalReductions.reduce((principal, change) => (change.on <= day ? principal - change.amount : principal), amount);
  const accrues = (day: IsoDate): boolean =>
    principalOn(day) > 0n && interestRateOn(lateFeePolicyInForce(policies, day), dueOn, day) !== undefined;

  // Everything that can change the base or the rate, so that both are constant within a stretch.
  const boundaries = [
    ...policies.flatMap((period) => [
      ...(period.effectiveFrom ? [period.effectiveFrom] : []),
      ...(period.policy ? [addDays(dueOn, period.policy.graceDays + 1)] : []),
    ]),
    ...principalReductions.map((change) => change.on),
    ...(input.periodStarts ?? []),
    // A statutory rate is set per half year.
    ...(policies.some((period) => period.policy?.preset !== undefined) ? halfYearStarts(first, through) : []),
  ];
  const accrualStart = stretches(first, through, boundaries).find((stretch) => accrues(stretch.from))?.from;
  if (accrualStart === undefined) return [];
  const anniversaries: IsoDate[] = [];
  for (let year = 1; addYears(accrualStart, year) <= through; year++) anniversaries.push(addYears(accrualStart, year));

  const periods: InterestPeriod[] = [];
  let accrued: Rational = ZERO;
  let capitalised = 0n;
  for (const { from, to } of stretches(accrualStart, through, [...boundaries, ...anniversaries])) {
    if (anniversaries.includes(from)) capitalised = roundHalfUp(accrued);
    const policy = lateFeePolicyInForce(policies, from);
    const annualInterestRate = interestRateOn(policy, dueOn, from);
    if (policy === undefined || annualInterestRate === undefined || principalOn(from) <= 0n) continue;
    const base = principalOn(from) + (policy.compounding === 'annual' ? capitalised : 0n);
    const days = daysBetween(from, to) + 1;
    const rate = parseDecimal(annualInterestRate);
    const before = roundHalfUp(accrued);
    accrued = add(accrued, fraction(base * rate.numerator * BigInt(days), rate.denominator * PERCENT * DAYS_PER_YEAR));
    periods.push({
      periodFrom: from,
      periodTo: to,
      days,
      principal: base,
      annualInterestRate,
      compounding: policy.compounding,
      amount: roundHalfUp(accrued) - before,
    });
  }
  return periods;
};
