import { DateTime, Info, type Zone } from 'luxon';
import { invalid } from './errors';
import { type IsoDate, type IsoInstant } from './types';

/**
 * Date and instant arithmetic on client-local dates. An IsoDate is already local to the client, so the
 * arithmetic needs no time zone: a date is a day number (days since 1970-01-01 in the proleptic
 * Gregorian calendar, the calendar of luxon and ISO 8601), and adding, counting and comparing days is
 * integer arithmetic on it (`dayNumberOf` / `isoDateOf`: Howard Hinnant's `days_from_civil` and
 * `civil_from_days`, exact for every date). No luxon DateTime is built per step — that was most of
 * the time the behaviour figures, the ladder and the interest periods took — no `Date` is used and
 * no clock is read: "now" is always passed in.
 *
 * Time zones matter only where an instant meets a local date or time (`localDate`, `localDateTime`,
 * `instantAtLocal`, `daysBeforeMillis`): that stays with luxon, except in a fixed-offset zone (UTC),
 * where it is the same arithmetic. The stored instant form (`…T10:00:00.000Z`) is read without luxon
 * (`instantMillis`). Every function gives exactly what its luxon formulation gives; the property
 * tests (agreement/calendar.property.spec.ts, beside the business days) compare them over many random dates, instants and zones.
 *
 * Caches: day numbers and dates seen (bounded). Business days are the agreement's (agreement/calendar.ts).
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/** Days since 1970-01-01 of a valid year/month/day (days_from_civil). */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
};

interface Civil {
  year: number;
  month: number;
  day: number;
}

/** The year/month/day of a day number (civil_from_days). */
const civilFromDays = (days: number): Civil => {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
};

const digits = (value: string, from: number, to: number): number => {
  let result = 0;
  for (let i = from; i < to; i++) result = result * 10 + (value.charCodeAt(i) - 48);
  return result;
};

const civilOf = (date: IsoDate): Civil => ({ year: digits(date, 0, 4), month: digits(date, 5, 7), day: digits(date, 8, 10) });

const pad2 = (value: number): string => (value < 10 ? `0${value}` : `${value}`);

/** Four-digit years as such; others signed with six digits, as luxon writes them. */
const yearText = (year: number): string =>
  year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;

const isoDateOfCivil = ({ year, month, day }: Civil): IsoDate => `${yearText(year)}-${pad2(month)}-${pad2(day)}`;

/**
 * Day numbers of the dates seen, and back: the same few hundred dates are parsed and formatted over
 * and over (due dates, "today", holidays). Bounded, so that odd input cannot grow them without end.
 */
const CACHE_LIMIT = 50_000;
const dayNumbers = new Map<IsoDate, number>();
const isoDates = new Map<number, IsoDate>();

const remember = <K, V>(cache: Map<K, V>, key: K, value: V): V => {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
};

/** Days since 1970-01-01 of a `yyyy-MM-dd` date (assumed valid: see `assertIsoDate` for input). */
export const dayNumberOf = (date: IsoDate): number => {
  const cached = dayNumbers.get(date);
  if (cached !== undefined) return cached;
  // Only a date beyond year 9999 is written otherwise (`+010000-01-01`).
  if (date.length !== 10) return Math.round(toDateTime(date).toMillis() / MS_PER_DAY);
  const { year, month, day } = civilOf(date);
  return remember(dayNumbers, date, daysFromCivil(year, month, day));
};

/** The `yyyy-MM-dd` date of a day number. */
export const isoDateOf = (dayNumber: number): IsoDate =>
  isoDates.get(dayNumber) ?? remember(isoDates, dayNumber, isoDateOfCivil(civilFromDays(dayNumber)));

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export const weekdayOfDayNumber = (dayNumber: number): number => ((((dayNumber + 3) % 7) + 7) % 7) + 1;

