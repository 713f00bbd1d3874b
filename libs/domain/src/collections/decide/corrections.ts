import { type CollectionLevel, levelRank } from '../../agreement/collections-ladder';
import { type CaseStep, type ChargedInterestPeriod, type CollectionsStep } from '../../client-account/collections-state';
import { type CollectionsLevelCorrected } from '../../client-account/events';
import { feeReceivable } from '../../client-account/fee-receivables';
import { formatMinorUnits } from '../../money/money';
import { addDays, localDateOfInstant } from '../../shared/dates';
import { type IsoDate } from '../../shared/types';
import { type CorrectCollectionsLevel, type MarkPromiseKept, type WaiveCharges, type WithdrawReminder } from '../commands';
import { accruedInterest } from '../fees/interest';
import { collectionsCommandId, recomputedInterestWaiverId } from '../ids';
import { ladderLevelOn } from '../ladder';
import { ladderPeriodOn } from '../ladder-periods';
import { promiseStanding } from '../promise-standing';
import { callReachedOn, lastDayLateOf } from './charges';
import { type DecisionContext, type InvoiceView } from './context';

export type CorrectionCommand = MarkPromiseKept | CorrectCollectionsLevel | WithdrawReminder | WaiveCharges;

/**
 * Decisions that facts booked late proved wrong, corrected (SPEC 5: "a payment booked late whose `receivedOn`
 * shows a promise was kept, or a step was not due, records the correction and sets the case back"):
 * - a promise marked broken whose payments, by their `receivedOn`, reached its amount in time: `PromiseKept`
 *   superseding the `PromiseBroken`;
 * - a step of the open case that was not due on the day it was decided — no invoice was past due long enough
 *   by the payments as now dated, nor was a promise broken — is withdrawn (`CollectionsLevelCorrected`, the
 *   level set back to the highest step left) and its reminder, if still waiting to be sent, withdrawn too;
 * - the late fee and interest of an invoice that, as now dated, was settled before it reached the `call` rung
 *   (when charging starts) are waived with the reason; on any other invoice, the interest charged on
 *   principal a late-booked payment had already paid (`decideInterestOnPaidPrincipal`, after the run's charges).
 * The rest of the run decides on the corrected case. The agency step is never withdrawn (the debt is with
 * the agency; an admin recalls it).
 */
export const decideCorrections = (context: DecisionContext): CorrectionCommand[] => {
  const keptAfterAll = promisesKeptAfterAll(context);
  const withdrawn = stepsNotDue(context, new Set(keptAfterAll.map((kept) => kept.interactionId)));
  return [...keptAfterAll, ...levelCorrection(context, withdrawn), ...chargesNotDue(context)];
};

/**
 * Interest charged for days on principal that, as the payments are now dated, was already paid (a payment booked
 * after the period was charged), waived per invoice — except where all its charges were waived as not due.
 * Decided after this run's charges, so that what they add is there to be waived (a re-run then waives nothing more).
 */
export const decideInterestOnPaidPrincipal = (context: DecisionContext): WaiveCharges[] =>
  context.invoices
    .filter((invoice) => !context.state.waiverIds.has(chargesNotDueWaiverId(invoice.invoiceId)))
    .flatMap((invoice) => interestOnPaidPrincipal(context, invoice));

const chargesNotDueWaiverId = (invoiceId: string): string => `collections:charges-not-due:${invoiceId}`;

/** Broken promises whose payments, as now dated, reached the amount by the deadline. Settling the account late does not count. */
const promisesKeptAfterAll = (context: DecisionContext): MarkPromiseKept[] => {
  const { state, clientId, decidedAt, agreement } = context;
  return [...state.brokenPromises.values()].flatMap((promise): MarkPromiseKept[] => {
    const { paid } = promiseStanding(promise, context.payments, {
      today: context.today,
      timezone: agreement.timezone,
      graceDays: context.policy.promiseGraceDays,
      accountSettled: false,
    });
    if (paid < promise.amount) return [];
    const { interactionId, promisedOn, amount } = promise;
    const brokenOn = localDateOfInstant(promise.brokenAt, agreement.timezone);
    const money = (minor: bigint) => `${state.currency} ${formatMinorUnits(minor, state.currency)}`;
    const reason = `payments received by ${promisedOn} (+${context.policy.promiseGraceDays} days' grace) come to ${money(paid)}, at least the ${money(amount)} promised: booked after the promise was marked broken on ${brokenOn}`;
    return [
      {
        type: 'MarkPromiseKept',
        commandId: collectionsCommandId(clientId, 'promise-kept-after-all', interactionId),
        clientId,
        interactionId,
        promisedOn,
        amount,
        paid,
        decidedAt,
        supersedes: 'PromiseBroken',
        reason,
      },
    ];
  });
};

type WithdrawnStep = CollectionsLevelCorrected['data']['withdrawnSteps'][number] & { reason: CollectionsLevelCorrected['data']['reason'] };

