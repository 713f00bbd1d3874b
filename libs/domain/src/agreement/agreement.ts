import { type IsoDate, type MinorUnits } from '../shared/types';
import { type CollectionsLadder } from './collections-ladder';
import { type LateFeePreset } from './late-fee-presets';

export type PaymentTerms = { type: 'net'; days: number } | { type: 'due_on_receipt' } | { type: 'end_of_month'; days: number };

export type ContactChannel = 'email' | 'phone' | 'letter' | 'meeting';

export interface Contact {
  name: string;
  email: string;
  phone?: string;
  preferredChannel: ContactChannel;
}

export interface AccountManager {
  name: string;
  email?: string;
  phone?: string;
}

/** Local business hours; weekdays are ISO (1 = Monday … 7 = Sunday). */
export interface BusinessHours {
  weekdays: number[];
  start: string; // HH:mm
  end: string; // HH:mm
}

export interface LateFeePolicy {
  /** Statutory rules (`late-fee-presets.ts`): they set the fixed fee, the rate per half year and the compounding. */
  preset?: LateFeePreset;
  /** Charged at most once per late invoice. */
  fixedFee?: MinorUnits;
  /** Percent per year as a decimal string, e.g. "10.50". */
  annualInterestRate?: string;
  compounding: 'simple' | 'annual';
  graceDays: number;
}

/**
 * How a payment settles what an invoice owes when the caller does not say (SPEC 3.3): `principal_first`
 * (the default) settles principal before fees and interest; `costs_interest_principal` is the order of
 * BGB § 367 and BW 6:44: costs (fixed fees) first, then interest, then principal.
 */
export const PAYMENT_ALLOCATION_ORDERS = ['principal_first', 'costs_interest_principal'] as const;
export type PaymentAllocationOrder = (typeof PAYMENT_ALLOCATION_ORDERS)[number];
export const DEFAULT_PAYMENT_ALLOCATION_ORDER: PaymentAllocationOrder = 'principal_first';

export interface Agreement {
  paymentTerms: PaymentTerms;
  timezone: string;
  businessHours: BusinessHours;
  holidays: IsoDate[];
  contact: Contact;
  accountManager?: AccountManager;
  responseTimeBusinessDays: number;
  lateFeePolicy?: LateFeePolicy;
  /** Days between announcing a fee/interest change and its earliest effective date. */
  noticeDays: number;
  creditLimit?: MinorUnits;
  /** The rungs of the collections ladder agreed with this client; the others keep the process's defaults. */
  collectionsLadder?: CollectionsLadder;
  /** Least days between two client-facing collections steps; absent: the process's default (7). */
  minimumStepSpacingDays?: number;
  /** Days the final notice gives to pay before the agency step; absent: the process's default (14). */
  finalNoticeDays?: number;
  /** Whether a handover to a collection agency waits for an admin's approval; absent: the process's default (yes). */
  agencyRequiresApproval?: boolean;
  /** Business days after the due date before a client-facing step, so that bank payments are booked first; absent: the process's default (0). */
  bookingLagBusinessDays?: number;
  /** How payments without explicit allocations settle principal, fees and interest; absent: `principal_first`. */
  paymentAllocationOrder?: PaymentAllocationOrder;
  /** The language of the letters the client receives; absent: `en`. */
  language?: LetterLanguage;
  /** How the client pays, printed on every letter; absent: the letters carry no payment block. */
  paymentInstructions?: PaymentInstructions;
}

/** The languages letters are written in (SPEC 9). */
export const LETTER_LANGUAGES = ['en', 'nl', 'de', 'ru'] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];
export const DEFAULT_LETTER_LANGUAGE: LetterLanguage = 'en';

/**
 * The reference a client quotes with a payment: the invoice numbers, or an ISO 11649 creditor reference
 * (`RF` + check digits) made from the client's id (one for the whole letter) or from each invoice's number.
 */
export const PAYMENT_REFERENCE_SCHEMES = ['invoice_number', 'rf_per_client', 'rf_per_invoice'] as const;
export type PaymentReferenceScheme = (typeof PAYMENT_REFERENCE_SCHEMES)[number];

export interface PaymentInstructions {
  beneficiary: string;
  /** Electronic format: upper case, no spaces; valid by its country's rules and check digits. */
  iban: string;
  bic?: string;
  reference: PaymentReferenceScheme;
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
export const DEFAULT_RESPONSE_TIME_BUSINESS_DAYS = 2;
export const DEFAULT_NOTICE_DAYS = 30;