export const isIsoDate = (value: string): boolean => {
  if (!ISO_DATE.test(value)) return false;
  const { year, month, day } = civilOf(value);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/**
 * The dates the books accept from the outside world (SPEC 3.2): years 1900 through 2200. Anything
 * else is a typing error, and a date far outside it would break the views' date arithmetic for good.
 */
export const SANE_DATES = { from: '1900-01-01', through: '2200-12-31' } as const;

/** Why a valid date or instant's date is outside `SANE_DATES` (a message naming `field`), or undefined when it is within. */
export const insaneDateProblem = (date: IsoDate, field: string): string | undefined =>
  date.length === 10 && date >= SANE_DATES.from && date <= SANE_DATES.through
    ? undefined
    : `${field} must lie between ${SANE_DATES.from} and ${SANE_DATES.through}`;

/** Validates a `yyyy-MM-dd` date from the outside world: a real calendar date within `SANE_DATES`. */
export const assertIsoDate = (value: string, field: string): IsoDate => {
  if (typeof value !== 'string' || !isIsoDate(value)) throw invalid('invalid_date', `"${String(value)}" is not a date (yyyy-MM-dd)`, field);
  const problem = insaneDateProblem(value, field);
  if (problem) throw invalid('date_out_of_range', problem, field);
  return value;
};

/** The date as a luxon DateTime at midnight UTC, for arithmetic the functions here do not offer. */
export const toDateTime = (date: IsoDate): DateTime => DateTime.fromISO(date, { zone: 'utc' });

export const addDays = (date: IsoDate, days: number): IsoDate => (days === 0 ? date : isoDateOf(dayNumberOf(date) + days));

/** Orders yyyy-MM-dd dates: as strings they sort by date (the same order `localeCompare` gives them, without its cost). */
export const compareIsoDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumberOf(to) - dayNumberOf(from);

export const endOfMonth = (date: IsoDate): IsoDate => {
  const { year, month } = civilOf(date);
  return isoDateOfCivil({ year, month, day: daysInMonth(year, month) });
};

/** `months` calendar months later (earlier when negative); a day the target month lacks becomes its last day (luxon's rule). */
export const addMonths = (date: IsoDate, months: number): IsoDate => {
  const { year, month, day } = civilOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return isoDateOfCivil({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
};

/** `years` later (earlier when negative); 29 February becomes 28 February in a common year. */
export const addYears = (date: IsoDate, years: number): IsoDate => addMonths(date, years * 12);

const isDigitAt = (value: string, index: number): boolean => {
  const code = value.charCodeAt(index);
  return code >= 48 && code <= 57;
};

/** `yyyy-MM-ddTHH:mm:ss.SSSZ`, the form events store instants in (see `isoInstant`). */
const isCanonicalUtcInstant = (value: string): boolean => {
  if (value.length !== 24 || value[10] !== 'T' || value[23] !== 'Z') return false;
  for (let i = 0; i < 23; i++) {
    const separator = i === 4 || i === 7 ? '-' : i === 13 || i === 16 ? ':' : i === 19 ? '.' : i === 10 ? 'T' : undefined;
    if (separator ? value[i] !== separator : !isDigitAt(value, i)) return false;
  }
  return true;
};

/**
 * Milliseconds since the epoch of an ISO instant, as `DateTime.fromISO(instant).toMillis()` gives
 * them (NaN when invalid). The stored UTC form is read with integer arithmetic; any other form
 * (an offset, fewer digits) goes through luxon.
 */
export const instantMillis = (instant: IsoInstant): number => {
  if (isCanonicalUtcInstant(instant)) {
    const { year, month, day } = civilOf(instant);
    const [hour, minute, second, millisecond] = [
      digits(instant, 11, 13),
      digits(instant, 14, 16),
      digits(instant, 17, 19),
      digits(instant, 20, 23),
    ];
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59)
      return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
  }
  return DateTime.fromISO(instant).toMillis();
};

/** A wall-clock time of day. */
export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const zones = new Map<string, Zone | null>();

/** The zone's fixed offset in minutes (UTC, `UTC+2`…), or undefined for a zone with rules (IANA). */
const fixedOffsetOf = (timezone: string): number | undefined => {
  let zone = zones.get(timezone);
  if (zone === undefined) zone = remember(zones, timezone, Info.normalizeZone(timezone));
  return zone?.isUniversal && zone.isValid ? zone.offset(0) : undefined;
};

const MS_PER_MINUTE = 60_000;

const timeOfDayOf = (millisOfDay: number): TimeOfDay => ({
  hour: Math.floor(millisOfDay / 3_600_000),
  minute: Math.floor(millisOfDay / MS_PER_MINUTE) % 60,
  second: Math.floor(millisOfDay / 1000) % 60,
  millisecond: millisOfDay % 1000,
});

const millisOfDay = ({ hour, minute, second, millisecond }: TimeOfDay): number => ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;

const localDates = new Map<string, IsoDate>();

/**
 * "Today" for the client: the calendar date of `now` in the client's time zone. A run asks it for the
 * same instant and zone again and again (behaviour, solvency, the collections decision), and in a
 * zone with rules each answer costs luxon a time-zone lookup, so answers are kept.
 */
export const localDate = (now: DateTime, timezone: string): IsoDate =>
  now.isValid ? localDateOfMillis(now.toMillis(), timezone) : (now.setZone(timezone).toISODate() as IsoDate);

const localDateOfMillis = (millis: number, timezone: string): IsoDate => {
  const offset = fixedOffsetOf(timezone);
  if (offset !== undefined) return isoDateOf(Math.floor((millis + offset * MS_PER_MINUTE) / MS_PER_DAY));
  const key = `${timezone} ${millis}`;
  return localDates.get(key) ?? remember(localDates, key, DateTime.fromMillis(millis, { zone: timezone }).toISODate() as IsoDate);
};

/**
 * `localDate(DateTime.fromISO(instant), timezone)` without parsing the instant with luxon: the date an
 * instant of the facts (a promise's `madeAt`) falls on for the client, asked again at every read.
 */
export const localDateOfInstant = (instant: IsoInstant, timezone: string): IsoDate => {
  const millis = instantMillis(instant);
  return Number.isNaN(millis) ? localDate(DateTime.fromISO(instant), timezone) : localDateOfMillis(millis, timezone);
};

/** A local day (its day number, as `dayNumberOf` counts) and the milliseconds since its midnight. */
export interface LocalDayTime {
  day: number;
  millisOfDay: number;
}

/**
 * The local day and time of day of an instant (epoch milliseconds) in a time zone, as
 * `DateTime.fromMillis(millis, { zone })` reads them: arithmetic where the zone's offset holds all
 * through the instant's UTC day, luxon on a day it changes.
 */
export const localDayTimeOfMillis = (millis: number, timezone: string): LocalDayTime => {
  const offset = fixedOffsetOf(timezone) ?? steadyOffsetOnUtcDay(millis, timezone);
  if (offset !== null) {
    const local = millis + offset * MS_PER_MINUTE;
    const day = Math.floor(local / MS_PER_DAY);
    return { day, millisOfDay: local - day * MS_PER_DAY };
  }
  const local = DateTime.fromMillis(millis, { zone: timezone });
  return { day: dayNumberOf(local.toISODate() as IsoDate), millisOfDay: millisOfDay(local) };
};

/**
 * The local date and time of day of an instant in a time zone, as `DateTime.fromISO(instant, { zone })`
 * reads them. The stored UTC form goes through `localDayTimeOfMillis`; any other form asks luxon.
 */
export const localDateTime = (instant: IsoInstant, timezone: string): { date: IsoDate; time: TimeOfDay } => {
  if (isCanonicalUtcInstant(instant)) {
    const { day, millisOfDay } = localDayTimeOfMillis(instantMillis(instant), timezone);
    return { date: isoDateOf(day), time: timeOfDayOf(millisOfDay) };
  }
  const local = DateTime.fromISO(instant, { zone: timezone });
  const { hour, minute, second, millisecond } = local;
  return { date: local.toISODate() as IsoDate, time: { hour, minute, second, millisecond } };
};

/**
 * The instant (epoch milliseconds) of a local date and time of day in a time zone, resolved the way
 * `DateTime.fromISO(date, { zone }).set(time)` resolves it, DST gaps and overlaps included.
 */
export const instantAtLocal = (date: IsoDate, time: TimeOfDay, timezone: string): number =>
  instantAtLocalDay(dayNumberOf(date), millisOfDay(time), timezone);

/** `instantAtLocal` of a day number and the milliseconds since its midnight. */
export const instantAtLocalDay = (day: number, millisSinceMidnight: number, timezone: string): number => {
  const offset = fixedOffsetOf(timezone) ?? steadyOffsetOnDay(day, timezone);
  return offset !== null
    ? day * MS_PER_DAY + millisSinceMidnight - offset * MS_PER_MINUTE
    : DateTime.fromISO(isoDateOf(day), { zone: timezone }).set(timeOfDayOf(millisSinceMidnight)).toMillis();
};

/**
 * Offsets found steady, per zone and day number (UTC days and local days apart): a zone with rules
 * costs luxon a lookup per question, and the deadlines of a process's clients ask about the same
 * days. Numbers for keys, so a lookup builds no string. Bounded per zone like the caches above.
 */
const steadyOnUtcDays = new Map<string, Map<number, number | null>>();
const steadyOnLocalDays = new Map<string, Map<number, number | null>>();

const knownOffset = (
  cache: Map<string, Map<number, number | null>>,
  timezone: string,
  day: number,
  find: () => number | null,
): number | null => {
  let days = cache.get(timezone);
  if (days === undefined) days = remember(cache, timezone, new Map<number, number | null>());
  const known = days.get(day);
  return known !== undefined ? known : remember(days, day, find());
};

/**
 * The zone's offset in minutes all through the UTC day of `millis`, or null on a day it changes: then
 * the local time of any instant of that day is arithmetic.
 */
const steadyOffsetOnUtcDay = (millis: number, timezone: string): number | null => {
  const day = Math.floor(millis / MS_PER_DAY);
  return knownOffset(steadyOnUtcDays, timezone, day, () => {
    const zone = zones.get(timezone) ?? remember(zones, timezone, Info.normalizeZone(timezone));
    const start = day * MS_PER_DAY;
    const offset = zone?.isValid ? zone.offset(start) : Number.NaN;
    return Number.isFinite(offset) && zone!.offset(start + MS_PER_DAY - 1) === offset ? offset : null;
  });
};

/**
 * The zone's offset in minutes on a local day when it holds from the instant before the day begins
 * to its end — every local time of that day then exists once, and is arithmetic; null on a day the
 * offset changes (gaps and overlaps stay with luxon).
 */
const steadyOffsetOnDay = (day: number, timezone: string): number | null =>
  knownOffset(steadyOnLocalDays, timezone, day, () => {
    const start = DateTime.fromISO(isoDateOf(day), { zone: timezone });
    const steady = start.isValid && start.minus({ milliseconds: 1 }).offset === start.offset && start.endOf('day').offset === start.offset;
    return steady ? start.offset : null;
  });

/**
 * `now` less whole `days`, in epoch milliseconds: calendar days in `now`'s zone (`now.minus({ days })`),
 * which are 24 hours each only in a fixed-offset zone — there it is arithmetic.
 */
export const daysBeforeMillis = (now: DateTime, days: number): number =>
  now.zone.isUniversal && Number.isInteger(days) ? now.toMillis() - days * MS_PER_DAY : now.minus({ days }).toMillis();
