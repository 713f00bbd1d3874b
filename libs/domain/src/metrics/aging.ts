import { type IsoDate } from '../shared/types';
import { type InvoiceFacts } from './facts';
import { daysPastDue, isOpen, outstandingOf } from './invoice-figures';

export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd91_plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
/** Outstanding minor units per bucket of days past due. */
export type AgingBuckets = Record<AgingBucket, bigint>;

/** `current` is not yet past due (the due date itself included). */
export const agingBucketFor = (daysPastDue: number): AgingBucket => {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'd1_30';
  if (daysPastDue <= 60) return 'd31_60';
  if (daysPastDue <= 90) return 'd61_90';
  return 'd91_plus';
};

export const emptyAging = (): AgingBuckets => ({ current: 0n, d1_30: 0n, d31_60: 0n, d61_90: 0n, d91_plus: 0n });

export const addAging = (a: AgingBuckets, b: AgingBuckets): AgingBuckets => ({
  current: a.current + b.current,
  d1_30: a.d1_30 + b.d1_30,
  d31_60: a.d31_60 + b.d31_60,
  d61_90: a.d61_90 + b.d61_90,
  d91_plus: a.d91_plus + b.d91_plus,
});

export const agingTotal = (aging: AgingBuckets): bigint => AGING_BUCKETS.reduce((total, bucket) => total + aging[bucket], 0n);

/** Outstanding amounts (disputed ones included) by days past due on `today`. */
export const agingOf = (invoices: readonly InvoiceFacts[], today: IsoDate): AgingBuckets =>
  invoices.filter(isOpen).reduce((aging, invoice) => {
    const bucket = agingBucketFor(daysPastDue(invoice, today));
    return { ...aging, [bucket]: aging[bucket] + outstandingOf(invoice) };
  }, emptyAging());
