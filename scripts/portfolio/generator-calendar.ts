import { DateTime } from 'luxon';
import {
  addDays,
  daysBetween,
  DEFAULT_BUSINESS_HOURS,
  invoiceDueDate,
  type IsoDate,
  type PaymentTerms,
  rollToBusinessDay,
} from '@settle/domain';

/**
 * The domain's calendar, memoised for the generator: a large portfolio asks about the same few
 * hundred dates millions of times, and luxon (time zones through Intl above all) is slow at that.
 * Generated clients keep the default calendar (Mon–Fri, no holidays), so due dates come out exactly
 * as the decider computes them.
 */
const CALENDAR = { businessHours: DEFAULT_BUSINESS_HOURS, holidays: [] };

function memoised<Args extends (string | number)[], Result>(compute: (...args: Args) => Result): (...args: Args) => Result {
  const cache = new Map<string, Result>();
  return (...args: Args) => {
    const key = args.join('|');
    let result = cache.get(key);
    if (result === undefined) {
      result = compute(...args);
      cache.set(key, result);
    }
    return result;
  };
}

export const plusDays = memoised((date: IsoDate, days: number): IsoDate => addDays(date, days));

/** The date itself on a business day, else the next business day. */
export const businessDay = memoised((date: IsoDate): IsoDate => rollToBusinessDay(date, CALENDAR));

/** Days from `from` to `to` (negative when `to` is earlier). */
export const daysFrom = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);
const dayNumber = memoised((date: IsoDate): number => daysBetween('2000-01-01', date));

const dueDateByTerms = memoised((issuedOn: IsoDate, type: PaymentTerms['type'], days: number) =>
  invoiceDueDate(issuedOn, undefined, type === 'due_on_receipt' ? { type } : { type, days }, CALENDAR),
);
export const dueDateOf = (issuedOn: IsoDate, terms: PaymentTerms): IsoDate =>
  dueDateByTerms(issuedOn, terms.type, terms.type === 'due_on_receipt' ? 0 : terms.days);

/** UTC offset of a zone around midday of a date: the generator's events all happen in the daytime. */
const middayOffsetMinutes = memoised((zone: string, date: IsoDate): number => DateTime.fromISO(`${date}T12:00`, { zone }).offset);

/** A local daytime hour in `zone` as a UTC DateTime (cheap to shift and format, unlike zoned ones). */
export function localDaytime(zone: string, date: IsoDate, hour: number, minute = 0): DateTime {
  const [year, month, day] = date.split('-').map(Number);
  return DateTime.utc(year, month, day, hour, minute).minus({ minutes: middayOffsetMinutes(zone, date) });
}
