import { Agreement, PaymentTerms } from '../agreement/agreement';
import { COLLECTION_LEVELS, CollectionLevel } from '../client-account/events';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config';

/** A rung of the ladder (every collection level but `none`). */
export type LadderLevel = Exclude<CollectionLevel, 'none'>;

export const LADDER_LEVELS = COLLECTION_LEVELS.filter((level): level is LadderLevel => level !== 'none');

/** How a rung's days are counted: calendar days, or the client's business days. */
export const LADDER_UNITS = ['calendar_days', 'business_days'] as const;

/** Days past due at which a rung is reached. */
export interface LadderThreshold {
  days: number;
  unit: (typeof LADDER_UNITS)[number];
}

/** How the collections process treats one client (SPEC 5); the runner may override any part per client. */
export interface CollectionsPolicy {
  /** Days past due of the oldest undisputed overdue invoice at which each level is reached. */
  ladder: Record<LadderLevel, LadderThreshold>;
  /** Multiplies every threshold once terms are tightened (risk `high`): 0.5 halves them. */
  tightenedLadderFactor: number;
  /** The terms imposed on new invoices when they are tightened. */
  tightenedPaymentTerms: PaymentTerms;
  /** Payments received up to this many days after `promisedOn` still keep a promise; kept equal to the metrics' grace by default. */
  promiseGraceDays: number;
  /** A risk-triggered credit hold is released once the risk level has been below `high` for this many days. */
  riskHoldReleaseDays: number;
  /** At most one `account_review` task per this many days. */
  accountReviewIntervalDays: number;
  /** The final notice announces service suspension this many days after it is decided. */
  finalNoticeSuspensionDays: number;
}

export const DEFAULT_COLLECTIONS_POLICY: CollectionsPolicy = {
  ladder: {
    reminder: { days: 1, unit: 'business_days' },
    firm_reminder: { days: 7, unit: 'calendar_days' },
    call: { days: 14, unit: 'calendar_days' },
    credit_hold: { days: 30, unit: 'calendar_days' },
    final_notice: { days: 45, unit: 'calendar_days' },
    agency: { days: 60, unit: 'calendar_days' },
  },
  tightenedLadderFactor: 0.5,
  tightenedPaymentTerms: { type: 'due_on_receipt' },
  promiseGraceDays: DEFAULT_METRICS_CONFIG.promiseGraceDays,
  riskHoldReleaseDays: 30,
  accountReviewIntervalDays: 90,
  finalNoticeSuspensionDays: 7,
};

export const levelRank = (level: CollectionLevel): number => COLLECTION_LEVELS.indexOf(level);

export const higherLevel = <L extends CollectionLevel>(a: L, b: L): L => (levelRank(a) >= levelRank(b) ? a : b);

/** The rung above `level`; the last rung stays where it is. */
export const nextLevel = (level: CollectionLevel): LadderLevel => LADDER_LEVELS[Math.min(levelRank(level), LADDER_LEVELS.length - 1)];

/** The policy for one client: the process's policy with the rungs agreed in the client's agreement. */
export const withAgreedLadder = (policy: CollectionsPolicy, agreement: Agreement | undefined): CollectionsPolicy =>
  agreement?.collectionsLadder === undefined ? policy : { ...policy, ladder: { ...policy.ladder, ...agreement.collectionsLadder } };
