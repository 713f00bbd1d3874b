import { Agreement } from '../agreement/agreement';
import { ClientAccountEvent, InteractionLogged } from '../client-account/events';
import { minorString, toMinor } from '../money/money';
import { IsoDate, IsoInstant, MinorUnits } from '../shared/types';
import { BehaviourFacts, InvoiceFacts, SettlementKind } from './facts';

/**
 * An event as a projection reads it. `recordedAt` is accepted but not needed: every fact carries its
 * own business date (an allocation is dated by its payment's `receivedOn`).
 */
export type RecordedClientAccountEvent = ClientAccountEvent & { recordedAt?: IsoInstant };

const calendarOf = ({ timezone, businessHours, holidays, responseTimeBusinessDays }: Agreement) => ({
  timezone,
  businessHours,
  holidays,
  responseTimeBusinessDays,
});

/** Books one change of the outstanding amount and re-derives `outstanding` and `paidOn`. */
const settle = (invoice: InvoiceFacts, kind: SettlementKind, amount: bigint, on: IsoDate): InvoiceFacts => {
  const paid = toMinor(invoice.paid) + (kind === 'payment' || kind === 'reversal' ? amount : 0n);
  const credited = toMinor(invoice.credited) + (kind === 'credit_note' ? amount : 0n);
  const writtenOff = toMinor(invoice.writtenOff) + (kind === 'write_off' ? amount : 0n);
  const outstanding = toMinor(invoice.amount) - paid - credited - writtenOff;
  const { paidOn: _previous, ...rest } = invoice;
  const settledByPayment = outstanding === 0n && paid > 0n && writtenOff === 0n;
  return {
    ...rest,
    paid: minorString(paid),
    credited: minorString(credited),
    writtenOff: minorString(writtenOff),
    outstanding: minorString(outstanding),
    ...(settledByPayment ? { paidOn: on } : {}),
    settlements: [...invoice.settlements, { on, kind, amount: minorString(amount) }],
  };
};

const updateInvoice = (facts: BehaviourFacts, invoiceId: string, update: (invoice: InvoiceFacts) => InvoiceFacts): BehaviourFacts => ({
  ...facts,
  invoices: facts.invoices.map((invoice) => (invoice.invoiceId === invoiceId ? update(invoice) : invoice)),
});

const settleInvoice = (facts: BehaviourFacts, invoiceId: string, kind: SettlementKind, amount: MinorUnits, on: IsoDate): BehaviourFacts =>
  updateInvoice(facts, invoiceId, (invoice) => settle(invoice, kind, toMinor(amount), on));

const receivedOn = (facts: BehaviourFacts, paymentId: string): IsoDate => {
  const payment = facts.payments.find((candidate) => candidate.paymentId === paymentId);
  // The decider records PaymentReceived before any allocation of it; anything else is a corrupt stream.
  if (!payment) throw new Error(`Allocation of unknown payment ${paymentId}`);
  return payment.receivedOn;
};

const evolveInteraction = (facts: BehaviourFacts, { data }: InteractionLogged): BehaviourFacts => {
  switch (data.kind) {
    case 'outbound_contact':
      return data.expectsResponse === false
        ? facts
        : { ...facts, outboundContacts: [...facts.outboundContacts, { interactionId: data.interactionId, occurredAt: data.occurredAt }] };
    case 'client_response':
      return { ...facts, clientResponses: [...facts.clientResponses, data.occurredAt] };
    case 'meeting_held':
      return { ...facts, meetingsHeld: [...facts.meetingsHeld, data.occurredAt] };
    case 'meeting_missed':
      return { ...facts, meetingsMissed: [...facts.meetingsMissed, data.occurredAt] };
    case 'price_pushback':
      return { ...facts, pricePushbacks: [...facts.pricePushbacks, data.occurredAt] };
    case 'decision_maker_changed':
      return { ...facts, decisionMakerChanges: [...facts.decisionMakerChanges, data.occurredAt] };
    // Promises and disputes arrive as their own events (PromiseToPayMade, DisputeRaised, DisputeResolved).
    case 'promise_to_pay':
    case 'dispute_raised':
    case 'dispute_resolved':
    case 'complaint':
    case 'note':
      return facts;
    default: {
      const unknown: never = data.kind;
      throw new Error(`Unknown interaction kind ${String(unknown)}`);
    }
  }
};

