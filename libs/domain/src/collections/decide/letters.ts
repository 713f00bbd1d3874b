import { type OpenPromise } from '../../client-account/collections-state';
import { instantOf } from '../../client-account/decisions/command-input';
import { daysBetween, localDate, localDateOfInstant } from '../../shared/dates';
import { type IsoDate } from '../../shared/types';
import { nextContactWindow } from '../business-hours';
import { type CollectionsCommand, type ScheduleReminder } from '../commands';
import { collectionsCommandId, reminderIdFor } from '../ids';
import { letterContent, promiseConfirmationContent } from '../letter';
import { agencyNoticeMessage, promiseConfirmationMessage } from '../reminder-message';
import { type ChargeCommand } from './charges';
import { type DecisionContext } from './context';

/**
 * The letters the process owes besides the ladder's reminders (SPEC 9), scheduled through the same
 * outbox as `ReminderScheduled` with their figures fixed now: the notice of a hand-over to an agency —
 * decided in this run, or approved by an admin since the last one — and the confirmation of each
 * promise to pay still running. Each has an id fixed by what it is about, so it is scheduled once.
 * They are facts told to the client, not steps: a pause does not hold them back.
 */
export const decideLetters = (
  context: DecisionContext,
  decidedNow: readonly CollectionsCommand[],
  chargedNow: readonly ChargeCommand[],
): ScheduleReminder[] => {
  if (context.overdue.length === 0) return [];
  const outcomeNow = new Set(
    decidedNow.flatMap((command) =>
      command.type === 'MarkPromiseKept' || command.type === 'MarkPromiseBroken' ? [command.interactionId] : [],
    ),
  );
  const confirmations = [...context.state.openPromises.values()]
    .filter((promise) => promise.promisedOn >= context.today && !outcomeNow.has(promise.interactionId))
    .map((promise) => promiseConfirmation(context, promise));
  return [...agencyNotice(context, decidedNow, chargedNow), ...confirmations].filter(
    (letter) => !context.state.reminders.has(letter.reminderId),
  );
};

/**
 * The hand-over decided in this run, or one an admin approved lately: within the minimum spacing of
 * two steps, so a hand-over recorded before these notices existed is not announced long after.
 */
const agencyNotice = (
  context: DecisionContext,
  decidedNow: readonly CollectionsCommand[],
  chargedNow: readonly ChargeCommand[],
): ScheduleReminder[] => {
  const handedNow = decidedNow.find((command) => command.type === 'HandToAgency');
  const handover = handedNow ?? context.state.handedToAgency;
  if (!handover) return [];
  const { timezone } = context.agreement;
  const handedOn = localDateOfInstant(handover.decidedAt, timezone);
  if (daysBetween(handedOn, context.today) > context.policy.minimumStepSpacingDays) return [];
  return [
    scheduleLetter(
      context,
      'agency',
      handover.invoiceIds[0],
      localDateOfInstant(handover.decidedAt, context.agreement.timezone),
      (sentOn) => ({
        message: agencyNoticeMessage({
          recipient: context.agreement.contact.name,
          currency: context.state.currency,
          invoices: context.overdue,
        }),
        letter: letterContent(context, 'agency', { sentOn, chargedNow }),
      }),
    ),
  ];
};

const promiseConfirmation = (context: DecisionContext, promise: OpenPromise): ScheduleReminder =>
  scheduleLetter(
    context,
    'promise_confirmation',
    promise.interactionId,
    localDateOfInstant(promise.madeAt, context.agreement.timezone),
    (sentOn) => ({
      message: promiseConfirmationMessage({
        recipient: context.agreement.contact.name,
        currency: context.state.currency,
        amount: promise.amount,
        promisedOn: promise.promisedOn,
      }),
      letter: promiseConfirmationContent(context, promise, sentOn),
    }),
  );

/**
 * The letter to the agreed contact about the overdue invoices, going out in the client's next contact
 * window; its id names what it is about and the day that happened, and `compose` writes it for the
 * day it reaches the client. Every letter the process schedules — the ladder's reminders included — is made here.
 */
export const scheduleLetter = (
  context: DecisionContext,
  level: ScheduleReminder['level'],
  subject: string,
  happenedOn: IsoDate,
  compose: (sentOn: IsoDate) => Pick<ScheduleReminder, 'message' | 'letter' | 'paymentDeadline'>,
): ScheduleReminder => {
  const { agreement, clientId } = context;
  const { contact } = agreement;
  const sendAt = nextContactWindow(context.now, agreement);
  const reminderId = reminderIdFor(clientId, level, subject, happenedOn);
  return {
    type: 'ScheduleReminder',
    commandId: collectionsCommandId(clientId, 'schedule-reminder', reminderId),
    clientId,
    reminderId,
    level,
    channel: contact.preferredChannel,
    to: { name: contact.name, email: contact.email, ...(contact.phone !== undefined && { phone: contact.phone }) },
    invoiceIds: context.overdue.map((invoice) => invoice.invoiceId),
    sendAt: instantOf(sendAt),
    ...compose(localDate(sendAt, agreement.timezone)),
  };
};
