import { DateTime } from 'luxon';
import { DEFAULT_BUSINESS_HOURS } from '../agreement/agreement';
import { nextContactWindow } from './business-hours';

const hours = { timezone: 'Europe/Amsterdam', businessHours: DEFAULT_BUSINESS_HOURS, holidays: ['2026-04-06'] };
const local = (iso: string) => DateTime.fromISO(iso, { zone: hours.timezone });
const windowFor = (iso: string) => nextContactWindow(local(iso), hours).setZone(hours.timezone).toISO({ suppressMilliseconds: true });

describe('nextContactWindow', () => {
  it('is now inside business hours', () => {
    const now = local('2026-03-09T10:15');
    expect(nextContactWindow(now, hours)).toBe(now);
  });

  it('opens at 09:00 the same day before hours, and the next business day after hours', () => {
    expect(windowFor('2026-03-09T07:30')).toBe('2026-03-09T09:00:00+01:00');
    expect(windowFor('2026-03-09T17:00')).toBe('2026-03-10T09:00:00+01:00');
  });

  it('skips the weekend: Saturday 08:00 → Monday 09:00 local', () => {
    expect(windowFor('2026-03-07T08:00')).toBe('2026-03-09T09:00:00+01:00');
  });

  it('skips holidays and keeps local time across a DST change', () => {
    // Good Friday 3 April 18:00 (CEST) → Easter Monday 6 April is a holiday → Tuesday 7 April 09:00 CEST.
    expect(windowFor('2026-04-03T18:00')).toBe('2026-04-07T09:00:00+02:00');
    // Friday 27 March 18:00 CET → Monday 30 March 09:00 CEST (clocks changed on Sunday).
    expect(windowFor('2026-03-27T18:00')).toBe('2026-03-30T09:00:00+02:00');
  });

  it('refuses a calendar without business days', () => {
    expect(() =>
      nextContactWindow(local('2026-03-09T10:00'), { ...hours, businessHours: { ...DEFAULT_BUSINESS_HOURS, weekdays: [] } }),
    ).toThrow(/No business hours/);
  });
});
