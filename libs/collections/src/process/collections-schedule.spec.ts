import { DateTime } from 'luxon';
import { CollectionsSchedule, DEFAULT_COLLECTIONS_SCHEDULE } from './collections-schedule';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const iso = (instant: DateTime | undefined) => instant?.toUTC().toISO();

describe('CollectionsSchedule (COLLECTIONS_SCHEDULE in COLLECTIONS_TIMEZONE)', () => {
  const businessDays = CollectionsSchedule.parse(DEFAULT_COLLECTIONS_SCHEDULE, 'UTC');

  it('by default: every business day at 08:00, Friday to Monday over the weekend', () => {
    expect(iso(businessDays.nextAfter(utc('2026-03-06T08:00:00Z')))).toBe('2026-03-09T08:00:00.000Z');
    expect(iso(businessDays.nextAfter(utc('2026-03-09T07:59:59Z')))).toBe('2026-03-09T08:00:00.000Z');
  });

  it('finds the latest occurrence at or before an instant (the occurrence itself included)', () => {
    expect(iso(businessDays.latestAtOrBefore(utc('2026-03-09T08:00:00Z')))).toBe('2026-03-09T08:00:00.000Z');
    expect(iso(businessDays.latestAtOrBefore(utc('2026-03-09T07:59:59.999Z')))).toBe('2026-03-06T08:00:00.000Z');
    expect(iso(businessDays.latestAtOrBefore(utc('2026-03-08T23:00:00Z')))).toBe('2026-03-06T08:00:00.000Z');
  });

  it('reads the hours in its time zone, across daylight-saving changes', () => {
    const amsterdam = CollectionsSchedule.parse('0 8 * * 1-5', 'Europe/Amsterdam');
    // 08:00 CET is 07:00Z; from Monday 30 March (CEST) 06:00Z.
    expect(iso(amsterdam.nextAfter(utc('2026-03-27T12:00:00Z')))).toBe('2026-03-30T06:00:00.000Z');
    expect(iso(amsterdam.latestAtOrBefore(utc('2026-03-30T05:59:00Z')))).toBe('2026-03-27T07:00:00.000Z');
    // New York moves on 8 March: 08:00 EDT is 12:00Z.
    const newYork = CollectionsSchedule.parse('0 8 * * *', 'America/New_York');
    expect(iso(newYork.nextAfter(utc('2026-03-07T14:00:00Z')))).toBe('2026-03-08T12:00:00.000Z');
  });

  it('runs a time skipped by the spring change once, just after it, and a time repeated in autumn once', () => {
    const night = CollectionsSchedule.parse('30 2 * * *', 'Europe/Berlin');
    // 29 March 2026: 02:00 → 03:00, no 02:30; the cycle runs at 03:30 CEST.
    expect(iso(night.nextAfter(utc('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 2026: 02:30 happens twice; one cycle, then the next night's.
    const autumn = night.nextAfter(utc('2026-10-24T12:00:00Z'))!;
    expect(iso(autumn)).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(night.nextAfter(autumn))).toBe('2026-10-26T01:30:00.000Z');
  });

  it('refuses what is not a cron expression or an IANA zone, saying which', () => {
    expect(() => CollectionsSchedule.parse('every morning', 'UTC')).toThrow(/"every morning" is not a cron expression/);
    expect(() => CollectionsSchedule.parse('61 8 * * *', 'UTC')).toThrow(/not a cron expression.*0-59/);
    expect(() => CollectionsSchedule.parse(' ', 'UTC')).toThrow(/empty/);
    expect(() => CollectionsSchedule.parse('0 8 * * *', 'Mars/Olympus')).toThrow(/"Mars\/Olympus" is not an IANA time zone/);
  });
});
