import {
  type AccountManager,
  type BusinessHours,
  type Contact,
  type LetterLanguage,
  type PaymentAllocationOrder,
  type PaymentReferenceScheme,
  type PaymentTerms,
} from './agreement';
import { type LadderLevel, type LadderThreshold } from './collections-ladder';
import { type LateFeePreset } from './late-fee-presets';
import { type IsoDate } from '../shared/types';

/**
 * The agreement as the API gives it (amounts as major-unit decimal strings, defaults left out);
 * `normalizeAgreement` turns it into the `Agreement` the domain keeps.
 */

export interface LateFeePolicyInput {
  /** Statutory rules instead of `fixedFee`, `annualInterestRate` and `compounding`. */
  preset?: LateFeePreset;
  fixedFee?: string;
  annualInterestRate?: string;
  compounding?: 'simple' | 'annual';
  graceDays?: number;
}

/** Per rung: `days` past due, counted in calendar days unless `unit` says business days. */
export type CollectionsLadderInput = Partial<Record<LadderLevel, { days: number; unit?: LadderThreshold['unit'] }>>;

export interface AgreementInput {
  paymentTerms?: PaymentTerms;
  timezone?: string;
  businessHours?: BusinessHours;
  holidays?: IsoDate[];
  contact: Contact;
  accountManager?: AccountManager;
  responseTimeBusinessDays?: number;
  lateFeePolicy?: LateFeePolicyInput;
  noticeDays?: number;
  creditLimit?: string;
  collectionsLadder?: CollectionsLadderInput;
  minimumStepSpacingDays?: number;
  finalNoticeDays?: number;
  agencyRequiresApproval?: boolean;
  bookingLagBusinessDays?: number;
  paymentAllocationOrder?: PaymentAllocationOrder;
  language?: LetterLanguage;
  paymentInstructions?: PaymentInstructionsInput;
}

/** IBAN and BIC as people write them (spaces, any case); `reference` defaults to `invoice_number`. */
export interface PaymentInstructionsInput {
  beneficiary: string;
  iban: string;
  bic?: string;
  reference?: PaymentReferenceScheme;
}
