import { DateTime } from 'luxon';
import { type IsoDate } from '../shared/types';
import { type BusinessCalendar, addBusinessDays, businessDaysBetween, isBusinessDay, rollToBusinessDay } from './calendar';
import {
  addDays,
  addMonths,
  addYears,
  compareIsoDates,
  dayNumberOf,
  daysBeforeMillis,
  daysBetween,
  endOfMonth,
  instantAtLocal,
  instantMillis,
  isIsoDate,
  isoDateOf,
  localDate,
  localDateOfInstant,
  localDateTime,
} from '../shared/dates';

/**
 * The day-number calendar against a luxon reference (what calendar.ts computed with luxon before),
 * over many seeded random dates: leap years, century years, month and year ends, odd working
 * weeks and holidays on any weekday.
 */

const seeded = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const random = seeded(20260301);
const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

const luxon = (date: IsoDate): DateTime => DateTime.fromISO(date, { zone: 'utc' });
const iso = (date: DateTime): IsoDate => date.toISODate() as IsoDate;

const reference = {
  addDays: (date: IsoDate, days: number): IsoDate => iso(luxon(date).plus({ days })),
  daysBetween: (from: IsoDate, to: IsoDate): number => luxon(to).diff(luxon(from), 'days').days,
  endOfMonth: (date: IsoDate): IsoDate => iso(luxon(date).endOf('month')),
  addMonths: (date: IsoDate, months: number): IsoDate => iso(luxon(date).plus({ months })),
  addYears: (date: IsoDate, years: number): IsoDate => iso(luxon(date).plus({ years })),
  isIsoDate: (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid,
  isBusinessDay: (date: IsoDate, calendar: BusinessCalendar): boolean =>
    calendar.businessHours.weekdays.includes(luxon(date).weekday) && !calendar.holidays.includes(date),
  rollToBusinessDay: (date: IsoDate, calendar: BusinessCalendar): IsoDate => {
    let day = date;
    while (!reference.isBusinessDay(day, calendar)) day = reference.addDays(day, 1);
    return day;
  },
  addBusinessDays: (date: IsoDate, n: number, calendar: BusinessCalendar): IsoDate => {
    const step = n < 0 ? -1 : 1;
    let day = date;
    for (let remaining = Math.abs(n); remaining > 0;) {
      day = reference.addDays(day, step);
      if (reference.isBusinessDay(day, calendar)) remaining--;
    }
    return day;
  },
  businessDaysBetween: (from: IsoDate, to: IsoDate, calendar: BusinessCalendar): number => {
    if (to < from) return -reference.businessDaysBetween(to, from, calendar);
    let count = 0;
    for (let day = reference.addDays(from, 1); day <= to; day = reference.addDays(day, 1)) {
      if (reference.isBusinessDay(day, calendar)) count++;
    }
    return count;
  },
};

const MONTH_ENDS = ['01-31', '02-28', '02-29', '03-31', '04-30', '06-30', '09-30', '11-30', '12-31'];
const CENTURY_YEARS = [1600, 1700, 1800, 1900, 2000, 2100, 2400];

/** A valid date: uniform over 1583–2600, or a month end, a leap day, a century year, a year boundary. */
const randomDate = (): IsoDate => {
  const kind = between(0, 4);
  if (kind === 0) {
    const year = random() < 0.3 ? CENTURY_YEARS[between(0, CENTURY_YEARS.length - 1)] : between(1583, 2600);
    const monthDay = MONTH_ENDS[between(0, MONTH_ENDS.length - 1)];
    const date = `${year}-${monthDay}`;
    return reference.isIsoDate(date) ? date : `${year}-02-28`;
  }
  if (kind === 1) return `${between(1583, 2600)}-01-01`;
  const start = luxon('1583-01-01');
  return iso(start.plus({ days: between(0, 372_000) }));
};

const randomCalendar = (near: IsoDate): BusinessCalendar => {
  const weekdays = [1, 2, 3, 4, 5, 6, 7].filter(() => random() < 0.6);
  if (weekdays.length === 0) weekdays.push(between(1, 7));
  const holidays = Array.from({ length: between(0, 12) }, () => reference.addDays(near, between(-40, 60)));
  return { businessHours: { weekdays, start: '09:00', end: '17:00' }, holidays };
};

const cases = <T>(count: number, make: () => T): T[] => Array.from({ length: count }, make);

describe('calendar arithmetic matches luxon', () => {
  it('day numbers: 1970-01-01 is 0 and they round-trip', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dayNumberOf('1969-12-31')).toBe(-1);
    expect(dayNumberOf('2000-03-01') - dayNumberOf('2000-02-28')).toBe(2);
    expect(dayNumberOf('2100-03-01') - dayNumberOf('2100-02-28')).toBe(1);
    for (const date of cases(1500, randomDate)) {
      expect(isoDateOf(dayNumberOf(date))).toBe(date);
      expect(dayNumberOf(date)).toBe(luxon(date).toMillis() / 86_400_000);
    }
  });

  it('addDays, daysBetween, endOfMonth, addMonths, addYears', () => {
    for (const date of cases(1500, randomDate)) {
      const days = random() < 0.5 ? between(-40, 40) : between(-3000, 3000);
      const other = randomDate();
      const months = between(-30, 30);
      const years = between(-5, 5);
      expect([addDays(date, days), daysBetween(date, other), endOfMonth(date), addMonths(date, months), addYears(date, years)]).toEqual([
        reference.addDays(date, days),
        reference.daysBetween(date, other),
        reference.endOfMonth(date),
        reference.addMonths(date, months),
        reference.addYears(date, years),
      ]);
    }
  });

  it('compareIsoDates orders dates as localeCompare and luxon do', () => {
    for (const date of cases(1000, randomDate)) {
      const other = random() < 0.1 ? date : randomDate();
      const sign = Math.sign(compareIsoDates(date, other));
      expect([date, other, sign]).toEqual([date, other, Math.sign(date.localeCompare(other))]);
      expect(sign).toBe(Math.sign(luxon(date).toMillis() - luxon(other).toMillis()));
    }
  });

  it('crosses year 9999 the way luxon writes it', () => {
    expect(addDays('9999-12-31', 1)).toBe(reference.addDays('9999-12-31', 1));
    expect(addDays(addDays('9999-12-31', 1), -1)).toBe('9999-12-31');
  });

  it('isIsoDate accepts exactly what luxon accepts as yyyy-MM-dd', () => {
    const candidates = [
      ...cases(
        2000,
        () =>
          `${String(between(0, 9999)).padStart(4, '0')}-${String(between(0, 13)).padStart(2, '0')}-${String(between(0, 32)).padStart(2, '0')}`,
      ),
      ...cases(500, randomDate),
      '0000-02-29',
      '1900-02-29',
      '2000-02-29',
      '2026-02-29',
      '2026-1-01',
      '2026-01-01T00:00:00Z',
      '+02026-01-01',
      '2026-01-0a',
      '',
    ];
    for (const value of candidates) expect([value, isIsoDate(value)]).toEqual([value, reference.isIsoDate(value)]);
  });

  it('business days: isBusinessDay, rollToBusinessDay, addBusinessDays, businessDaysBetween', () => {
    for (const date of cases(300, randomDate)) {
      const calendar = randomCalendar(date);
      const n = random() < 0.7 ? between(-10, 10) : between(-60, 60);
      const to = reference.addDays(date, random() < 0.7 ? between(-30, 30) : between(-400, 400));
      expect([
        isBusinessDay(date, calendar),
        rollToBusinessDay(date, calendar),
        addBusinessDays(date, n, calendar),
        businessDaysBetween(date, to, calendar),
      ]).toEqual([
        reference.isBusinessDay(date, calendar),
        reference.rollToBusinessDay(date, calendar),
        reference.addBusinessDays(date, n, calendar),
        reference.businessDaysBetween(date, to, calendar),
      ]);
    }
  });

  it('business days with a holiday listed twice and one on a weekend', () => {
    const calendar: BusinessCalendar = {
      businessHours: { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      holidays: ['2026-03-09', '2026-03-09', '2026-03-07'],
    };
    // 2026-03-02 (Mon) to 2026-03-16 (Mon): 10 weekdays after the start, one of them (03-09) a holiday.
    expect(businessDaysBetween('2026-03-02', '2026-03-16', calendar)).toBe(9);
    expect(addBusinessDays('2026-03-06', 1, calendar)).toBe('2026-03-10');
  });
});

