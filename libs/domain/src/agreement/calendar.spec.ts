import { DateTime } from 'luxon';
import { DEFAULT_BUSINESS_HOURS } from './agreement';
import {
  BusinessCalendar,
  addBusinessDays,
  addDays,
  assertIsoDate,
  businessDaysBetween,
  daysBetween,
  isBusinessDay,
  localDate,
} from './calendar';

const weekdays: BusinessCalendar = { businessHours: DEFAULT_BUSINESS_HOURS, holidays: [] };
// 2026-03-09 (Mon) is a holiday here.
const withHoliday: BusinessCalendar = { businessHours: DEFAULT_BUSINESS_HOURS, holidays: ['2026-03-09'] };
// A Sunday–Thursday working week.
const sundayToThursday: BusinessCalendar = { businessHours: { weekdays: [7, 1, 2, 3, 4], start: '08:00', end: '16:00' }, holidays: [] };

describe('localDate', () => {
  it.each([
    ['2026-03-02T23:30:00Z', 'UTC', '2026-03-02'],
    ['2026-03-02T23:30:00Z', 'Europe/Amsterdam', '2026-03-03'],
    ['2026-03-03T03:00:00Z', 'America/New_York', '2026-03-02'],
    ['2026-03-02T10:30:00Z', 'Pacific/Kiritimati', '2026-03-03'],
    // The night the clocks go forward in Amsterdam.
    ['2026-03-28T23:30:00Z', 'Europe/Amsterdam', '2026-03-29'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(localDate(DateTime.fromISO(instant, { zone: 'utc' }), zone)).toBe(date);
  });
});

describe('dates', () => {
  it('validates yyyy-MM-dd', () => {
    expect(assertIsoDate('2028-02-29', 'd')).toBe('2028-02-29');
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '20260101', '2026-01-01T00:00:00Z', '']) {
      expect(() => assertIsoDate(bad, 'issuedOn')).toThrow(
        expect.objectContaining({ kind: 'validation', code: 'invalid_date', field: 'issuedOn' }),
      );
    }
  });

  it('adds and counts calendar days across a DST change and a leap day', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });
});

describe('business days', () => {
  it('are Mon–Fri by default, minus holidays', () => {
    expect(isBusinessDay('2026-03-06', weekdays)).toBe(true); // Fri
    expect(isBusinessDay('2026-03-07', weekdays)).toBe(false); // Sat
    expect(isBusinessDay('2026-03-08', weekdays)).toBe(false); // Sun
    expect(isBusinessDay('2026-03-09', weekdays)).toBe(true); // Mon
    expect(isBusinessDay('2026-03-09', withHoliday)).toBe(false);
  });

  it("follow the agreement's working week", () => {
    expect(isBusinessDay('2026-03-08', sundayToThursday)).toBe(true); // Sun
    expect(isBusinessDay('2026-03-06', sundayToThursday)).toBe(false); // Fri
  });

  it.each([
    ['2026-03-06', 0, weekdays, '2026-03-06'], // Fri + 0 is Fri
    ['2026-03-06', 1, weekdays, '2026-03-09'], // Fri + 1 skips the weekend
    ['2026-03-07', 1, weekdays, '2026-03-09'], // Sat + 1 is Mon
    ['2026-03-02', 4, weekdays, '2026-03-06'],
    ['2026-03-02', 10, weekdays, '2026-03-16'],
    ['2026-03-06', 1, withHoliday, '2026-03-10'], // Mon is a holiday
    ['2026-03-09', -1, weekdays, '2026-03-06'], // Mon − 1 is Fri
    ['2026-03-10', -1, withHoliday, '2026-03-06'],
    ['2026-03-05', 1, sundayToThursday, '2026-03-08'], // Thu + 1 is Sun
  ])('%s + %i business days = %s', (date, n, calendar, expected) => {
    expect(addBusinessDays(date, n, calendar)).toBe(expected);
  });

  it.each([
    ['2026-03-06', '2026-03-09', weekdays, 1],
    ['2026-03-02', '2026-03-06', weekdays, 4],
    ['2026-03-02', '2026-03-02', weekdays, 0],
    ['2026-03-07', '2026-03-08', weekdays, 0],
    ['2026-03-06', '2026-03-10', withHoliday, 1],
    ['2026-03-09', '2026-03-06', weekdays, -1],
    ['2026-03-01', '2026-03-31', weekdays, 22],
  ])('from %s to %s: %i business days', (from, to, calendar, expected) => {
    expect(businessDaysBetween(from, to, calendar)).toBe(expected);
  });

  it('counts back exactly what was added', () => {
    for (const n of [0, 1, 2, 5, 9, 23]) {
      expect(businessDaysBetween('2026-03-05', addBusinessDays('2026-03-05', n, withHoliday), withHoliday)).toBe(n);
    }
  });
});
