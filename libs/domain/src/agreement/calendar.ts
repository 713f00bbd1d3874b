import { type IsoDate } from '../shared/types';
import { dayNumberOf, isIsoDate, isoDateOf, weekdayOfDayNumber } from '../shared/dates';
import { type Agreement } from './agreement';

/**
 * Business days of the client's agreement: its business-hours weekdays less its holidays, on the day
 * numbers of shared/dates.ts. Each agreement calendar is compiled once, found by the identity of its
 * weekday and holiday arrays — agreement data is immutable.
 */

/** The parts of an agreement that decide which days are business days. */
export type BusinessCalendar = Pick<Agreement, 'businessHours' | 'holidays'>;

/** The calendar as sets of day-number facts; built once per weekday list and holiday list. */
interface CompiledCalendar {
  /** Indexed by ISO weekday (1–7). */
  businessWeekday: boolean[];
  businessWeekdaysPerWeek: number;
  /** Holidays that fall on a business weekday (the only ones that take a business day away), as day numbers. */
  holidays: Set<number>;
}

/** Per holiday list, per weekday list (both immutable agreement data): built once, found by identity. */
const compiledCalendars = new WeakMap<readonly IsoDate[], WeakMap<readonly number[], CompiledCalendar>>();

const compileCalendar = (weekdays: readonly number[], holidays: readonly IsoDate[]): CompiledCalendar => {
  const businessWeekday = Array.from({ length: 8 }, (_, weekday) => weekday >= 1 && weekdays.includes(weekday));
  return {
    businessWeekday,
    businessWeekdaysPerWeek: businessWeekday.filter(Boolean).length,
    holidays: new Set(
      holidays
        .filter(isIsoDate)
        .map(dayNumberOf)
        .filter((dayNumber) => businessWeekday[weekdayOfDayNumber(dayNumber)]),
    ),
  };
};

const compile = ({ businessHours: { weekdays }, holidays }: BusinessCalendar): CompiledCalendar => {
  let byWeekdays = compiledCalendars.get(holidays);
  if (!byWeekdays) compiledCalendars.set(holidays, (byWeekdays = new WeakMap()));
  let compiled = byWeekdays.get(weekdays);
  if (!compiled) byWeekdays.set(weekdays, (compiled = compileCalendar(weekdays, holidays)));
  return compiled;
};

const isBusinessDayNumber = (dayNumber: number, calendar: CompiledCalendar): boolean =>
  calendar.businessWeekday[weekdayOfDayNumber(dayNumber)] && !calendar.holidays.has(dayNumber);

/** A business day is one of the agreement's business-hours weekdays (Mon–Fri by default) that is not a listed holiday. */
export const isBusinessDay = (date: IsoDate, calendar: BusinessCalendar): boolean =>
  isBusinessDayNumber(dayNumberOf(date), compile(calendar));

/** The date itself when it is a business day, else the next business day. */
export const rollToBusinessDay = (date: IsoDate, calendar: BusinessCalendar): IsoDate => {
  const compiled = compile(calendar);
  let day = dayNumberOf(date);
  while (!isBusinessDayNumber(day, compiled)) day++;
  return isoDateOf(day);
};

/** `n` business days after `date` (before it when negative); `n = 0` is `date` itself. */
export const addBusinessDays = (date: IsoDate, n: number, calendar: BusinessCalendar): IsoDate =>
  n === 0 ? date : isoDateOf(addBusinessDaysToDayNumber(dayNumberOf(date), n, calendar));

/** `addBusinessDays` on day numbers (`dayNumberOf`), for figures that keep days as numbers. */
export const addBusinessDaysToDayNumber = (dayNumber: number, n: number, calendar: BusinessCalendar): number => {
  if (n === 0) return dayNumber;
  const compiled = compile(calendar);
  const step = n < 0 ? -1 : 1;
  let day = dayNumber;
  for (let remaining = Math.abs(n); remaining > 0;) {
    day += step;
    if (isBusinessDayNumber(day, compiled)) remaining--;
  }
  return day;
};

/**
 * Business days after `from` up to and including `to`, so that
 * `businessDaysBetween(d, addBusinessDays(d, n)) === n`; negative when `to` is before `from`.
 * Whole weeks are counted at once; only the holidays inside the span are looked at.
 */
export const businessDaysBetween = (from: IsoDate, to: IsoDate, calendar: BusinessCalendar): number => {
  if (to < from) return -businessDaysBetween(to, from, calendar);
  const compiled = compile(calendar);
  const first = dayNumberOf(from) + 1;
  const last = dayNumberOf(to);
  const span = last - first + 1;
  if (span <= 0) return 0;
  const weeks = Math.floor(span / 7);
  let count = weeks * compiled.businessWeekdaysPerWeek;
  for (let day = first + weeks * 7; day <= last; day++) if (compiled.businessWeekday[weekdayOfDayNumber(day)]) count++;
  for (const holiday of compiled.holidays) if (holiday >= first && holiday <= last) count--;
  return count;
};
