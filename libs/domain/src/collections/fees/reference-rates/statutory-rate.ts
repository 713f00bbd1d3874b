import { type LateFeePreset, STATUTORY_LATE_FEE_RULES } from '../../../agreement/late-fee-presets';
import { addDays } from '../../../shared/dates';
import { type IsoDate } from '../../../shared/types';
import { parseDecimal } from '../rational';
import { REFERENCE_RATE_TABLES } from './reference-rate-tables';

/** The half year (1 Jan – 30 Jun or 1 Jul – 31 Dec) a day falls in. */
export const halfYearOf = (day: IsoDate): { from: IsoDate; to: IsoDate } => {
  const year = day.slice(0, 4);
  return day.slice(5) < '07-01' ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
};

/** The first day of every half year after `from` up to `through`: where a statutory rate may change. */
export const halfYearStarts = (from: IsoDate, through: IsoDate): IsoDate[] => {
  const starts: IsoDate[] = [];
  for (let start = addDays(halfYearOf(from).to, 1); start <= through; start = addDays(halfYearOf(start).to, 1)) starts.push(start);
  return starts;
};

/** The day whose reference rate counts for the half year starting on `halfYearFrom`, as the preset's law says. */
const referenceDayOf = (preset: LateFeePreset, halfYearFrom: IsoDate): IsoDate =>
  STATUTORY_LATE_FEE_RULES[preset].referenceDay === 'day_before_half_year' ? addDays(halfYearFrom, -1) : halfYearFrom;

/** "4.50" + "8" → "12.50": exact, in the finer of the two scales. */
const sumOfPercentages = (a: string, b: string): string => {
  const [x, y] = [parseDecimal(a), parseDecimal(b)];
  const denominator = x.denominator > y.denominator ? x.denominator : y.denominator;
  const scaled = (x.numerator * denominator) / x.denominator + (y.numerator * denominator) / y.denominator;
  const decimals = denominator.toString().length - 1;
  const digits = scaled.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
};

/**
 * The statutory annual rate (percent, a decimal string) for the half year `day` falls in: the
 * reference rate on the law's reference day plus the preset's margin. `undefined` when the tables do
 * not reach that reference day: the rate is not guessed (see `reference-rate-tables.ts`).
 */
export const statutoryRateOn = (preset: LateFeePreset, day: IsoDate): string | undefined => {
  const rules = STATUTORY_LATE_FEE_RULES[preset];
  const table = REFERENCE_RATE_TABLES[rules.referenceRate];
  const referenceDay = referenceDayOf(preset, halfYearOf(day).from);
  if (referenceDay > table.completeThrough) return undefined;
  const inForce = table.changes.filter((change) => change.from <= referenceDay).at(-1);
  return inForce && sumOfPercentages(inForce.rate, rules.margin);
};

/** The half years a preset has a known rate for: from the first one the tables cover through the last. */
export const statutoryRatesKnown = (preset: LateFeePreset): { from: IsoDate; through: IsoDate } => {
  const table = REFERENCE_RATE_TABLES[STATUTORY_LATE_FEE_RULES[preset].referenceRate];
  let first = halfYearOf(table.changes[0].from).from;
  if (referenceDayOf(preset, first) < table.changes[0].from) first = addDays(halfYearOf(first).to, 1);
  let last = halfYearOf(table.completeThrough).from;
  while (referenceDayOf(preset, addDays(halfYearOf(last).to, 1)) <= table.completeThrough) last = addDays(halfYearOf(last).to, 1);
  return { from: first, through: halfYearOf(last).to };
};

export interface ReferenceRateCoverage {
  preset: LateFeePreset;
  knownFrom: IsoDate;
  knownThrough: IsoDate;
  /** `today` is past the last half year with a known rate: interest under this preset waits for the tables. */
  stale: boolean;
}

/** Per preset, how far the reference-rate tables reach and whether `today` is beyond them (health, logs). */
export const referenceRateCoverage = (today: IsoDate): ReferenceRateCoverage[] =>
  (Object.keys(STATUTORY_LATE_FEE_RULES) as LateFeePreset[]).map((preset) => {
    const known = statutoryRatesKnown(preset);
    return { preset, knownFrom: known.from, knownThrough: known.through, stale: today > known.through };
  });
