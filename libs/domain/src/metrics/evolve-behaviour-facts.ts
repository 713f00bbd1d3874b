import { type Agreement } from '../agreement/agreement';
import { type ClientAccountEvent, type InteractionLogged } from '../client-account/events';
import { settlement } from '../client-account/invoice-settlement';
import { minorString, toMinor } from '../money/money';
import { type IsoDate, type IsoInstant } from '../shared/types';
import { type BehaviourFacts, type InvoiceFacts, type PaymentFacts, type PromiseFacts, type SettlementKind } from './facts';

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

/** The client-level facts an agreement sets (a limit dropped by a change becomes undefined again). */
const agreedFacts = (agreement: Agreement): Partial<BehaviourFacts> => ({ ...calendarOf(agreement), creditLimit: agreement.creditLimit });

/** Books one change of the outstanding amount and re-derives `outstanding` and `paidOn`. */
const settle = (invoice: InvoiceFacts, kind: SettlementKind, amount: bigint, on: IsoDate): InvoiceFacts => {
  const paid = toMinor(invoice.paid) + (kind === 'payment' || kind === 'reversal' ? amount : 0n);
  const credited = toMinor(invoice.credited) + (kind === 'credit_note' ? amount : 0n);
  const writtenOff = toMinor(invoice.writtenOff) + (kind === 'write_off' ? amount : 0n);
  const { outstanding, paidOn } = settlement({ amount: toMinor(invoice.amount), paid, credited, writtenOff, paidOn: invoice.paidOn }, on);
  const { paidOn: _previous, ...rest } = invoice;
  return {
    ...rest,
    paid: minorString(paid),
    credited: minorString(credited),
    writtenOff: minorString(writtenOff),
    outstanding: minorString(outstanding),
    ...(paidOn !== undefined && { paidOn }),
    settlements: [...invoice.settlements, { on, kind, amount: minorString(amount) }],
  };
};

/** The lists events add to (the agreement's holidays are replaced whole, never added to). */
type ListName = {
  [K in keyof BehaviourFacts]-?: BehaviourFacts[K] extends readonly unknown[] ? (K extends 'holidays' ? never : K) : never;
}[keyof BehaviourFacts];
type Element<L extends ListName> = BehaviourFacts[L][number];

/** Lists whose elements are found by id, with the id of an element. */
const KEYS = {
  invoices: (invoice: InvoiceFacts) => invoice.invoiceId,
  payments: (payment: PaymentFacts) => payment.paymentId,
  promises: (promise: PromiseFacts) => promise.interactionId,
};
type KeyedListName = keyof typeof KEYS;

/**
 * The facts while a batch of events is applied. The facts a caller holds are never changed: the
 * first write copies the object, the first write to a list copies that list, and a changed element
 * is a new object in the copy (so an element that did not change is the very same object, which
 * is how the projection finds what to store). For a batch, elements are found through an id →
 * position index built once, so each event costs what it touches, not the length of the history;
 * a single event just scans (building the index would cost more than the one lookup).
 * Ids are unique within a client (the decider refuses a reused id); the first match is the one found.
 */
class FactsDraft {
  private draft: BehaviourFacts | undefined;
  private readonly ownLists: ListName[] = [];
  private readonly indexes: Partial<Record<KeyedListName, Map<string, number>>> = {};

  constructor(
    private readonly base: BehaviourFacts,
    private readonly indexed: boolean,
  ) {}

  get current(): BehaviourFacts {
    return this.draft ?? this.base;
  }

  /** The facts after the batch: the very object passed in when nothing changed. */
  result(): BehaviourFacts {
    return this.current;
  }

  assign(fields: Partial<Omit<BehaviourFacts, ListName>>): void {
    Object.assign(this.writable(), fields);
  }

  append<L extends ListName>(list: L, element: Element<L>): void {
    const elements = this.ownList(list);
    const index = this.indexes[list as KeyedListName];
    if (index) {
      const id = (KEYS[list as KeyedListName] as (element: Element<L>) => string)(element);
      if (!index.has(id)) index.set(id, elements.length);
    }
    elements.push(element);
  }

