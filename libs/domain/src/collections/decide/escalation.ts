import { addBusinessDays, businessDaysBetween } from '../../agreement/calendar';
import { addDays, daysBetween } from '../../shared/dates';
import { type EscalationTrigger } from '../../client-account/events';
import { agencyClaim } from '../../client-account/collections-state';
import { minorString } from '../../money/money';
import {
  type EscalateCollections,
  type EscalationFigures,
  type HandToAgency,
  type PlaceCreditHold,
  type ProposeAgencyHandover,
  type ScheduleReminder,
} from '../commands';
import { lateFeePolicyInForce, lateFeeTermsOn } from '../fees/policy-in-force';
import { collectionsCommandId } from '../ids';
import { ladderLevelOn } from '../ladder';
import {
  type CollectionLevel,
  higherLevel,
  isClientFacing,
  LADDER_LEVELS,
  type LadderLevel,
  levelRank,
} from '../../agreement/collections-ladder';
import { type ClientMessageLevel, reminderMessage } from '../reminder-message';
import { type ClientStepTurn, clientStepsTaken, nextClientStep, paymentDeadlineFor } from '../step-order';
import { letterContent } from '../letter';
import { type ChargeCommand } from './charges';
import { type DecisionContext, type InvoiceView, sumOutstanding } from './context';
import { scheduleLetter } from './letters';

export type EscalationCommand = EscalateCollections | ScheduleReminder | PlaceCreditHold | ProposeAgencyHandover | HandToAgency;

export interface EscalationDecision {
  commands: EscalationCommand[];
  /** The level the case is at after this run. */
  level: CollectionLevel;
}

/** The rungs that act on our side only: taken at once when the days reach them. */
const INTERNAL_LEVELS = LADDER_LEVELS.filter((level) => !isClientFacing(level));

/**
 * The ladder (SPEC 5), for the oldest undisputed overdue invoice. Internal rungs (`call`,
 * `credit_hold`) are taken at once when its days past due reach them. Client-facing ones come in
 * order and with time to act (`step-order.ts`): the next one not yet taken, once the days reach it —
 * or at once after a broken promise, which owes it — and once the order allows it. So a case found
 * late starts with the first client-facing step and climbs one per spacing. Rungs are taken in rank
 * order; a credit hold comes with the first rung at or above `credit_hold`. The agency step is
 * proposed to an admin when the agreement wants an approval, else handed over at once.
 */
export const decideEscalation = (
  context: DecisionContext,
  promiseBrokenNow: boolean,
  chargedNow: readonly ChargeCommand[],
): EscalationDecision => {
  const { state } = context;
  const [oldest] = context.overdue;
  if (!oldest) return { commands: [], level: state.level };
  const byDays = ladderLevelOn(oldest.dueOn, context.today, context.policy, context.ladderFactor, context.agreement);
  const owed = state.promiseBrokenStepOwed || promiseBrokenNow;
  const internal = INTERNAL_LEVELS.filter((level) => levelRank(level) <= levelRank(byDays) && levelRank(level) > levelRank(state.level));
  const turn = clientStepDue(context, oldest, byDays, owed);
  const rungs = [...internal, ...(turn ? [turn.level] : [])].sort((a, b) => levelRank(a) - levelRank(b));

  let level = state.level;
  let holdPlaced = Boolean(state.creditHold);
  const commands = rungs.flatMap((rung): EscalationCommand[] => {
    const trigger: EscalationTrigger = owed && levelRank(byDays) < levelRank(rung) ? 'promise_broken' : 'overdue';
    const figures = escalationFigures(context, oldest, rung, level, byDays, trigger, turn);
    const proposed = rung === 'agency' && context.policy.agencyRequiresApproval;
    const stepCommands = proposed
      ? [proposeHandover(context, figures, turn!, chargedNow)]
      : rungCommands(context, oldest, rung, trigger, figures, chargedNow);
    if (proposed) return stepCommands;
    level = higherLevel(level, rung);
    const needsHold = !holdPlaced && levelRank(rung) >= levelRank('credit_hold');
    holdPlaced ||= needsHold;
    return needsHold ? [...stepCommands, placeHold(context, oldest, rung, trigger)] : stepCommands;
  });
  return { commands, level };
};

/**
 * The next client-facing step, when it is due today: reached by the days or owed by a broken promise, allowed by the
 * order, and no sooner than `bookingLagBusinessDays` after the due date — a bank payment made in time is booked first.
 */
const clientStepDue = (
  context: DecisionContext,
  oldest: InvoiceView,
  byDays: CollectionLevel,
  owed: boolean,
): ClientStepTurn | undefined => {
  if (context.today < addBusinessDays(oldest.dueOn, context.policy.bookingLagBusinessDays, context.agreement)) return undefined;
  const turn = nextClientStep(context.state, context.policy, context.agreement.timezone);
  if (!turn || (turn.from !== undefined && turn.from > context.today)) return undefined;
  return levelRank(byDays) >= levelRank(turn.level) || owed ? turn : undefined;
};

const rungCommands = (
  context: DecisionContext,
  oldest: InvoiceView,
  rung: LadderLevel,
  trigger: EscalationTrigger,
  figures: EscalationFigures,
  chargedNow: readonly ChargeCommand[],
): EscalationCommand[] => {
  const escalation = escalate(context, oldest, rung, trigger, figures);
  switch (rung) {
    case 'reminder':
    case 'firm_reminder':
    case 'final_notice':
      return [escalation, scheduleReminder(context, oldest, rung, chargedNow)];
    case 'agency':
      return [escalation, handToAgency(context, chargedNow)];
    case 'call':
    case 'credit_hold':
      return [escalation];
    default: {
      const unknown: never = rung;
      throw new Error(`Unknown rung ${String(unknown)}`);
    }
  }
};

