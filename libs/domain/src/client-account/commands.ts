import { type AgreementInput } from '../agreement/agreement-input';
import { type InteractionChannel, type InteractionKind } from './events';
import { type IsoDate, type IsoInstant } from '../shared/types';

/**
 * Commands carry amounts as the API gives them: decimal strings in major units ("1250.00")
 * with a currency. The decider parses them exactly (see money/) and rejects what its currency
 * cannot represent. Optional dates default to "today" in the client's time zone.
 */

export type RegisterClient = {
  type: 'RegisterClient';
  data: { clientId: string; name: string; currency: string; agreement: AgreementInput };
};

export type ChangeAgreement = {
  type: 'ChangeAgreement';
  data: { clientId: string; agreement: AgreementInput; lateFeePolicyEffectiveFrom?: IsoDate };
};

export type IssueInvoice = {
  type: 'IssueInvoice';
  data: {
    clientId: string;
    invoiceId: string;
    amount: string;
    currency: string;
    issuedOn?: IsoDate;
    dueOn?: IsoDate;
    reference?: string;
    description?: string;
    /** An admin's override of the credit limit (SPEC 3.3); recorded on the event when it was needed. */
    overrideCreditLimit?: boolean;
  };
};

export type RecordPayment = {
  type: 'RecordPayment';
  data: {
    clientId: string;
    paymentId: string;
    amount: string;
    currency: string;
    receivedOn?: IsoDate;
    method?: string;
    reference?: string;
    /**
     * Explicit allocations: `amount` settles the invoice's principal, `fees` its late fee and then its
     * interest (at least one of them). Without allocations the agreement's `paymentAllocationOrder` applies.
     */
    allocations?: { invoiceId: string; amount?: string; fees?: string }[];
  };
};

export type ReversePayment = {
  type: 'ReversePayment';
  data: { clientId: string; paymentId: string; reason: string; reversedOn?: IsoDate };
};

export type IssueCreditNote = {
  type: 'IssueCreditNote';
  data: {
    clientId: string;
    invoiceId: string;
    creditNoteId: string;
    amount: string;
    currency: string;
    reason?: string;
    issuedOn?: IsoDate;
  };
};

export type WriteOffInvoice = {
  type: 'WriteOffInvoice';
  data: { clientId: string; invoiceId: string; reason: string; writtenOffOn?: IsoDate };
};

export type LogInteraction = {
  type: 'LogInteraction';
  data: {
    clientId: string;
    interactionId: string;
    kind: InteractionKind;
    occurredAt: IsoInstant;
    channel?: InteractionChannel;
    summary?: string;
    contact?: string;
    expectsResponse?: boolean;
    respondsTo?: string;
    /** promise_to_pay */
    amount?: string;
    currency?: string;
    promisedOn?: IsoDate;
    /** dispute_raised / dispute_resolved */
    invoiceId?: string;
    reason?: string;
    outcome?: 'upheld' | 'rejected';
    creditAmount?: string;
    /** decision_maker_changed */
    newContact?: { name: string; email?: string; phone?: string };
  };
};

export type PauseCollections = {
  type: 'PauseCollections';
  data: { clientId: string; pauseId: string; until: IsoDate; reason: string };
};

export type ResumeCollections = {
  type: 'ResumeCollections';
  /** `resumeId`: optional caller-chosen id that makes a retried resume idempotent. */
  data: { clientId: string; resumeId?: string; reason?: string };
};

/** An admin's answer to a handover the collections process proposed (`AgencyHandoverProposed`). */
export type ApproveAgencyHandover = {
  type: 'ApproveAgencyHandover';
  /** `decisionId`: caller-chosen id that makes a retried decision idempotent. */
  data: { clientId: string; decisionId: string; decision: 'approve' | 'reject'; reason: string };
};

/** An admin drops an invoice's outstanding late fee and/or interest: an amount, or `all` that is outstanding. */
export type WaiveFees = {
  type: 'WaiveFees';
  data: { clientId: string; invoiceId: string; waiverId: string; lateFee?: string; interest?: string; reason: string };
};

export type ClientAccountCommand =
  | RegisterClient
  | ChangeAgreement
  | IssueInvoice
  | RecordPayment
  | ReversePayment
  | IssueCreditNote
  | WriteOffInvoice
  | LogInteraction
  | PauseCollections
  | ResumeCollections
  | ApproveAgencyHandover
  | WaiveFees;