  find<L extends KeyedListName>(list: L, id: string): Element<L> | undefined {
    const position = this.positionOf(list, id);
    return position === undefined ? undefined : (this.current[list][position] as Element<L>);
  }

  /** Replaces the element with that id by `update(element)`; nothing when there is none. */
  update<L extends KeyedListName>(list: L, id: string, update: (element: Element<L>) => Element<L>): void {
    const position = this.positionOf(list, id);
    if (position === undefined) return;
    const elements = this.ownList(list);
    elements[position] = update(elements[position] as Element<L>);
  }

  private writable(): BehaviourFacts {
    return (this.draft ??= { ...this.base });
  }

  private ownList<L extends ListName>(list: L): Element<L>[] {
    const facts = this.writable();
    if (!this.ownLists.includes(list)) {
      (facts[list] as Element<L>[]) = [...facts[list]] as Element<L>[];
      this.ownLists.push(list);
    }
    return facts[list] as Element<L>[];
  }

  private positionOf(list: KeyedListName, id: string): number | undefined {
    const key = KEYS[list] as (element: Element<KeyedListName>) => string;
    const elements = this.current[list];
    if (!this.indexed) {
      const position = elements.findIndex((element) => key(element) === id);
      return position < 0 ? undefined : position;
    }
    let index = this.indexes[list];
    if (!index) {
      index = new Map();
      for (let position = 0; position < elements.length; position++) {
        const elementId = key(elements[position]);
        if (!index.has(elementId)) index.set(elementId, position);
      }
      this.indexes[list] = index;
    }
    return index.get(id);
  }
}

const settleInvoice = (facts: FactsDraft, invoiceId: string, kind: SettlementKind, amount: bigint, on: IsoDate): void =>
  facts.update('invoices', invoiceId, (invoice) => settle(invoice, kind, amount, on));

const receivedOn = (facts: FactsDraft, paymentId: string): IsoDate => {
  const payment = facts.find('payments', paymentId);
  // The decider records PaymentReceived before any allocation of it; anything else is a corrupt stream.
  if (!payment) throw new Error(`Allocation of unknown payment ${paymentId}`);
  return payment.receivedOn;
};

const applyInteraction = (facts: FactsDraft, { data }: InteractionLogged): void => {
  switch (data.kind) {
    case 'outbound_contact':
      if (data.expectsResponse !== false)
        facts.append('outboundContacts', { interactionId: data.interactionId, occurredAt: data.occurredAt });
      return;
    case 'client_response':
      return facts.append('clientResponses', data.occurredAt);
    case 'meeting_held':
      return facts.append('meetingsHeld', data.occurredAt);
    case 'meeting_missed':
      return facts.append('meetingsMissed', data.occurredAt);
    case 'price_pushback':
      return facts.append('pricePushbacks', data.occurredAt);
    case 'decision_maker_changed':
      return facts.append('decisionMakerChanges', data.occurredAt);
    // Promises and disputes arrive as their own events (PromiseToPayMade, DisputeRaised, DisputeResolved).
    case 'promise_to_pay':
    case 'dispute_raised':
    case 'dispute_resolved':
    case 'complaint':
    case 'note':
      return;
    default: {
      const unknown: never = data.kind;
      throw new Error(`Unknown interaction kind ${String(unknown)}`);
    }
  }
};

