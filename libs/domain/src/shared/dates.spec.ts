import { DateTime } from 'luxon';
import { addDays, assertIsoDate, daysBetween, localDate } from './dates';

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

  it('accepts dates from 1900 through 2200 only (SPEC 3.2)', () => {
    expect(assertIsoDate('1900-01-01', 'd')).toBe('1900-01-01');
    expect(assertIsoDate('2200-12-31', 'd')).toBe('2200-12-31');
    for (const far of ['1899-12-31', '0000-01-01', '2201-01-01', '9999-12-31']) {
      expect(() => assertIsoDate(far, 'issuedOn')).toThrow(
        expect.objectContaining({ kind: 'validation', code: 'date_out_of_range', field: 'issuedOn' }),
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
