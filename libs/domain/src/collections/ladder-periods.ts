import { type BusinessCalendar } from '../agreement/calendar';
import { type LadderLevel, type LadderThreshold } from '../agreement/collections-ladder';
import { localDateOfInstant } from '../shared/dates';
import { type IsoDate } from '../shared/types';
import { levelReachedOn } from './ladder';
import { type CollectionsPolicy } from './policy';
import { type AgreedLadderPeriod, type CollectionsProcessState } from './state';

/** A stretch of days with one ladder and one ladder factor; `from` absent for the first, which has no start. */
export interface LadderPeriod {
  from?: IsoDate;
  ladder: Record<LadderLevel, LadderThreshold>;
  factor: number;
}

/**
 * The ladders in force over time, oldest first (SPEC 5: fees and interest "by the agreement and ladder in force on
 * the day they became due, never retroactively"): a period starts at each change of the agreed ladder (from the
 * day it was agreed) and when terms were tightened (`tightenedOn`: the factor applies from that day). The last
 * period's ladder is the policy's own.
 */
export const ladderPeriods = (
  state: Pick<CollectionsProcessState, 'agreedLadders'>,
  policy: Pick<CollectionsPolicy, 'ladder' | 'processLadder'>,
  tightened?: { on: IsoDate; factor: number },
): LadderPeriod[] => {
  const agreed: readonly AgreedLadderPeriod[] = state.agreedLadders.length > 0 ? state.agreedLadders : [{}];
  const ladderAt = (index: number): Record<LadderLevel, LadderThreshold> =>
    index === agreed.length - 1 ? policy.ladder : { ...(policy.processLadder ?? policy.ladder), ...agreed[index].collectionsLadder };
  const starts = [...new Set([...agreed.flatMap((period) => period.from ?? []), ...(tightened ? [tightened.on] : [])])].sort();
  const periodAt = (day: IsoDate | undefined): LadderPeriod => {
    const index = lastIndexInForce(agreed, day);
    const factor = tightened && day !== undefined && tightened.on <= day ? tightened.factor : 1;
    return { ...(day !== undefined && { from: day }), ladder: ladderAt(index), factor };
  };
  return [periodAt(undefined), ...starts.map(periodAt)];
};

/** The index of the last period begun by `day` (the first, without a start, when `day` is absent). */
const lastIndexInForce = (periods: readonly { from?: IsoDate }[], day: IsoDate | undefined): number => {
  let inForce = 0;
  periods.forEach((period, index) => {
    if (period.from === undefined || (day !== undefined && period.from <= day)) inForce = index;
  });
  return inForce;
};

/** The ladder period in force on a day. */
export const ladderPeriodOn = (periods: readonly LadderPeriod[], day: IsoDate): LadderPeriod => periods[lastIndexInForce(periods, day)];

/**
 * The first day an invoice due on `dueOn` has reached a rung under the ladder in force on that day: a ladder shortened
 * later applies from the day it changed, never to the days before it.
 */
export const rungReachedOn = (
  dueOn: IsoDate,
  level: LadderLevel,
  periods: readonly LadderPeriod[],
  calendar: BusinessCalendar,
): IsoDate => {
  for (const [index, period] of periods.entries()) {
    const reached = levelReachedOn(dueOn, level, period, period.factor, calendar);
    const candidate = period.from !== undefined && period.from > reached ? period.from : reached;
    const next = periods[index + 1]?.from;
    if (next === undefined || candidate < next) return candidate;
  }
  throw new Error('No ladder period');
};

/** The day terms were tightened, in the client's time zone. */
export const tightenedOnOf = (decidedAt: string, timezone: string): IsoDate => localDateOfInstant(decidedAt, timezone);