/** What one event changes in the facts: the one definition both `evolveBehaviourFacts` and `foldBehaviourFacts` use. */
const applyEvent = (facts: FactsDraft, event: RecordedClientAccountEvent): void => {
  switch (event.type) {
    case 'ClientRegistered': {
      const { clientId, name, currency, agreement } = event.data;
      return facts.assign({ clientId, name, currency, ...agreedFacts(agreement) });
    }
    case 'AgreementChanged':
      return facts.assign(agreedFacts(event.data.agreement));
    case 'InvoiceIssued': {
      const { invoiceId, amount, issuedOn, dueOn, prepaymentRequired } = event.data;
      return facts.append('invoices', {
        invoiceId,
        amount,
        issuedOn,
        dueOn,
        paid: '0',
        credited: '0',
        writtenOff: '0',
        outstanding: amount,
        disputed: false,
        ...(prepaymentRequired && { prepaymentRequired }),
        settlements: [],
      });
    }
    case 'PaymentReceived': {
      const { paymentId, amount, receivedOn } = event.data;
      return facts.append('payments', { paymentId, amount, receivedOn });
    }
    case 'PaymentAllocated':
      return settleInvoice(facts, event.data.invoiceId, 'payment', toMinor(event.data.amount), receivedOn(facts, event.data.paymentId));
    case 'CreditApplied': {
      // Credit left over from an earlier payment settles the invoice the day it exists (and the money is there).
      const paymentDate = receivedOn(facts, event.data.paymentId);
      return facts.update('invoices', event.data.invoiceId, (invoice) =>
        settle(invoice, 'payment', toMinor(event.data.amount), invoice.issuedOn > paymentDate ? invoice.issuedOn : paymentDate),
      );
    }
    case 'PaymentReversed': {
      const { paymentId, reversedOn, deallocations } = event.data;
      facts.update('payments', paymentId, (payment) => ({ ...payment, reversedOn }));
      for (const { invoiceId, amount } of deallocations) settleInvoice(facts, invoiceId, 'reversal', -toMinor(amount), reversedOn);
      return;
    }
    case 'CreditNoteIssued':
      return settleInvoice(facts, event.data.invoiceId, 'credit_note', toMinor(event.data.amount), event.data.issuedOn);
    case 'InvoiceWrittenOff':
      return settleInvoice(facts, event.data.invoiceId, 'write_off', toMinor(event.data.amount), event.data.writtenOffOn);
    case 'InteractionLogged':
      return applyInteraction(facts, event);
    case 'PromiseToPayMade': {
      const { interactionId, amount, promisedOn, madeAt } = event.data;
      return facts.append('promises', { interactionId, amount, promisedOn, madeAt });
    }
    case 'PromiseKept':
    case 'PromiseBroken': {
      const outcome = event.type === 'PromiseKept' ? 'kept' : 'broken';
      return facts.update('promises', event.data.interactionId, (promise) => ({ ...promise, outcome }));
    }
    case 'DisputeRaised':
      return facts.update('invoices', event.data.invoiceId, (invoice) => ({ ...invoice, disputed: true }));
    case 'DisputeResolved':
      return facts.update('invoices', event.data.invoiceId, (invoice) => ({ ...invoice, disputed: false }));
    // Collections decisions and deliveries change no behaviour fact (fees and interest are not invoices).
    case 'CollectionsPaused':
    case 'CollectionsResumed':
    case 'CollectionsEscalated':
    case 'ReminderScheduled':
    case 'ReminderDelivered':
    case 'ReminderDeliveryFailed':
    case 'ReminderWithdrawn':
    case 'LateFeeCharged':
    case 'LateInterestCharged':
    // Fees and interest are receivables beside the principal: behaviour (SPEC 4.2) is measured on principal.
    case 'FeesSettled':
    case 'LateFeeWaived':
    case 'LateInterestWaived':
    case 'CreditHoldPlaced':
    case 'CreditHoldReleased':
    case 'TermsTightened':
    case 'AgencyHandoverProposed':
    case 'AgencyHandoverRejected':
    case 'HandedToAgency':
    case 'CollectionsResolved':
    case 'CollectionsLevelCorrected':
      return;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
    }
  }
};

/**
 * Folds a batch of events (a whole stream, or what a projection batch holds for one client) in one
 * pass: the same facts as `events.reduce(evolveBehaviourFacts, facts)`, in time linear in the events.
 * `facts` is left as it was.
 */
export const foldBehaviourFacts = (facts: BehaviourFacts, events: Iterable<RecordedClientAccountEvent>): BehaviourFacts => {
  const draft = new FactsDraft(facts, true);
  for (const event of events) applyEvent(draft, event);
  return draft.result();
};

/** The fold a behaviour projection runs over a client's stream, starting from `initialBehaviourFacts()`. */
export const evolveBehaviourFacts = (facts: BehaviourFacts, event: RecordedClientAccountEvent): BehaviourFacts => {
  const draft = new FactsDraft(facts, false);
  applyEvent(draft, event);
  return draft.result();
};