/**
 * The open case's steps that were not due on their day. A step the days reached (trigger `overdue`) is judged by the
 * days past due on that day with the payments as now dated; one a broken promise owed (trigger `promise_broken`) stands
 * while any promise broken in the open case stays broken, and is judged by the days once every one proved kept.
 */
const stepsNotDue = (context: DecisionContext, keptNow: ReadonlySet<string>): WithdrawnStep[] => {
  const { state, agreement } = context;
  const stillBroken = [...state.brokenPromises.values()].some(
    (promise) => !keptNow.has(promise.interactionId) && (state.resolvedAt === undefined || promise.brokenAt > state.resolvedAt),
  );
  return state.caseSteps.flatMap((step): WithdrawnStep[] => {
    const decision = escalationOf(context, step);
    if (step.level === 'agency' || !decision) return [];
    const { trigger } = decision;
    if (trigger !== 'overdue' && !(trigger === 'promise_broken' && keptNow.size > 0 && !stillBroken)) return [];
    // Judged on the day it was decided: a payment received after that is no correction (the dispatcher withdraws a reminder not yet sent).
    const on = localDateOfInstant(decision.decidedAt, agreement.timezone);
    const byDays = levelByDatedFacts(context, on);
    if (levelRank(byDays) >= levelRank(step.level)) return [];
    const reason = trigger === 'promise_broken' ? 'promise_kept' : 'not_overdue';
    const explanation =
      reason === 'promise_kept'
        ? `owed by a broken promise that payments booked since show was kept; by the days past due on ${on} the case was at ${byDays}`
        : byDays === 'none'
          ? `on ${on} nothing was past due, by the payments as received (booked later)`
          : `on ${on} the case was at ${byDays} by the days past due, by the payments as received (booked later)`;
    return [{ level: step.level, at: step.at, explanation, reason }];
  });
};

/** The escalation that took a step of the open case (the latest of its level); none for an approved handover. */
const escalationOf = ({ state }: DecisionContext, step: CaseStep): CollectionsStep | undefined =>
  [...state.steps]
    .reverse()
    .find((taken) => taken.level === step.level && (state.resolvedAt === undefined || taken.decidedAt > state.resolvedAt));

/**
 * The ladder level on `on` by the days past due of the oldest invoice with principal outstanding at the end of that
 * day, as the payments are now dated, under the ladder in force then. Disputes are not looked at: one raised
 * later does not make an earlier step wrong.
 */
const levelByDatedFacts = (context: DecisionContext, on: IsoDate): CollectionLevel => {
  const overdue = context.invoices
    .filter((invoice) => invoice.dueOn < on && outstandingAtEndOf(invoice, on) > 0n)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const [oldest] = overdue;
  if (!oldest) return 'none';
  const inForce = ladderPeriodOn(context.ladderPeriods, on);
  return ladderLevelOn(oldest.dueOn, on, inForce, inForce.factor, context.agreement);
};

const outstandingAtEndOf = (invoice: InvoiceView, on: IsoDate): bigint =>
  invoice.principalReductions.reduce((left, change) => (change.on <= on ? left - change.amount : left), invoice.amount);

/** The level correction and the withdrawal of the withdrawn steps' reminders still waiting to be sent. */
const levelCorrection = (context: DecisionContext, withdrawn: WithdrawnStep[]): (CorrectCollectionsLevel | WithdrawReminder)[] => {
  if (withdrawn.length === 0) return [];
  const { state, clientId, decidedAt } = context;
  const gone = new Set(withdrawn.map((step) => `${step.level}@${step.at}`));
  const level = state.caseSteps
    .filter((step) => !gone.has(`${step.level}@${step.at}`))
    .reduce<CollectionLevel>((highest, step) => (levelRank(step.level) > levelRank(highest) ? step.level : highest), 'none');
  const reason = withdrawn.some((step) => step.reason === 'promise_kept') ? 'promise_kept' : 'not_overdue';
  const reminders = [...state.reminders.entries()].filter(
    ([, reminder]) => reminder.status === 'scheduled' && gone.has(`${reminder.level}@${reminder.sendAt}`),
  );
  return [
    {
      type: 'CorrectCollectionsLevel',
      commandId: collectionsCommandId(clientId, 'correct-level', ...withdrawn.map((step) => `${step.level}@${step.at}`)),
      clientId,
      previousLevel: state.level,
      level,
      reason,
      withdrawnSteps: withdrawn.map(({ level: stepLevel, at, explanation }) => ({ level: stepLevel, at, explanation })),
      decidedAt,
    },
    ...reminders.map(([reminderId]): WithdrawReminder => ({
      type: 'WithdrawReminder',
      commandId: collectionsCommandId(clientId, 'withdraw-reminder', reminderId),
      clientId,
      reminderId,
      withdrawnAt: decidedAt,
    })),
  ];
};

