import { type DateTime } from 'luxon';
import { daysBetween, localDate, toDateTime } from '../shared/dates';
import { type IsoDate, type IsoInstant } from '../shared/types';
import { ratioOrNull, roundedRatio } from './arithmetic';
import { type InvoiceFacts } from './facts';
import { type ReceivablesFacts, currentReceivablesAt, receivablesAt, salesBetween } from './receivables';

/** A calendar month; the current one runs to today only. */
export interface MonthPeriod {
  month: string; // yyyy-MM
  from: IsoDate;
  to: IsoDate;
  days: number;
}

/**
 * One month of SPEC 4.4 `GET /reports/dso`. Amounts are minor units; the ratios are computed from the
 * exact sums and rounded to 1 decimal, null when their denominator is 0.
 * - dso = end AR ÷ sales × days
 * - countbackDso: end AR is matched against the sales of this month, then of the months before, and
 *   the days it takes are counted (the last month pro rata)
 * - bestPossibleDso = end current AR (not yet past due) ÷ sales × days
 * - add = dso − bestPossibleDso = end past-due AR ÷ sales × days (from the exact sums)
 * - cei = (begin AR + sales − end AR) ÷ (begin AR + sales − end current AR) × 100
 */
export interface DsoMonth extends MonthPeriod {
  sales: bigint;
  beginAr: bigint;
  endAr: bigint;
  endCurrentAr: bigint;
  dso: number | null;
  countbackDso: number | null;
  bestPossibleDso: number | null;
  add: number | null;
  cei: number | null;
}

export interface DsoReport {
  currency: string;
  asOf: IsoInstant;
  /** Oldest first, ending with the current month to date. */
  months: DsoMonth[];
}

const periodOf = (monthStart: DateTime, today: IsoDate): MonthPeriod => {
  const from = monthStart.toISODate() as IsoDate;
  const monthEnd = monthStart.endOf('month').toISODate() as IsoDate;
  const to = monthEnd < today ? monthEnd : today;
  return { month: monthStart.toFormat('yyyy-MM'), from, to, days: daysBetween(from, to) + 1 };
};

const countbackDso = (endAr: bigint, period: MonthPeriod, invoices: readonly InvoiceFacts[], today: IsoDate): number => {
  const firstIssuedOn = invoices.reduce((first, invoice) => (invoice.issuedOn < first ? invoice.issuedOn : first), period.from);
  let remaining = endAr;
  let countedDays = 0;
  for (let current = period; remaining > 0n && current.to >= firstIssuedOn;) {
    const sales = salesBetween(invoices, current.from, current.to);
    if (remaining <= sales) return roundedRatio(BigInt(countedDays) * sales + remaining * BigInt(current.days), sales, 1);
    remaining -= sales;
    countedDays += current.days;
    // A month without sales only counts its days: on to the last month with one, however far back (an invoice of the year 0).
    const lastIssuedBefore = invoices.reduce<IsoDate | undefined>(
      (last, { issuedOn }) => (issuedOn < current.from && (last === undefined || issuedOn > last) ? issuedOn : last),
      undefined,
    );
    if (lastIssuedBefore === undefined) break;
    const next = periodOf(toDateTime(lastIssuedBefore).startOf('month'), today);
    countedDays += daysBetween(next.to, current.from) - 1;
    current = next;
  }
  // Nothing left (end AR 0), or, were AR ever older than all sales, every day of the history.
  return countedDays;
};

const dsoMonth = (period: MonthPeriod, invoices: readonly InvoiceFacts[], today: IsoDate): DsoMonth => {
  const sales = salesBetween(invoices, period.from, period.to);
  const beginAr = receivablesAt(invoices, toDateTime(period.from).minus({ days: 1 }).toISODate() as IsoDate);
  const endAr = receivablesAt(invoices, period.to);
  const endCurrentAr = currentReceivablesAt(invoices, period.to);
  const days = BigInt(period.days);
  return {
    ...period,
    sales,
    beginAr,
    endAr,
    endCurrentAr,
    dso: ratioOrNull(endAr * days, sales, 1),
    countbackDso: countbackDso(endAr, period, invoices, today),
    bestPossibleDso: ratioOrNull(endCurrentAr * days, sales, 1),
    add: ratioOrNull((endAr - endCurrentAr) * days, sales, 1),
    cei: ratioOrNull((beginAr + sales - endAr) * 100n, beginAr + sales - endCurrentAr, 1),
  };
};

/** The last `months` months of one currency's portfolio, months taken in `zone` (invoice dates are already client-local). */
export const dsoReport = (accounts: readonly ReceivablesFacts[], currency: string, now: DateTime, months = 6, zone = 'UTC'): DsoReport => {
  const invoices = accounts.filter((account) => account.currency === currency).flatMap((account) => account.invoices);
  const today = localDate(now, zone);
  const thisMonth = toDateTime(today).startOf('month');
  return {
    currency,
    asOf: now.toUTC().toISO() as IsoInstant,
    months: Array.from({ length: months }, (_, index) =>
      dsoMonth(periodOf(thisMonth.minus({ months: months - 1 - index }), today), invoices, today),
    ),
  };
};
