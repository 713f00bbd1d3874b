import { DEFAULT_BUSINESS_HOURS } from './agreement';
import { type BusinessCalendar, addBusinessDays, businessDaysBetween, isBusinessDay } from './calendar';

const weekdays: BusinessCalendar = { businessHours: DEFAULT_BUSINESS_HOURS, holidays: [] };
// 2026-03-09 (Mon) is a holiday here.
const withHoliday: BusinessCalendar = { businessHours: DEFAULT_BUSINESS_HOURS, holidays: ['2026-03-09'] };
// A Sunday–Thursday working week.
const sundayToThursday: BusinessCalendar = { businessHours: { weekdays: [7, 1, 2, 3, 4], start: '08:00', end: '16:00' }, holidays: [] };

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