const escalationFigures = (
  context: DecisionContext,
  oldest: InvoiceView,
  level: LadderLevel,
  previousLevel: CollectionLevel,
  byDays: CollectionLevel,
  trigger: EscalationTrigger,
  turn: ClientStepTurn | undefined,
): EscalationFigures => {
  const { today, policy, ladderFactor } = context;
  const threshold = policy.ladder[level];
  const previousClientStep = isClientFacing(level) ? turn?.previous : undefined;
  return {
    previousLevel,
    levelByDaysPastDue: byDays,
    dueOn: oldest.dueOn,
    daysPastDue: daysBetween(oldest.dueOn, today),
    businessDaysPastDue: businessDaysBetween(oldest.dueOn, today, context.agreement),
    thresholdDays: threshold.days,
    thresholdUnit: threshold.unit,
    ladderFactor,
    overdueInvoices: context.overdue.length,
    overdueAmount: minorString(sumOutstanding(context.overdue)),
    promiseBroken: trigger === 'promise_broken',
    ...(isClientFacing(level) && {
      previousClientStep: previousClientStep?.level ?? null,
      previousClientStepOn: previousClientStep?.on ?? null,
      minimumStepSpacingDays: policy.minimumStepSpacingDays,
    }),
  };
};

const escalate = (
  context: DecisionContext,
  oldest: InvoiceView,
  level: LadderLevel,
  trigger: EscalationTrigger,
  figures: EscalationFigures,
): EscalateCollections => ({
  type: 'EscalateCollections',
  commandId: collectionsCommandId(context.clientId, 'escalate', level, context.today),
  clientId: context.clientId,
  level,
  trigger,
  invoiceId: oldest.invoiceId,
  figures,
  decidedAt: context.decidedAt,
});

const scheduleReminder = (
  context: DecisionContext,
  oldest: InvoiceView,
  level: ClientMessageLevel,
  chargedNow: readonly ChargeCommand[],
): ScheduleReminder =>
  scheduleLetter(context, level, oldest.invoiceId, context.today, (sentOn) => {
    const { agreement, today } = context;
    const paymentDeadline = level === 'final_notice' ? paymentDeadlineFor(sentOn, context.policy) : undefined;
    return {
      message: reminderMessage(level, {
        recipient: agreement.contact.name,
        currency: context.state.currency,
        invoices: context.overdue,
        // A preset's figures written in, as on the letter: the law's fixed sum and the half year's rate.
        lateFeePolicy: lateFeeTermsOn(
          lateFeePolicyInForce(context.state.lateFeePolicies, today),
          today,
          context.overdue.map((invoice) => invoice.amount),
        ),
        suspensionOn: addDays(today, context.policy.finalNoticeSuspensionDays),
        ...(paymentDeadline !== undefined && { paymentDeadline }),
        sentBefore: clientStepsTaken(context.state, agreement.timezone).filter(
          (step): step is { level: ClientMessageLevel; on: string } => step.level !== 'agency',
        ),
      }),
      ...(paymentDeadline !== undefined && { paymentDeadline }),
      letter: letterContent(context, level, { sentOn, chargedNow }),
    };
  });

const placeHold = (context: DecisionContext, oldest: InvoiceView, level: LadderLevel, trigger: EscalationTrigger): PlaceCreditHold => ({
  type: 'PlaceCreditHold',
  commandId: collectionsCommandId(context.clientId, 'place-credit-hold', context.today),
  clientId: context.clientId,
  trigger,
  reason: `${level} reached: invoice ${oldest.invoiceId} is ${daysBetween(oldest.dueOn, context.today)} days past due; no new work, new invoices need prepayment`,
  placedAt: context.decidedAt,
});

/** The agency step awaiting an admin: what would be handed over, and the final notice's deadline that passed unpaid. */
const proposeHandover = (
  context: DecisionContext,
  figures: EscalationFigures,
  turn: ClientStepTurn,
  chargedNow: readonly ChargeCommand[],
): ProposeAgencyHandover => ({
  type: 'ProposeAgencyHandover',
  commandId: collectionsCommandId(context.clientId, 'propose-agency-handover', context.today),
  clientId: context.clientId,
  invoiceIds: context.overdue.map((invoice) => invoice.invoiceId),
  amount: claimAtHandover(context, chargedNow),
  // The agency always follows the final notice, whose deadline the turn carries.
  paymentDeadline: turn.paymentDeadline!,
  figures,
  proposedAt: context.decidedAt,
});

/** What the agency collects: the overdue principal plus the fees and interest charged on it. */
const handToAgency = (context: DecisionContext, chargedNow: readonly ChargeCommand[]): HandToAgency => ({
  type: 'HandToAgency',
  commandId: collectionsCommandId(context.clientId, 'hand-to-agency', context.today),
  clientId: context.clientId,
  invoiceIds: context.overdue.map((invoice) => invoice.invoiceId),
  amount: claimAtHandover(context, chargedNow),
  decidedAt: context.decidedAt,
});

/** The overdue principal with its outstanding fees and interest, those charged in this very run included. */
const claimAtHandover = (context: DecisionContext, chargedNow: readonly ChargeCommand[]): bigint => {
  const handedOver = new Set(context.overdue.map((invoice) => invoice.invoiceId));
  const chargedInRun = chargedNow.filter((charge) => handedOver.has(charge.invoiceId)).reduce((total, charge) => total + charge.amount, 0n);
  return agencyClaim(context.overdue, context.state.charges) + chargedInRun;
};