/** Zones with DST (north and south), half-hour and 45-minute offsets, a 30-minute DST shift, and fixed offsets. */
const ZONES = [
  'UTC',
  'utc',
  'UTC+2',
  'UTC-3:30',
  'Etc/UTC',
  'Europe/Amsterdam',
  'America/New_York',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'America/Santiago',
];

/** Instants near the DST changes of 2026 (Europe 03-29 and 10-25, US 03-08 and 11-01, south 04-05 and 10-04) or anywhere. */
const randomInstant = (): DateTime => {
  const near = [
    '2026-03-29T01:00:00Z',
    '2026-10-25T01:00:00Z',
    '2026-03-08T07:00:00Z',
    '2026-11-01T06:00:00Z',
    '2026-04-04T15:00:00Z',
    '2026-10-03T16:00:00Z',
  ];
  const base = random() < 0.6 ? DateTime.fromISO(near[between(0, near.length - 1)], { zone: 'utc' }) : luxon(randomDate());
  return base.plus({ minutes: between(-26 * 60, 26 * 60), seconds: between(0, 59), milliseconds: between(0, 999) });
};

describe('instants match luxon', () => {
  it('instantMillis reads the stored UTC form, any other form and invalid ones as luxon does', () => {
    const odd = [
      '2026-02-30T10:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T23:60:00.000Z',
      '2026-01-01T10:00:00Z',
      '2026-01-01T10:00:00.000+01:00',
      '2026-01-01T10:00Z',
      'nonsense',
    ];
    const values = [
      ...cases(1500, () => randomInstant().toUTC().toISO()!),
      ...cases(300, () => randomInstant().setZone('America/New_York').toISO()!),
      ...odd,
    ];
    for (const value of values) expect([value, instantMillis(value)]).toEqual([value, DateTime.fromISO(value).toMillis()]);
  });

  it('localDateTime and instantAtLocal resolve local times as luxon does, DST gaps and overlaps included', () => {
    for (const instant of cases(1500, randomInstant)) {
      const zone = ZONES[between(0, ZONES.length - 1)];
      const iso = random() < 0.8 ? instant.toUTC().toISO()! : instant.setZone('Asia/Kolkata').toISO()!;
      const local = DateTime.fromISO(iso, { zone });
      const { hour, minute, second, millisecond } = local;
      expect(localDateTime(iso, zone)).toEqual({ date: local.toISODate(), time: { hour, minute, second, millisecond } });
      // The same wall-clock time on a nearby day: in a gap or an overlap now and then.
      const date = reference.addDays(local.toISODate()!, between(-3, 3));
      const time = { hour: between(0, 23), minute: between(0, 59), second: between(0, 59), millisecond: between(0, 999) };
      expect([zone, date, time, instantAtLocal(date, time, zone)]).toEqual([
        zone,
        date,
        time,
        DateTime.fromISO(date, { zone }).set(time).toMillis(),
      ]);
    }
  });

  it.each([
    ['Europe/Amsterdam', '2026-03-29', 2, 30], // clocks go forward: 02:30 does not exist
    ['Europe/Amsterdam', '2026-10-25', 2, 30], // clocks go back: 02:30 happens twice
    ['America/New_York', '2026-03-08', 2, 30],
    ['America/New_York', '2026-11-01', 1, 30],
    ['Australia/Lord_Howe', '2026-04-05', 1, 45], // a 30-minute shift back
    ['America/Santiago', '2026-09-06', 0, 30], // the change at midnight: the day starts at 01:00
  ])('%s on %s at %i:%i resolves as luxon does', (zone, date, hour, minute) => {
    const time = { hour, minute, second: 0, millisecond: 0 };
    expect(instantAtLocal(date, time, zone)).toBe(DateTime.fromISO(date, { zone }).set(time).toMillis());
    const instant = DateTime.fromISO(date, { zone }).set(time).toUTC().toISO()!;
    const local = DateTime.fromISO(instant, { zone });
    expect(localDateTime(instant, zone)).toEqual({
      date: local.toISODate(),
      time: { hour: local.hour, minute: local.minute, second: 0, millisecond: 0 },
    });
  });

  it('localDate is the date of now.setZone(zone), asked once or again', () => {
    for (const instant of cases(1000, randomInstant)) {
      const now = instant.setZone(ZONES[between(0, ZONES.length - 1)]);
      const zone = ZONES[between(0, ZONES.length - 1)];
      const expected = now.setZone(zone).toISODate();
      expect([now.toISO(), zone, localDate(now, zone), localDate(now, zone)]).toEqual([now.toISO(), zone, expected, expected]);
    }
  });

  it('localDateOfInstant is localDate(DateTime.fromISO(instant), zone): the rules that date a stored instant rely on it', () => {
    const odd = ['2026-02-30T10:00:00.000Z', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00.000+14:00', 'nonsense'];
    const instants = [
      ...cases(1000, () => randomInstant().toUTC().toISO()!),
      ...cases(300, () => randomInstant().setZone('America/New_York').toISO()!),
      ...odd,
    ];
    for (const instant of instants) {
      const zone = ZONES[between(0, ZONES.length - 1)];
      expect([instant, zone, localDateOfInstant(instant, zone)]).toEqual([instant, zone, localDate(DateTime.fromISO(instant), zone)]);
    }
  });

  it('daysBeforeMillis is now.minus({ days }) in any zone', () => {
    for (const instant of cases(500, randomInstant)) {
      const now = instant.setZone(ZONES[between(0, ZONES.length - 1)]);
      const days = between(0, 400);
      expect(daysBeforeMillis(now, days)).toBe(now.minus({ days }).toMillis());
    }
  });
});