/** The fold a behaviour projection runs over a client's stream, starting from `initialBehaviourFacts()`. */
export const evolveBehaviourFacts = (facts: BehaviourFacts, event: RecordedClientAccountEvent): BehaviourFacts => {
  switch (event.type) {
    case 'ClientRegistered': {
      const { clientId, name, currency, agreement } = event.data;
      return { ...facts, clientId, name, currency, ...calendarOf(agreement) };
    }
    case 'AgreementChanged':
      return { ...facts, ...calendarOf(event.data.agreement) };
    case 'InvoiceIssued': {
      const { invoiceId, amount, issuedOn, dueOn } = event.data;
      const invoice: InvoiceFacts = {
        invoiceId,
        amount,
        issuedOn,
        dueOn,
        paid: '0',
        credited: '0',
        writtenOff: '0',
        outstanding: amount,
        disputed: false,
        settlements: [],
      };
      return { ...facts, invoices: [...facts.invoices, invoice] };
    }
    case 'PaymentReceived': {
      const { paymentId, amount, receivedOn } = event.data;
      return { ...facts, payments: [...facts.payments, { paymentId, amount, receivedOn }] };
    }
    case 'PaymentAllocated':
      return settleInvoice(facts, event.data.invoiceId, 'payment', event.data.amount, receivedOn(facts, event.data.paymentId));
    case 'CreditApplied': {
      // Credit left over from an earlier payment settles the invoice the day it exists (and the money is there).
      const paymentDate = receivedOn(facts, event.data.paymentId);
      return updateInvoice(facts, event.data.invoiceId, (invoice) =>
        settle(invoice, 'payment', toMinor(event.data.amount), invoice.issuedOn > paymentDate ? invoice.issuedOn : paymentDate),
      );
    }
    case 'PaymentReversed': {
      const { paymentId, reversedOn, deallocations } = event.data;
      const marked: BehaviourFacts = {
        ...facts,
        payments: facts.payments.map((payment) => (payment.paymentId === paymentId ? { ...payment, reversedOn } : payment)),
      };
      return deallocations.reduce(
        (current, { invoiceId, amount }) => settleInvoice(current, invoiceId, 'reversal', minorString(-toMinor(amount)), reversedOn),
        marked,
      );
    }
    case 'CreditNoteIssued':
      return settleInvoice(facts, event.data.invoiceId, 'credit_note', event.data.amount, event.data.issuedOn);
    case 'InvoiceWrittenOff':
      return settleInvoice(facts, event.data.invoiceId, 'write_off', event.data.amount, event.data.writtenOffOn);
    case 'InteractionLogged':
      return evolveInteraction(facts, event);
    case 'PromiseToPayMade': {
      const { interactionId, amount, promisedOn, madeAt } = event.data;
      return { ...facts, promises: [...facts.promises, { interactionId, amount, promisedOn, madeAt }] };
    }
    case 'PromiseKept':
    case 'PromiseBroken': {
      const outcome = event.type === 'PromiseKept' ? 'kept' : 'broken';
      return {
        ...facts,
        promises: facts.promises.map((promise) => (promise.interactionId === event.data.interactionId ? { ...promise, outcome } : promise)),
      };
    }
    case 'DisputeRaised':
      return updateInvoice(facts, event.data.invoiceId, (invoice) => ({ ...invoice, disputed: true }));
    case 'DisputeResolved':
      return updateInvoice(facts, event.data.invoiceId, (invoice) => ({ ...invoice, disputed: false }));
    // Collections decisions and deliveries change no behaviour fact (fees and interest are not invoices).
    case 'CollectionsPaused':
    case 'CollectionsResumed':
    case 'CollectionsEscalated':
    case 'ReminderScheduled':
    case 'ReminderDelivered':
    case 'ReminderDeliveryFailed':
    case 'LateFeeCharged':
    case 'LateInterestCharged':
    case 'CreditHoldPlaced':
    case 'CreditHoldReleased':
    case 'TermsTightened':
    case 'HandedToAgency':
    case 'CollectionsResolved':
      return facts;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
    }
  }
};
