import { type DateTime } from 'luxon';
import { type InvoiceFacts, type PaymentFacts } from '../metrics/facts';
import { type PaymentTrend } from '../metrics/trend';
import { type EngagementChange } from '../metrics/engagement-change';
import { type PaymentChange } from '../metrics/payment-change';
import { type RiskLevel, type Solvency } from '../metrics/solvency';
import { type IsoDate } from '../shared/types';
import { type CollectionsPolicy } from './policy';
import { type CollectionsProcessState } from './state';

/**
 * Everything `decideCollections` looks at, passed in explicitly (SPEC 5:
 * `decide(account, behaviour, solvency, policy, now)`). The invoice and payment shapes are those of
 * the behaviour facts (`metrics/facts.ts`), so the facts a projection folds can be passed as they are.
 */
export interface CollectionsInput {
  account: CollectionsAccount;
  behaviour: CollectionsBehaviour;
  solvency: CollectionsSolvency;
  policy: CollectionsPolicy;
  /** The instant of the run; "today" is its date in the client's time zone. */
  now: DateTime;
}

export interface CollectionsAccount {
  /** Every invoice of the account (settled ones too: their last interest period and fee may still be due). */
  invoices: readonly CollectionsInvoice[];
  /** Received payments; reversed ones carry `reversedOn` and count for nothing. */
  payments: readonly CollectionsPayment[];
  /** The process's own state, folded with `evolveCollectionsState` from the same stream. */
  collections: CollectionsProcessState;
}

/** Amounts are minor units as decimal strings, as in the events. */
export type CollectionsInvoice = Pick<
  InvoiceFacts,
  'invoiceId' | 'issuedOn' | 'dueOn' | 'amount' | 'outstanding' | 'writtenOff' | 'disputed' | 'settlements'
>;

export type CollectionsPayment = Pick<PaymentFacts, 'amount' | 'receivedOn' | 'reversedOn'>;

export interface CollectionsBehaviour {
  trend: Pick<PaymentTrend, 'direction' | 'slopeDaysPerInvoice' | 'observations'>;
  /** Engagement against the client's own baseline; without it there is no `engagement` trigger. */
  engagementChange?: Pick<EngagementChange, 'alarm' | 'points' | 'detail'>;
  /**
   * Payments against the client's own baseline; with it, a deteriorating trend opens a review only when the
   * payments bear it out (`confirmsDecline`), and its `alarm` opens one on its own.
   */
  paymentChange?: Pick<PaymentChange, 'points' | 'confirmsDecline'> & Partial<Pick<PaymentChange, 'alarm'>>;
}

export interface CollectionsSolvency extends Pick<Solvency, 'riskScore' | 'riskLevel'> {
  /**
   * The risk level at the end of each recent day, oldest first. Needed only while a risk-triggered
   * credit hold is on: it is released once every one of the last `riskHoldReleaseDays` days (and now)
   * was below `high`. A missing day counts as not below high, so the hold stays.
   */
  dailyRiskLevels?: readonly { on: IsoDate; riskLevel: RiskLevel }[];
}
