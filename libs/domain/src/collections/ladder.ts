import { type BusinessCalendar, addBusinessDays } from '../agreement/calendar';
import { addDays } from '../shared/dates';
import { type IsoDate } from '../shared/types';
import { type CollectionsPolicy } from './policy';
import { LADDER_LEVELS, type LadderLevel } from '../agreement/collections-ladder';

/**
 * The first day on which an invoice due on `dueOn` has reached a rung. A threshold scaled by the
 * ladder factor is reached on the first whole day at or past it (7 × 0.5 = 3.5 days → day 4), and
 * never before the first day past due.
 */
export const levelReachedOn = (
  dueOn: IsoDate,
  level: LadderLevel,
  policy: Pick<CollectionsPolicy, 'ladder'>,
  ladderFactor: number,
  calendar: BusinessCalendar,
): IsoDate => {
  const { days, unit } = policy.ladder[level];
  const wholeDays = Math.max(1, Math.ceil(days * ladderFactor));
  return unit === 'business_days' ? addBusinessDays(dueOn, wholeDays, calendar) : addDays(dueOn, wholeDays);
};

/** The highest rung an invoice due on `dueOn` has reached on `today`, or `none`. */
export const ladderLevelOn = (
  dueOn: IsoDate,
  today: IsoDate,
  policy: Pick<CollectionsPolicy, 'ladder'>,
  ladderFactor: number,
  calendar: BusinessCalendar,
): LadderLevel | 'none' =>
  [...LADDER_LEVELS].reverse().find((level) => levelReachedOn(dueOn, level, policy, ladderFactor, calendar) <= today) ?? 'none';
