import { businessDaysBetween } from '../../agreement/calendar';
import { addDays, daysBetween } from '../../shared/dates';
import { instantOf } from '../../client-account/decisions/command-input';
import { type EscalationTrigger } from '../../client-account/events';
import { minorString } from '../../money/money';
import { nextContactWindow } from '../business-hours';
import { type EscalateCollections, type HandToAgency, type PlaceCreditHold, type ScheduleReminder } from '../commands';
import { lateFeePolicyInForce } from '../fees/policy-in-force';
import { collectionsCommandId, reminderIdFor } from '../ids';
import { ladderLevelOn } from '../ladder';
import { type LadderLevel, higherLevel, levelRank, nextLevel } from '../../agreement/collections-ladder';
import { CLIENT_MESSAGE_LEVELS, type ClientMessageLevel, reminderMessage } from '../reminder-message';
import { type DecisionContext, type InvoiceView, sumOutstanding } from './context';

export type EscalationCommand = EscalateCollections | ScheduleReminder | PlaceCreditHold | HandToAgency;

export interface EscalationDecision {
  commands: EscalationCommand[];
  /** The level the case is at after this run. */
  level: DecisionContext['state']['level'];
}

const isClientMessageLevel = (level: LadderLevel): level is ClientMessageLevel =>
  (CLIENT_MESSAGE_LEVELS as readonly LadderLevel[]).includes(level);

/**
 * The ladder (SPEC 5): the level reached by the days past due of the oldest undisputed overdue
 * invoice, or one level up after a broken promise, whichever is higher. A level is taken once per
 * case; skipped levels are not replayed, but what they put in place (credit hold) is.
 */
export const decideEscalation = (context: DecisionContext, promiseBrokenNow: boolean): EscalationDecision => {
  const { state } = context;
  const [oldest] = context.overdue;
  const unchanged = { commands: [], level: state.level };
  if (!oldest) return unchanged;
  const byDays = ladderLevelOn(oldest.dueOn, context.today, context.policy, context.ladderFactor, context.agreement);
  const owed = state.promiseBrokenStepOwed || promiseBrokenNow ? nextLevel(state.level) : 'none';
  const target = higherLevel<LadderLevel | 'none'>(byDays, owed);
  if (target === 'none' || levelRank(target) <= levelRank(state.level)) return unchanged;
  const trigger: EscalationTrigger = levelRank(owed) > levelRank(byDays) ? 'promise_broken' : 'overdue';
  return {
    level: target,
    commands: [
      escalate(context, oldest, target, trigger, byDays),
      ...(isClientMessageLevel(target) ? [scheduleReminder(context, oldest, target)] : []),
      ...(levelRank(target) >= levelRank('credit_hold') && !state.creditHold ? [placeHold(context, oldest, target, trigger)] : []),
      ...(target === 'agency' && !state.handedToAgency ? [handToAgency(context)] : []),
    ],
  };
};

const escalate = (
  context: DecisionContext,
  oldest: InvoiceView,
  level: LadderLevel,
  trigger: EscalationTrigger,
  byDays: LadderLevel | 'none',
): EscalateCollections => {
  const { clientId, today, policy, ladderFactor } = context;
  const threshold = policy.ladder[level];
  return {
    type: 'EscalateCollections',
    commandId: collectionsCommandId(clientId, 'escalate', level, today),
    clientId,
    level,
    trigger,
    invoiceId: oldest.invoiceId,
    figures: {
      previousLevel: context.state.level,
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
    },
    decidedAt: context.decidedAt,
  };
};

const scheduleReminder = (context: DecisionContext, oldest: InvoiceView, level: ClientMessageLevel): ScheduleReminder => {
  const { clientId, agreement, today } = context;
  const { contact } = agreement;
  const reminderId = reminderIdFor(clientId, level, oldest.invoiceId, today);
  return {
    type: 'ScheduleReminder',
    commandId: collectionsCommandId(clientId, 'schedule-reminder', reminderId),
    clientId,
    reminderId,
    level,
    channel: contact.preferredChannel,
    to: { name: contact.name, email: contact.email, ...(contact.phone !== undefined && { phone: contact.phone }) },
    invoiceIds: context.overdue.map((invoice) => invoice.invoiceId),
    sendAt: instantOf(nextContactWindow(context.now, agreement)),
    message: reminderMessage(level, {
      recipient: contact.name,
      currency: context.state.currency,
      invoices: context.overdue,
      lateFeePolicy: lateFeePolicyInForce(context.state.lateFeePolicies, today),
      suspensionOn: addDays(today, context.policy.finalNoticeSuspensionDays),
    }),
  };
};

const placeHold = (context: DecisionContext, oldest: InvoiceView, level: LadderLevel, trigger: EscalationTrigger): PlaceCreditHold => ({
  type: 'PlaceCreditHold',
  commandId: collectionsCommandId(context.clientId, 'place-credit-hold', context.today),
  clientId: context.clientId,
  trigger,
  reason: `${level} reached: invoice ${oldest.invoiceId} is ${daysBetween(oldest.dueOn, context.today)} days past due; no new work, new invoices need prepayment`,
  placedAt: context.decidedAt,
});

/** What the agency collects: the overdue principal plus the fees and interest charged on it. */
const handToAgency = (context: DecisionContext): HandToAgency => {
  const charged = context.overdue.reduce((total, invoice) => {
    const charges = context.state.charges.get(invoice.invoiceId);
    return total + (charges?.lateFee?.amount ?? 0n) + (charges?.interest ?? []).reduce((sum, period) => sum + period.amount, 0n);
  }, 0n);
  return {
    type: 'HandToAgency',
    commandId: collectionsCommandId(context.clientId, 'hand-to-agency', context.today),
    clientId: context.clientId,
    invoiceIds: context.overdue.map((invoice) => invoice.invoiceId),
    amount: sumOutstanding(context.overdue) + charged,
    decidedAt: context.decidedAt,
  };
};
