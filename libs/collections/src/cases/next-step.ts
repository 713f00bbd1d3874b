import { DateTime } from 'luxon';
import {
  addDays,
  CLIENT_MESSAGE_LEVELS,
  type CollectionsPolicy,
  type InvoiceFacts,
  isClientFacing,
  type IsoDate,
  type IsoInstant,
  LADDER_LEVELS,
  type LadderLevel,
  levelRank,
  levelReachedOn,
  localDate,
  nextClientStep,
  nextContactWindow,
  pauseInForce,
  toMinor,
} from '@settle/domain';
import { type CollectionsSubject } from '../collections-subject';

export interface NextStep {
  level: LadderLevel;
  /** The invoice whose days past due reach the step. */
  invoiceId: string;
  /** The client-local date from which the cycle takes it. */
  on: IsoDate;
  /** When it takes effect: a message to the client goes out at the next contact window from then. */
  at: IsoInstant;
  /** What holds it back until `on`, when something does; `approval`: a proposed handover waits for an admin. */
  waitingFor?: 'pause' | 'promise' | 'approval';
}

/**
 * The ladder's next rung for a client and when the cycle will take it (SPEC 7: "next step and
 * when"), for the oldest undisputed overdue invoice (or, with nothing overdue yet, the next one to
 * fall due): the sooner of the next internal rung, reached by the days, and the next client-facing
 * step, reached by the days (at once after a broken promise) and allowed by the step order (spacing,
 * the final notice's deadline). Held back by a manual pause or an open promise. With terms tightened
 * the thresholds are scaled, as the process does. A proposed handover waits for an admin; none at
 * the top of the ladder.
 */
export const nextStep = (subject: CollectionsSubject, now: DateTime, policy: CollectionsPolicy): NextStep | null => {
  const { collections: state, facts } = subject;
  const agreement = state.agreement;
  if (!agreement || state.level === 'agency') return null;
  const today = localDate(now, agreement.timezone);
  const invoice = firstToChase(facts.invoices);
  if (!invoice) return null;
  if (state.agencyHandover?.status === 'proposed') {
    return { level: 'agency', invoiceId: invoice.invoiceId, on: today, at: now.toUTC().toISO()!, waitingFor: 'approval' };
  }
  const ladderFactor = state.tightenedTerms?.ladderFactor ?? 1;
  const reachedOn = (level: LadderLevel) => levelReachedOn(invoice.dueOn, level, policy, ladderFactor, agreement);
  const internal = LADDER_LEVELS.find((level) => !isClientFacing(level) && levelRank(level) > levelRank(state.level));
  const turn = nextClientStep(state, policy, agreement.timezone);
  const candidates = [
    ...(internal ? [{ level: internal, reached: reachedOn(internal) }] : []),
    ...(turn ? [{ level: turn.level, reached: latest([state.promiseBrokenStepOwed ? today : reachedOn(turn.level), turn.from]) }] : []),
  ].sort((a, b) => a.reached.localeCompare(b.reached) || levelRank(a.level) - levelRank(b.level));
  const [next] = candidates;
  if (!next) return null;
  const pause = pauseInForce(state.pause, today);
  // Each hold lets go the day after its last day: a pause's `until`, a promise's deadline (then it is kept or broken).
  const holds = [
    ...(pause ? [{ until: addDays(pause.until, 1), waitingFor: 'pause' as const }] : []),
    ...[...state.openPromises.values()].map((promise) => ({
      until: addDays(promise.promisedOn, policy.promiseGraceDays + 1),
      waitingFor: 'promise' as const,
    })),
  ].filter((hold) => hold.until > next.reached && hold.until > today);
  const latestHold = holds.sort((a, b) => b.until.localeCompare(a.until))[0];
  const on = latest([next.reached, today, latestHold?.until]);
  const dayStarts = DateTime.fromISO(on, { zone: agreement.timezone });
  const from = dayStarts > now ? dayStarts : now;
  const messagesClient = (CLIENT_MESSAGE_LEVELS as readonly LadderLevel[]).includes(next.level);
  return {
    level: next.level,
    invoiceId: invoice.invoiceId,
    on,
    at: (messagesClient ? nextContactWindow(from, agreement) : from).toUTC().toISO()!,
    ...(latestHold && { waitingFor: latestHold.waitingFor }),
  };
};

const latest = (days: readonly (IsoDate | undefined)[]): IsoDate =>
  days
    .filter((day): day is IsoDate => day !== undefined)
    .sort()
    .reverse()[0];

/** The oldest-due undisputed invoice with principal outstanding: the one the ladder follows. */
const firstToChase = (invoices: readonly InvoiceFacts[]): InvoiceFacts | undefined =>
  invoices
    .filter((invoice) => toMinor(invoice.outstanding) > 0n && !invoice.disputed)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.invoiceId.localeCompare(b.invoiceId))[0];
