import { type Agreement, type LateFeePolicy, type PaymentTerms } from '../agreement/agreement';
import { type ScheduledLetter } from './letter-content';
import { type CollectionLevel } from '../agreement/collections-ladder';
import { type IsoDate, type IsoInstant, type MinorUnits } from '../shared/types';

/**
 * Every fact about one client account, stored in the stream `client-<clientId>`.
 * Event type names and field names are a public contract: auditors and integrations read them.
 * Amounts are minor units of the account currency.
 */

export type ClientRegistered = {
  type: 'ClientRegistered';
  data: { clientId: string; name: string; currency: string; agreement: Agreement; registeredAt: IsoInstant };
};

export type AgreementChanged = {
  type: 'AgreementChanged';
  data: {
    clientId: string;
    agreement: Agreement;
    announcedAt: IsoInstant;
    /** Set when the late-fee policy changed: the date from which the new policy applies (notice rule). */
    lateFeePolicyEffectiveFrom?: IsoDate;
  };
};

export type InvoiceIssued = {
  type: 'InvoiceIssued';
  data: {
    clientId: string;
    invoiceId: string;
    amount: MinorUnits;
    currency: string;
    issuedOn: IsoDate;
    dueOn: IsoDate;
    reference?: string;
    description?: string;
    /** Issued while a credit hold was on: due on receipt, to be paid before the work starts (SPEC 5). */
    prepaymentRequired?: true;
    /** It took the open balance above the credit limit, and an admin overrode the limit (SPEC 3.3). */
    creditLimitOverridden?: true;
  };
};

export type PaymentReceived = {
  type: 'PaymentReceived';
  data: {
    clientId: string;
    paymentId: string;
    amount: MinorUnits;
    currency: string;
    receivedOn: IsoDate;
    method?: string;
    reference?: string;
  };
};

export type PaymentAllocated = {
  type: 'PaymentAllocated';
  data: { clientId: string; paymentId: string; invoiceId: string; amount: MinorUnits };
};

/** Unapplied credit from an earlier payment used for a later invoice. */
export type CreditApplied = {
  type: 'CreditApplied';
  data: { clientId: string; paymentId: string; invoiceId: string; amount: MinorUnits };
};

/**
 * The part of a payment that settled an invoice's late fee and interest (`PaymentAllocated` settles
 * principal only): in the agreed allocation order, or as the caller's allocation named. Either part may be 0.
 */
export type FeesSettled = {
  type: 'FeesSettled';
  data: { clientId: string; paymentId: string; invoiceId: string; lateFee: MinorUnits; interest: MinorUnits; settledOn: IsoDate };
};

export type PaymentReversed = {
  type: 'PaymentReversed';
  data: {
    clientId: string;
    paymentId: string;
    reason: string;
    reversedOn: IsoDate;
    /** What was undone: every allocation and credit application of the payment, and its unapplied rest. */
    deallocations: { invoiceId: string; amount: MinorUnits }[];
    unappliedCreditRemoved: MinorUnits;
    /** The late fees and interest the payment settled (`FeesSettled`), owed again; absent when it settled none. */
    feesRestored?: { invoiceId: string; lateFee: MinorUnits; interest: MinorUnits }[];
  };
};

export type CreditNoteIssued = {
  type: 'CreditNoteIssued';
  data: { clientId: string; creditNoteId: string; invoiceId: string; amount: MinorUnits; issuedOn: IsoDate; reason?: string };
};

export type InvoiceWrittenOff = {
  type: 'InvoiceWrittenOff';
  data: { clientId: string; invoiceId: string; amount: MinorUnits; writtenOffOn: IsoDate; reason: string };
};

