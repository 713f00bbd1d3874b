import { DateTime } from 'luxon';
import { knownAt } from './known-at';

describe('knownAt', () => {
  const recordedAt = (instant: string) => ({ metadata: { recordedAt: instant } });
  const asOf = DateTime.fromISO('2026-03-02T10:00:00.000+01:00', { setZone: true });

  it('knows what was recorded up to and including asOf, whatever the offsets, and nothing after', () => {
    expect(knownAt(recordedAt('2026-03-02T08:59:59.999Z'), asOf)).toBe(true);
    expect(knownAt(recordedAt('2026-03-02T09:00:00.000Z'), asOf)).toBe(true);
    expect(knownAt(recordedAt('2026-03-02T09:00:00.001Z'), asOf)).toBe(false);
  });
});
