import { type AccountManager, type LateFeePolicy, type LetterLanguage, type PaymentReferenceScheme } from '../agreement/agreement';
import { type ClientFacingLevel } from '../agreement/collections-ladder';
import { type IsoDate, type MinorUnits } from '../shared/types';

/** One overdue invoice on a letter: its principal and the fees and interest charged on it, outstanding today. */
export interface LetterLine {
  invoiceId: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  principal: MinorUnits;
  lateFees: MinorUnits;
  interest: MinorUnits;
  total: MinorUnits;
  /** `rf_per_invoice`: the creditor reference to quote for this invoice. */
  reference?: string;
}

export interface LetterTotals {
  principal: MinorUnits;
  lateFees: MinorUnits;
  interest: MinorUnits;
  /** What the client is asked to pay. */
  total: MinorUnits;
}

/**
 * The figures of one letter to the client (SPEC 9), fixed when the step is decided and recorded on
 * `ReminderScheduled`: the words come from templates at delivery, the figures from here, so a retry
 * sends the same letter. Amounts are minor units as decimal strings, dates client-local.
 */
export interface LetterContent {
  level: ClientFacingLevel;
  language: LetterLanguage;
  /** The client-local day the letter reaches the client. */
  date: IsoDate;
  currency: string;
  recipient: { name: string };
  lines: LetterLine[];
  totals: LetterTotals;
  /**
   * The late-fee policy in force on the letter's day, when there is one; under a statutory preset with
   * the law's fixed sum and the half year's rate written in (`lateFeeTermsOn`).
   */
  lateFeePolicy?: LateFeePolicy;
  /** The earlier letters of this case, oldest first: a letter refers to these only. */
  sentBefore: { level: ClientFacingLevel; on: IsoDate }[];
  /** Final notice: the last day to pay before the debt may go to an agency. */
  paymentDeadline?: IsoDate;
  /** Final notice: the day services are suspended unless paid. */
  suspensionOn?: IsoDate;
  /** The next step if nothing is paid, and the first day it can come; none after the hand-over. */
  nextStep?: { level: ClientFacingLevel; on: IsoDate };
  /** Our single point of contact (the agreement's `accountManager`). */
  contact?: AccountManager;
  /** How to pay: absent when the agreement has no `paymentInstructions`. */
  payment?: LetterPayment;
}

/** How to pay, as a letter states it. */
export interface LetterPayment {
  beneficiary: string;
  iban: string;
  bic?: string;
  scheme: PaymentReferenceScheme;
  /** What to quote: the creditor reference, or the invoice numbers (their creditor references under `rf_per_invoice`). */
  reference: string;
}

/**
 * The figures of the confirmation of a client's promise to pay (SPEC 9), fixed when the process
 * schedules it and recorded on `ReminderScheduled` like a step's letter.
 */
export interface PromiseConfirmationContent {
  level: 'promise_confirmation';
  language: LetterLanguage;
  /** The client-local day the letter reaches the client. */
  date: IsoDate;
  recipient: { name: string };
  currency: string;
  /** What was promised, minor units. */
  amount: MinorUnits;
  promisedOn: IsoDate;
  /** The overdue invoices the promise is about. */
  invoiceIds: string[];
  contact?: AccountManager;
  payment?: LetterPayment;
}

/** Any letter the outbox delivers: a collections step's (its `level` a client-facing rung) or a promise's confirmation. */
export type ScheduledLetter = LetterContent | PromiseConfirmationContent;
export type ScheduledLetterLevel = ScheduledLetter['level'];