/**
 * Fees and interest outstanding on an invoice that, as now dated, was settled before it reached the `call` rung and
 * before they were charged: a payment booked after the charge. (Settled after the charge, they stay: SPEC 5.)
 */
const chargesNotDue = (context: DecisionContext): WaiveCharges[] =>
  context.invoices.flatMap((invoice): WaiveCharges[] => {
    const charges = context.state.charges.get(invoice.invoiceId);
    const { lateFee, interest } = feeReceivable(charges);
    if (lateFee.outstanding <= 0n && interest.outstanding <= 0n) return [];
    // Charged no earlier than this day: the fee's day, or the end of the first interest period charged.
    const chargedBy = charges?.lateFee?.chargedOn ?? charges?.interest[0]?.periodTo;
    const lastDayLate = lastDayLateOf(invoice, context.today);
    const callOn = callReachedOn(context, invoice);
    if (lastDayLate !== undefined && (lastDayLate >= callOn || chargedBy === undefined || lastDayLate >= chargedBy)) return [];
    const settled = lastDayLate === undefined ? `by its due date ${invoice.dueOn}` : `on ${lastDayLate}`;
    return [
      {
        type: 'WaiveCharges',
        commandId: collectionsCommandId(context.clientId, 'waive-charges-not-due', invoice.invoiceId),
        clientId: context.clientId,
        invoiceId: invoice.invoiceId,
        waiverId: chargesNotDueWaiverId(invoice.invoiceId),
        lateFee: lateFee.outstanding,
        interest: interest.outstanding,
        reason: `charged on an invoice settled ${settled}, before the call step of ${callOn}, by a payment booked later`,
        waivedAt: context.decidedAt,
      },
    ];
  });

/**
 * Whether the principal, as now known, may differ from what some period was charged on: a change inside a period (known
 * when it was charged, it would have cut the period there), or a base that is no longer the principal on the period's
 * first day. Under annual compounding the base holds capitalised interest too and cannot be compared, so any change on
 * or before a period's first day counts (one booked later, dated before the period, changed its base unseen).
 * A cheap test that spares the recomputation on every run for every invoice.
 */
const principalChangedSinceCharged = (invoice: InvoiceView, charged: readonly ChargedInterestPeriod[]): boolean => {
  const principalOn = (day: IsoDate) =>
    invoice.principalReductions.reduce((principal, change) => (change.on <= day ? principal - change.amount : principal), invoice.amount);
  return charged.some(
    (period) =>
      invoice.principalReductions.some((change) => period.periodFrom < change.on && change.on <= period.periodTo) ||
      (period.compounding === 'simple'
        ? principalOn(period.periodFrom) !== period.principal
        : invoice.principalReductions.some((change) => change.on <= period.periodFrom)),
  );
};

/**
 * The charged periods recomputed with the principal as now known, by the same accrual (`accruedInterest`, rounded on
 * the running total, so a span recomputed is exact to the minor unit); what was charged beyond that, less what was
 * waived for this before, is waived. Never the other way: interest is never charged retroactively.
 */
const interestOnPaidPrincipal = (context: DecisionContext, invoice: InvoiceView): WaiveCharges[] => {
  const charged = context.state.charges.get(invoice.invoiceId)?.interest ?? [];
  if (charged.length === 0 || !principalChangedSinceCharged(invoice, charged)) return [];
  const through = charged.reduce((last, period) => (period.periodTo > last ? period.periodTo : last), charged[0].periodTo);
  const recomputed = accruedInterest({
    dueOn: invoice.dueOn,
    amount: invoice.amount,
    principalReductions: invoice.principalReductions,
    policies: context.state.lateFeePolicies,
    through,
    periodStarts: charged.flatMap((period) => [period.periodFrom, addDays(period.periodTo, 1)]),
  });
  const within = (day: IsoDate) => charged.some((period) => period.periodFrom <= day && day <= period.periodTo);
  const due = recomputed.filter((period) => within(period.periodFrom)).reduce((total, period) => total + period.amount, 0n);
  const chargedTotal = charged.reduce((total, period) => total + period.amount, 0n);
  const waivedBefore = context.state.recomputedInterestWaived.get(invoice.invoiceId) ?? 0n;
  const excess = chargedTotal - due - waivedBefore;
  if (excess <= 0n) return [];
  const { currency } = context.state;
  return [
    {
      type: 'WaiveCharges',
      commandId: collectionsCommandId(context.clientId, 'waive-interest-recomputed', invoice.invoiceId, String(waivedBefore)),
      clientId: context.clientId,
      invoiceId: invoice.invoiceId,
      waiverId: recomputedInterestWaiverId(invoice.invoiceId, waivedBefore),
      lateFee: 0n,
      interest: excess,
      reason: `interest charged through ${through} on principal already paid, by payments booked later: ${currency} ${formatMinorUnits(chargedTotal, currency)} charged, ${currency} ${formatMinorUnits(due, currency)} due on the principal as paid`,
      waivedAt: context.decidedAt,
    },
  ];
};
