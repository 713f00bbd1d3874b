import { type HistoryEvent } from '../api/types';
import { formatMinor, words } from '../format';

type Data = Record<string, unknown>;

const sentence = (phrase: string): string => phrase.charAt(0).toUpperCase() + phrase.slice(1);

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** An event of the client's stream in plain words (event names are the public contract: SPEC 3.4). */
export function describeEvent(event: HistoryEvent, currency: string): string {
  const data: Data = event.data;
  const amount = (field = 'amount') => `${currency} ${formatMinor(text(data[field]) || '0', currency)}`;
  switch (event.type) {
    case 'ClientRegistered':
      return `Client registered: ${text(data.name)} (${text(data.currency)})`;
    case 'AgreementChanged':
      return 'Agreement changed';
    case 'InvoiceIssued':
      return `Invoice ${text(data.invoiceId)} issued on ${text(data.issuedOn)}: ${amount()}, due ${text(data.dueOn)}`;
    case 'PaymentReceived':
      return `Payment ${text(data.paymentId)} received on ${text(data.receivedOn)}: ${amount()}`;
    case 'PaymentAllocated':
      return `Payment ${text(data.paymentId)}: ${amount()} applied to invoice ${text(data.invoiceId)}`;
    case 'CreditApplied':
      return `Credit from payment ${text(data.paymentId)}: ${amount()} applied to invoice ${text(data.invoiceId)}`;
    case 'PaymentReversed':
      return `Payment ${text(data.paymentId)} reversed: ${text(data.reason)}`;
    case 'CreditNoteIssued':
      return `Credit note ${text(data.creditNoteId)} on invoice ${text(data.invoiceId)}: ${amount()}`;
    case 'InvoiceWrittenOff':
      return `Invoice ${text(data.invoiceId)} written off: ${amount()} (${text(data.reason)})`;
    case 'InteractionLogged':
      return `${sentence(words(text(data.kind)))}${data.channel ? ` by ${words(text(data.channel))}` : ''}${data.summary ? `: ${text(data.summary)}` : ''}`;
    case 'PromiseToPayMade':
      return `Promise to pay ${amount()} by ${text(data.promisedOn)}`;
    case 'DisputeRaised':
      return `Dispute raised on invoice ${text(data.invoiceId)}: ${text(data.reason)}`;
    case 'DisputeResolved':
      return `Dispute on invoice ${text(data.invoiceId)} resolved: ${text(data.outcome)}`;
    case 'CollectionsPaused':
      return `Collections paused through ${text(data.until)}: ${text(data.reason)}`;
    case 'CollectionsResumed':
      return `Collections resumed${data.reason ? `: ${text(data.reason)}` : ''}`;
    case 'CollectionsEscalated':
      return `Escalated to ${words(text(data.level))} (${words(text(data.trigger))}${data.invoiceId ? `, invoice ${text(data.invoiceId)}` : ''})`;
    case 'ReminderScheduled':
      return `${sentence(words(text(data.level)))} reminder scheduled by ${words(text(data.channel))}`;
    case 'ReminderDelivered':
      return `Reminder delivered by ${text(data.transport)}`;
    case 'ReminderDeliveryFailed':
      return `Reminder delivery failed by ${text(data.transport)}: ${text(data.error)}`;
    case 'ReminderWithdrawn':
      return 'Reminder withdrawn: nothing left open';
    case 'LateFeeCharged':
      return `Late fee ${amount()} charged on invoice ${text(data.invoiceId)}`;
    case 'LateInterestCharged':
      return `Interest ${amount()} on invoice ${text(data.invoiceId)} for ${text(data.periodFrom)}–${text(data.periodTo)}`;
    case 'CreditHoldPlaced':
      return `Credit hold placed (${words(text(data.trigger))}): ${text(data.reason)}`;
    case 'CreditHoldReleased':
      return `Credit hold released: ${text(data.reason)}`;
    case 'TermsTightened':
      return `Terms tightened (${words(text(data.trigger))})`;
    case 'PromiseKept':
      return `Promise to pay by ${text(data.promisedOn)} kept${data.supersedes ? ' after all (it had been marked broken)' : ''}`;
    case 'PromiseBroken':
      return `Promise to pay ${amount()} by ${text(data.promisedOn)} broken: ${amount('paid')} paid`;
    case 'AgencyHandoverProposed':
      return 'Handover to a collection agency proposed';
    case 'AgencyHandoverRejected':
      return `Agency handover rejected: ${text(data.reason)}`;
    case 'HandedToAgency':
      return `Handed to a collection agency: ${amount()}`;
    case 'CollectionsResolved':
      return 'Collections case resolved: nothing overdue';
    case 'CollectionsLevelCorrected':
      return `Collections case set back to ${words(text(data.level))}: ${words(text(data.reason))}`;
    default:
      return words(event.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
  }
}
