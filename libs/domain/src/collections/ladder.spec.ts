import { type Agreement, DEFAULT_BUSINESS_HOURS } from '../agreement/agreement';
import { type CollectionsLadder } from '../agreement/collections-ladder';
import { ladderLevelOn, levelReachedOn } from './ladder';
import { DEFAULT_COLLECTIONS_POLICY, withAgreedSettings } from './policy';
import { nextLevel } from '../agreement/collections-ladder';

const calendar = { businessHours: DEFAULT_BUSINESS_HOURS, holidays: ['2026-02-23'] };

describe('ladder', () => {
  it('counts the reminder in business days: due Friday, the next business day after a holiday Monday is Tuesday', () => {
    expect(levelReachedOn('2026-02-20', 'reminder', DEFAULT_COLLECTIONS_POLICY, 1, calendar)).toBe('2026-02-24');
  });

  it('counts the other levels in calendar days', () => {
    expect(levelReachedOn('2026-02-20', 'firm_reminder', DEFAULT_COLLECTIONS_POLICY, 1, calendar)).toBe('2026-02-27');
    expect(levelReachedOn('2026-02-20', 'agency', DEFAULT_COLLECTIONS_POLICY, 1, calendar)).toBe('2026-04-21');
  });

  it('halves the thresholds with the tightened factor, rounding a half day up, never below one day', () => {
    expect(levelReachedOn('2026-02-20', 'firm_reminder', DEFAULT_COLLECTIONS_POLICY, 0.5, calendar)).toBe('2026-02-24'); // 3.5 → 4
    expect(levelReachedOn('2026-02-20', 'call', DEFAULT_COLLECTIONS_POLICY, 0.5, calendar)).toBe('2026-02-27'); // 7
    expect(levelReachedOn('2026-02-20', 'reminder', DEFAULT_COLLECTIONS_POLICY, 0.5, calendar)).toBe('2026-02-24'); // 0.5 → 1 business day
  });

  it('gives the highest level reached on a day', () => {
    expect(ladderLevelOn('2026-02-20', '2026-02-20', DEFAULT_COLLECTIONS_POLICY, 1, calendar)).toBe('none');
    expect(ladderLevelOn('2026-02-20', '2026-03-21', DEFAULT_COLLECTIONS_POLICY, 1, calendar)).toBe('call');
    expect(ladderLevelOn('2026-02-20', '2027-01-01', DEFAULT_COLLECTIONS_POLICY, 1, calendar)).toBe('agency');
  });

  it('steps one level up, and stays at the top', () => {
    expect(nextLevel('none')).toBe('reminder');
    expect(nextLevel('call')).toBe('credit_hold');
    expect(nextLevel('agency')).toBe('agency');
  });
});

describe('withAgreedSettings', () => {
  const agreement = (collectionsLadder?: CollectionsLadder) => ({ collectionsLadder }) as Pick<Agreement, 'collectionsLadder'> as Agreement;

  it('puts the rungs agreed with the client over the policy and keeps the rest', () => {
    const policy = withAgreedSettings(DEFAULT_COLLECTIONS_POLICY, agreement({ reminder: { days: 5, unit: 'calendar_days' } }));
    expect(policy.ladder).toEqual({ ...DEFAULT_COLLECTIONS_POLICY.ladder, reminder: { days: 5, unit: 'calendar_days' } });
    expect(levelReachedOn('2026-02-20', 'reminder', policy, 1, calendar)).toBe('2026-02-25');
    expect(policy.tightenedLadderFactor).toBe(DEFAULT_COLLECTIONS_POLICY.tightenedLadderFactor);
  });

  it('puts the collections settings agreed with the client over the policy', () => {
    const settings = { minimumStepSpacingDays: 10, finalNoticeDays: 21, agencyRequiresApproval: false };
    expect(withAgreedSettings(DEFAULT_COLLECTIONS_POLICY, settings as Agreement)).toEqual({ ...DEFAULT_COLLECTIONS_POLICY, ...settings });
  });

  it('is the policy itself when nothing is agreed', () => {
    expect(withAgreedSettings(DEFAULT_COLLECTIONS_POLICY, agreement())).toBe(DEFAULT_COLLECTIONS_POLICY);
    expect(withAgreedSettings(DEFAULT_COLLECTIONS_POLICY, undefined)).toBe(DEFAULT_COLLECTIONS_POLICY);
  });
});
