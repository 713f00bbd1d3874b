import { CLIENT_FACING_LEVELS, type ClientFacingLevel, isClientFacing, type LadderLevel, levelRank } from '../agreement/collections-ladder';
import { type CaseStep, type CollectionsState } from '../client-account/collections-state';
import { addDays, localDateOfInstant } from '../shared/dates';
import { type IsoDate } from '../shared/types';
import { type CollectionsPolicy } from './policy';

/**
 * The order of the steps that reach the client (SPEC 5): reminder → firm_reminder → final_notice →
 * agency. None is taken before every earlier one was taken in the open case, each comes at least
 * `minimumStepSpacingDays` after the one before reached the client, and the agency only once the final
 * notice's payment deadline has passed. A case found late therefore starts at the first step not yet
 * taken and climbs one step per spacing; `call` and `credit_hold` act on our side and come at once.
 */

export interface ClientStepTurn {
  level: ClientFacingLevel;
  /** The first client-local day the order allows it; absent for the first step, which waits for nothing. */
  from?: IsoDate;
  /** The client-facing step before it, when one was taken. */
  previous?: { level: ClientFacingLevel; on: IsoDate };
  /** Agency: the final notice's payment deadline, which must have passed. */
  paymentDeadline?: IsoDate;
}

type StepState = Pick<CollectionsState, 'caseSteps' | 'handedToAgency' | 'agencyHandover'>;
type StepPolicy = Pick<CollectionsPolicy, 'minimumStepSpacingDays' | 'finalNoticeDays'>;

/** The client-facing steps taken in the open case, in order, each with the client-local day it reached the client. */
export const clientStepsTaken = (
  state: Pick<CollectionsState, 'caseSteps'>,
  timezone: string,
): { level: ClientFacingLevel; on: IsoDate }[] =>
  state.caseSteps
    .filter((step): step is CaseStep & { level: ClientFacingLevel } => isClientFacing(step.level))
    .map((step) => ({ level: step.level, on: localDateOfInstant(step.at, timezone) }));

/** Whether a rung was taken in the open case; a client-facing one also counts as taken once a later one was (nothing goes back down). */
export const rungTaken = (state: Pick<CollectionsState, 'caseSteps' | 'level'>, level: LadderLevel): boolean =>
  isClientFacing(level)
    ? state.caseSteps.some((step) => isClientFacing(step.level) && levelRank(step.level) >= levelRank(level))
    : levelRank(level) <= levelRank(state.level);

/** The final notice's last day to pay, counted from the day it reaches the client. */
export const paymentDeadlineFor = (sentOn: IsoDate, policy: Pick<CollectionsPolicy, 'finalNoticeDays'>): IsoDate =>
  addDays(sentOn, policy.finalNoticeDays);

/**
 * The next client-facing step of the open case and the first day the order allows it; none at the end
 * of the ladder, nor while a proposed handover waits for an admin or after one refused it.
 */
export const nextClientStep = (state: StepState, policy: StepPolicy, timezone: string): ClientStepTurn | undefined => {
  const taken = clientStepsTaken(state, timezone);
  const previous = taken.at(-1);
  const level = CLIENT_FACING_LEVELS[previous ? CLIENT_FACING_LEVELS.indexOf(previous.level) + 1 : 0];
  if (level === undefined) return undefined;
  if (level === 'agency' && (state.handedToAgency || state.agencyHandover)) return undefined;
  if (!previous) return { level };
  const spaced = addDays(previous.on, policy.minimumStepSpacingDays);
  if (level !== 'agency') return { level, from: spaced, previous };
  const paymentDeadline = finalNoticeDeadline(state, previous.on, policy);
  return { level, from: later(spaced, addDays(paymentDeadline, 1)), previous, paymentDeadline };
};

/** The deadline the final notice stated (one recorded before deadlines were stated gets the agreed days from its sending). */
const finalNoticeDeadline = (state: StepState, sentOn: IsoDate, policy: StepPolicy): IsoDate =>
  state.caseSteps.find((step) => step.level === 'final_notice')?.paymentDeadline ?? paymentDeadlineFor(sentOn, policy);

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