export const INTERACTION_KINDS = [
  'outbound_contact',
  'client_response',
  'meeting_held',
  'meeting_missed',
  'promise_to_pay',
  'dispute_raised',
  'dispute_resolved',
  'price_pushback',
  'decision_maker_changed',
  'complaint',
  'note',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const INTERACTION_CHANNELS = ['email', 'phone', 'letter', 'meeting', 'meeting_request', 'chat', 'in_person', 'other'] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

export type InteractionLogged = {
  type: 'InteractionLogged';
  data: {
    clientId: string;
    interactionId: string;
    kind: InteractionKind;
    occurredAt: IsoInstant;
    channel?: InteractionChannel;
    summary?: string;
    contact?: string;
    /** outbound_contact: whether an answer is expected (default true). */
    expectsResponse?: boolean;
    /** client_response: the outbound interaction it answers. */
    respondsTo?: string;
    /** decision_maker_changed */
    newContact?: { name: string; email?: string; phone?: string };
  };
};

export type PromiseToPayMade = {
  type: 'PromiseToPayMade';
  data: { clientId: string; interactionId: string; amount: MinorUnits; promisedOn: IsoDate; madeAt: IsoInstant };
};

export type DisputeRaised = {
  type: 'DisputeRaised';
  data: { clientId: string; interactionId: string; invoiceId: string; reason: string; raisedAt: IsoInstant };
};

export type DisputeResolved = {
  type: 'DisputeResolved';
  data: {
    clientId: string;
    interactionId: string;
    invoiceId: string;
    outcome: 'upheld' | 'rejected';
    /** upheld: the amount credited (a CreditNoteIssued follows). */
    creditAmount?: MinorUnits;
    resolvedAt: IsoInstant;
  };
};

export type CollectionsPaused = {
  type: 'CollectionsPaused';
  data: { clientId: string; pauseId: string; until: IsoDate; reason: string; pausedAt: IsoInstant };
};

export type CollectionsResumed = {
  type: 'CollectionsResumed';
  data: { clientId: string; resumedAt: IsoInstant; reason?: string };
};

// ---- Decisions of the collections process (SPEC 5) ----

export type EscalationTrigger = 'overdue' | 'trend' | 'engagement' | 'risk' | 'promise_broken';

export type CollectionsEscalated = {
  type: 'CollectionsEscalated';
  data: {
    clientId: string;
    level: CollectionLevel | 'account_review';
    trigger: EscalationTrigger;
    invoiceId?: string;
    /** The figures behind the decision (days past due, trend slope, risk score…). */
    figures: Record<string, string | number | boolean | null>;
    decidedAt: IsoInstant;
  };
};

/** What a scheduled letter is about: a step of the case, or the confirmation of a promise to pay. */
export type ReminderLevel = CollectionLevel | 'promise_confirmation';

export type ReminderScheduled = {
  type: 'ReminderScheduled';
  data: {
    clientId: string;
    reminderId: string;
    /** The step it belongs to; `agency` is the notice of the hand-over, `promise_confirmation` belongs to no step. */
    level: ReminderLevel;
    channel: string;
    to: { name: string; email?: string; phone?: string };
    invoiceIds: string[];
    sendAt: IsoInstant;
    message: string;
    /** Final notice: the last day to pay (client-local) before the debt goes to an agency. */
    paymentDeadline?: IsoDate;
    /** The letter's figures, rendered from templates when it is delivered (absent on reminders scheduled before letters). */
    letter?: ScheduledLetter;
  };
};

export type ReminderDelivered = {
  type: 'ReminderDelivered';
  data: { clientId: string; reminderId: string; transport: 'webhook' | 'email'; deliveredAt: IsoInstant; attempts: number };
};

export type ReminderDeliveryFailed = {
  type: 'ReminderDeliveryFailed';
  data: { clientId: string; reminderId: string; transport: 'webhook' | 'email'; failedAt: IsoInstant; attempts: number; error: string };
};

/**
 * A scheduled reminder that is no longer to be sent: by its send time nothing it reminds of was
 * still open (`nothing_left_open`, paid, credited or written off meanwhile: recorded by the dispatcher
 * instead of a delivery), or its step proved wrong (`step_corrected`: recorded by the collections
 * process with `CollectionsLevelCorrected`).
 */
export type ReminderWithdrawn = {
  type: 'ReminderWithdrawn';
  data: { clientId: string; reminderId: string; withdrawnAt: IsoInstant; reason: 'nothing_left_open' | 'step_corrected' };
};

/** Where a scheduled reminder stands. */
export type ReminderStatus = 'scheduled' | 'delivered' | 'failed' | 'withdrawn';

export type LateFeeCharged = {
  type: 'LateFeeCharged';
  data: { clientId: string; invoiceId: string; amount: MinorUnits; chargedOn: IsoDate };
};

export type LateInterestCharged = {
  type: 'LateInterestCharged';
  data: {
    clientId: string;
    invoiceId: string;
    /** Inclusive period of accrual; periods of one invoice never overlap. */
    periodFrom: IsoDate;
    periodTo: IsoDate;
    amount: MinorUnits;
    principal: MinorUnits;
    annualInterestRate: string;
    compounding: LateFeePolicy['compounding'];
    chargedOn: IsoDate;
  };
};

/** An admin dropped (part of) an invoice's outstanding late fee: never more than is outstanding. */
export type LateFeeWaived = {
  type: 'LateFeeWaived';
  data: { clientId: string; invoiceId: string; waiverId: string; amount: MinorUnits; reason: string; waivedAt: IsoInstant };
};

/** An admin dropped (part of) an invoice's outstanding interest: never more than is outstanding. */
export type LateInterestWaived = {
  type: 'LateInterestWaived';
  data: { clientId: string; invoiceId: string; waiverId: string; amount: MinorUnits; reason: string; waivedAt: IsoInstant };
};

export type CreditHoldPlaced = {
  type: 'CreditHoldPlaced';
  data: {
    clientId: string;
    trigger: EscalationTrigger;
    reason: string;
    placedAt: IsoInstant;
    /** The figures behind the decision (risk score and level, trend, days past due…), filled by the collections process. */
    figures?: Record<string, string | number | boolean | null>;
  };
};

export type CreditHoldReleased = {
  type: 'CreditHoldReleased';
  data: { clientId: string; reason: string; releasedAt: IsoInstant };
};

export type TermsTightened = {
  type: 'TermsTightened';
  data: {
    clientId: string;
    paymentTerms: PaymentTerms;
    ladderFactor: number;
    trigger: EscalationTrigger;
    decidedAt: IsoInstant;
    /** The figures behind the decision (risk score and level, trend…), filled by the collections process. */
    figures?: Record<string, string | number | boolean | null>;
  };
};

/**
 * `supersedes`: the promise had been marked broken, and a payment booked later, received in time, shows
 * it was kept; `reason` says which. The later decision is the one that stands.
 */
export type PromiseKept = {
  type: 'PromiseKept';
  data: {
    clientId: string;
    interactionId: string;
    promisedOn: IsoDate;
    amount: MinorUnits;
    paid: MinorUnits;
    decidedAt: IsoInstant;
    supersedes?: 'PromiseBroken';
    reason?: string;
  };
};

export type PromiseBroken = {
  type: 'PromiseBroken';
  data: { clientId: string; interactionId: string; promisedOn: IsoDate; amount: MinorUnits; paid: MinorUnits; decidedAt: IsoInstant };
};

/**
 * The agency step is due (the final notice's deadline passed unpaid) and the agreement wants an admin
 * to approve it: nothing goes to the agency until `HandedToAgency` (approved) or `AgencyHandoverRejected`.
 */
export type AgencyHandoverProposed = {
  type: 'AgencyHandoverProposed';
  data: {
    clientId: string;
    invoiceIds: string[];
    /** Outstanding principal plus the fees and interest charged on those invoices, at the proposal. */
    amount: MinorUnits;
    /** The final notice's payment deadline that passed unpaid. */
    paymentDeadline: IsoDate;
    /** The figures behind the step (days past due, overdue amount…). */
    figures: Record<string, string | number | boolean | null>;
    proposedAt: IsoInstant;
  };
};

/** An admin refused the proposed handover: the case stays at the final notice and it is not proposed again in this case. */
export type AgencyHandoverRejected = {
  type: 'AgencyHandoverRejected';
  data: { clientId: string; invoiceIds: string[]; reason: string; rejectedAt: IsoInstant };
};

export type HandedToAgency = {
  type: 'HandedToAgency';
  /** `reason`: the admin's, when the handover was approved (absent when the agreement needs no approval). */
  data: { clientId: string; invoiceIds: string[]; amount: MinorUnits; decidedAt: IsoInstant; reason?: string };
};

export type CollectionsResolved = {
  type: 'CollectionsResolved';
  data: { clientId: string; decidedAt: IsoInstant };
};

/**
 * Steps of the open case that facts booked later proved wrong, withdrawn, and the level the case goes
 * back to (SPEC 5): a payment received in time kept the promise whose breaking owed a step
 * (`promise_kept`), or had settled the debt before a step was taken (`not_overdue`). The steps stay in
 * the history; the next run starts from the corrected case and does not take them again for that debt.
 */
export type CollectionsLevelCorrected = {
  type: 'CollectionsLevelCorrected';
  data: {
    clientId: string;
    previousLevel: CollectionLevel;
    level: CollectionLevel;
    reason: 'promise_kept' | 'not_overdue';
    /** Each withdrawn step (its level and when it reached the client or was taken) and why it was not due. */
    withdrawnSteps: { level: CollectionLevel; at: IsoInstant; explanation: string }[];
    decidedAt: IsoInstant;
  };
};

export type ClientAccountEvent =
  | ClientRegistered
  | AgreementChanged
  | InvoiceIssued
  | PaymentReceived
  | PaymentAllocated
  | CreditApplied
  | FeesSettled
  | PaymentReversed
  | CreditNoteIssued
  | InvoiceWrittenOff
  | InteractionLogged
  | PromiseToPayMade
  | DisputeRaised
  | DisputeResolved
  | CollectionsPaused
  | CollectionsResumed
  | CollectionsEscalated
  | ReminderScheduled
  | ReminderDelivered
  | ReminderDeliveryFailed
  | ReminderWithdrawn
  | LateFeeCharged
  | LateInterestCharged
  | LateFeeWaived
  | LateInterestWaived
  | CreditHoldPlaced
  | CreditHoldReleased
  | TermsTightened
  | PromiseKept
  | PromiseBroken
  | AgencyHandoverProposed
  | AgencyHandoverRejected
  | HandedToAgency
  | CollectionsResolved
  | CollectionsLevelCorrected;

export type ClientAccountEventType = ClientAccountEvent['type'];

const CLIENT_STREAM_PREFIX = 'client-';

/** The stream of one client account: `client-<clientId>`. */
export const streamIdForClient = (clientId: string): string => `${CLIENT_STREAM_PREFIX}${clientId}`;

/** The client id of a client-account stream; undefined for any other stream. */
export const clientIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(CLIENT_STREAM_PREFIX) ? streamId.slice(CLIENT_STREAM_PREFIX.length) : undefined;
