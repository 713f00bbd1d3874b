import { DateTime } from 'luxon';
import { assertIsoDate, localDate } from '../../shared/dates';
import { requiredText } from '../../agreement/input-checks';
import { minorString } from '../../money/money';
import { conflict, invalid, ruleBroken } from '../../shared/errors';
import { type IsoInstant } from '../../shared/types';
import { type LogInteraction } from '../commands';
import {
  type ClientAccountEvent,
  type CreditNoteIssued,
  type DisputeRaised,
  type DisputeResolved,
  type InteractionLogged,
  type PromiseToPayMade,
} from '../events';
import { type RegisteredAccount } from '../state';
import { existingInvoice, happenedAt, positiveAmount } from './command-input';
import { creditNote } from './issue-credit-note';

type Interaction = LogInteraction['data'];

/**
 * Every interaction is logged; promises and disputes also become their own facts, because the
 * collections process and the views act on them.
 */
export const logInteraction = ({ data }: LogInteraction, account: RegisteredAccount, now: DateTime): ClientAccountEvent[] => {
  if (account.interactionIds.has(data.interactionId))
    throw conflict('interaction_exists', `Interaction ${data.interactionId} already exists`);
  const occurredAt = happenedAt(data.occurredAt, 'occurredAt', account, now);
  return [logged(account, data, occurredAt), ...consequences(account, data, occurredAt)];
};

const logged = (account: RegisteredAccount, data: Interaction, occurredAt: IsoInstant): InteractionLogged => ({
  type: 'InteractionLogged',
  data: {
    clientId: account.clientId,
    interactionId: data.interactionId,
    kind: data.kind,
    occurredAt,
    ...(data.channel !== undefined && { channel: data.channel }),
    ...(data.summary !== undefined && { summary: data.summary }),
    ...(data.contact !== undefined && { contact: data.contact }),
    ...(data.kind === 'outbound_contact' && { expectsResponse: data.expectsResponse ?? true }),
    ...(data.kind === 'client_response' && data.respondsTo !== undefined && { respondsTo: data.respondsTo }),
    ...(data.kind === 'decision_maker_changed' && data.newContact !== undefined && { newContact: data.newContact }),
  },
});

const consequences = (account: RegisteredAccount, data: Interaction, occurredAt: IsoInstant): ClientAccountEvent[] => {
  switch (data.kind) {
    case 'promise_to_pay':
      return [promiseToPay(account, data, occurredAt)];
    case 'dispute_raised':
      return [disputeRaised(account, data, occurredAt)];
    case 'dispute_resolved':
      return disputeResolved(account, data, occurredAt);
    case 'outbound_contact':
    case 'client_response':
    case 'meeting_held':
    case 'meeting_missed':
    case 'price_pushback':
    case 'decision_maker_changed':
    case 'complaint':
    case 'note':
      return [];
    default: {
      const unknown: never = data.kind;
      throw invalid('unknown_interaction_kind', `Unknown interaction kind ${String(unknown)}`, 'kind');
    }
  }
};

const promiseToPay = (account: RegisteredAccount, data: Interaction, occurredAt: IsoInstant): PromiseToPayMade => {
  const amount = positiveAmount(account, requiredText(data.amount, 'amount'), data.currency ?? account.currency);
  const promisedOn = assertIsoDate(requiredText(data.promisedOn, 'promisedOn'), 'promisedOn');
  const madeOn = localDate(DateTime.fromISO(occurredAt), account.agreement.timezone);
  if (promisedOn < madeOn)
    throw invalid('promised_in_the_past', `promisedOn ${promisedOn} is before the promise was made (${madeOn})`, 'promisedOn');
  return {
    type: 'PromiseToPayMade',
    data: { clientId: account.clientId, interactionId: data.interactionId, amount: minorString(amount), promisedOn, madeAt: occurredAt },
  };
};

const disputedInvoice = (account: RegisteredAccount, data: Interaction) =>
  existingInvoice(account, requiredText(data.invoiceId, 'invoiceId'));

const disputeRaised = (account: RegisteredAccount, data: Interaction, occurredAt: IsoInstant): DisputeRaised => {
  const invoice = disputedInvoice(account, data);
  if (invoice.openDispute)
    throw ruleBroken('dispute_already_open', `Invoice ${invoice.invoiceId} is already disputed (${invoice.openDispute.interactionId})`);
  return {
    type: 'DisputeRaised',
    data: {
      clientId: account.clientId,
      interactionId: data.interactionId,
      invoiceId: invoice.invoiceId,
      reason: requiredText(data.reason, 'reason'),
      raisedAt: occurredAt,
    },
  };
};

/** An upheld dispute with a credit amount is settled by a credit note `<interactionId>-credit` in the same decision. */
const disputeResolved = (account: RegisteredAccount, data: Interaction, occurredAt: IsoInstant): (DisputeResolved | CreditNoteIssued)[] => {
  const invoice = disputedInvoice(account, data);
  if (!invoice.openDispute) throw ruleBroken('no_open_dispute', `Invoice ${invoice.invoiceId} has no open dispute`);
  if (data.outcome !== 'upheld' && data.outcome !== 'rejected')
    throw invalid('outcome_required', 'outcome must be upheld or rejected', 'outcome');
  if (data.outcome === 'rejected' && data.creditAmount !== undefined) {
    throw invalid('credit_on_rejected_dispute', 'A rejected dispute carries no creditAmount', 'creditAmount');
  }
  const credit =
    data.creditAmount === undefined
      ? undefined
      : positiveAmount(account, data.creditAmount, data.currency ?? account.currency, 'creditAmount');
  const resolved: DisputeResolved = {
    type: 'DisputeResolved',
    data: {
      clientId: account.clientId,
      interactionId: data.interactionId,
      invoiceId: invoice.invoiceId,
      outcome: data.outcome,
      ...(credit !== undefined && { creditAmount: minorString(credit) }),
      resolvedAt: occurredAt,
    },
  };
  if (credit === undefined) return [resolved];
  const issuedOn = localDate(DateTime.fromISO(occurredAt), account.agreement.timezone);
  const reason = `Dispute ${invoice.openDispute.interactionId} upheld`;
  return [resolved, creditNote(account, invoice, { creditNoteId: `${data.interactionId}-credit`, amount: credit, issuedOn, reason })];
};
