import { DateTime } from 'luxon';
import { invalid } from '../shared/errors';
import { IsoDate } from '../shared/types';
import { Agreement } from './agreement';

/**
 * Calendar arithmetic on client-local dates. An IsoDate is already local to the client, so the
 * arithmetic itself runs in UTC (no DST gaps); time zones matter only when an instant becomes a date.
 */

/** The parts of an agreement that decide which days are business days. */
export type BusinessCalendar = Pick<Agreement, 'businessHours' | 'holidays'>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isIsoDate = (value: string): boolean => ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;

/** Validates a `yyyy-MM-dd` date from the outside world. */
export const assertIsoDate = (value: string, field: string): IsoDate => {
  if (!isIsoDate(value)) throw invalid('invalid_date', `"${value}" is not a date (yyyy-MM-dd)`, field);
  return value;
};

export const toDateTime = (date: IsoDate): DateTime => DateTime.fromISO(date, { zone: 'utc' });

const fromDateTime = (date: DateTime): IsoDate => date.toISODate() as IsoDate;

export const addDays = (date: IsoDate, days: number): IsoDate => fromDateTime(toDateTime(date).plus({ days }));

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => toDateTime(to).diff(toDateTime(from), 'days').days;

export const endOfMonth = (date: IsoDate): IsoDate => fromDateTime(toDateTime(date).endOf('month'));

/** "Today" for the client: the calendar date of `now` in the client's time zone. */
export const localDate = (now: DateTime, timezone: string): IsoDate => fromDateTime(now.setZone(timezone));

/** A business day is one of the agreement's business-hours weekdays (Mon–Fri by default) that is not a listed holiday. */
export const isBusinessDay = (date: IsoDate, calendar: BusinessCalendar): boolean =>
  calendar.businessHours.weekdays.includes(toDateTime(date).weekday) && !calendar.holidays.includes(date);

/** The date itself when it is a business day, else the next business day. */
export const rollToBusinessDay = (date: IsoDate, calendar: BusinessCalendar): IsoDate => {
  let day = date;
  while (!isBusinessDay(day, calendar)) day = addDays(day, 1);
  return day;
};

/** `n` business days after `date` (before it when negative); `n = 0` is `date` itself. */
export const addBusinessDays = (date: IsoDate, n: number, calendar: BusinessCalendar): IsoDate => {
  const step = n < 0 ? -1 : 1;
  let day = date;
  for (let remaining = Math.abs(n); remaining > 0;) {
    day = addDays(day, step);
    if (isBusinessDay(day, calendar)) remaining--;
  }
  return day;
};

/**
 * Business days after `from` up to and including `to`, so that
 * `businessDaysBetween(d, addBusinessDays(d, n)) === n`; negative when `to` is before `from`.
 */
export const businessDaysBetween = (from: IsoDate, to: IsoDate, calendar: BusinessCalendar): number => {
  if (to < from) return -businessDaysBetween(to, from, calendar);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isBusinessDay(day, calendar)) count++;
  }
  return count;
};
