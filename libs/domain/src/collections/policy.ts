import { type Agreement, type PaymentTerms } from '../agreement/agreement';
import { DEFAULT_LADDER, type LadderLevel, type LadderThreshold } from '../agreement/collections-ladder';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config';

/** How the collections process treats one client (SPEC 5); the runner may override any part per client. */
export interface CollectionsPolicy {
  /** Days past due of the oldest undisputed overdue invoice at which each level is reached. */
  ladder: Record<LadderLevel, LadderThreshold>;
  /** The process's own ladder, set when `ladder` has rungs agreed with the client over it: what an earlier agreed ladder is read against. */
  processLadder?: Record<LadderLevel, LadderThreshold>;
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
  /** Least days between two client-facing steps (reminder, firm reminder, final notice, agency): time to act on each. */
  minimumStepSpacingDays: number;
  /** The final notice's payment deadline is this many days after it reaches the client; the agency step comes only after it. */
  finalNoticeDays: number;
  /** A handover to an agency is proposed to an admin (`AgencyHandoverProposed`) rather than made at once. */
  agencyRequiresApproval: boolean;
  /**
   * No client-facing step before this many business days after the due date: bank payments are booked first (SPEC 3.3:
   * default 2, so the first reminder comes 2 business days past due); the agreement may set another, 0 included.
   */
  bookingLagBusinessDays: number;
}

export const DEFAULT_COLLECTIONS_POLICY: CollectionsPolicy = {
  ladder: DEFAULT_LADDER,
  tightenedLadderFactor: 0.5,
  tightenedPaymentTerms: { type: 'due_on_receipt' },
  promiseGraceDays: DEFAULT_METRICS_CONFIG.promiseGraceDays,
  riskHoldReleaseDays: 30,
  accountReviewIntervalDays: 90,
  finalNoticeSuspensionDays: 7,
  minimumStepSpacingDays: 7,
  finalNoticeDays: 14,
  agencyRequiresApproval: true,
  bookingLagBusinessDays: 2,
};

/** The policy for one client: the process's policy with the rungs and the collections settings agreed in the client's agreement. */
export const withAgreedSettings = (policy: CollectionsPolicy, agreement: Agreement | undefined): CollectionsPolicy => {
  if (!agreement) return policy;
  const { collectionsLadder, minimumStepSpacingDays, finalNoticeDays, agencyRequiresApproval, bookingLagBusinessDays } = agreement;
  const agreed: Partial<CollectionsPolicy> = {
    ...(collectionsLadder !== undefined && {
      ladder: { ...policy.ladder, ...collectionsLadder },
      processLadder: policy.processLadder ?? policy.ladder,
    }),
    ...(minimumStepSpacingDays !== undefined && { minimumStepSpacingDays }),
    ...(finalNoticeDays !== undefined && { finalNoticeDays }),
    ...(agencyRequiresApproval !== undefined && { agencyRequiresApproval }),
    ...(bookingLagBusinessDays !== undefined && { bookingLagBusinessDays }),
  };
  return Object.keys(agreed).length === 0 ? policy : { ...policy, ...agreed };
};
