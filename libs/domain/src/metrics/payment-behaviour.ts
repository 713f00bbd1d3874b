import { type DateTime } from 'luxon';
import { addDays, addMonths, localDate } from '../shared/dates';
import { toMinor } from '../money/money';
import { type IsoDate, type IsoInstant } from '../shared/types';
import { type AgingBuckets, agingOf } from './aging';
import { ratioOrNull } from './arithmetic';
import { DEFAULT_METRICS_CONFIG, type MetricsConfig } from './config';
import { type Engagement, engagementOf } from './engagement';
import { type EngagementChange, engagementChangeOf } from './engagement-change';
import { type PaymentChange, paymentChangeOf } from './payment-change';
import { type PaymentPrediction, nextPredictedPayment } from '../client-account/payment-prediction';
import { type BehaviourFacts, type InvoiceFacts } from './facts';
import {
  type PaidInvoice,
  daysBeyondTerms,
  daysLate,
  daysPastDue,
  daysToPay,
  isOpen,
  isOverdue,
  isPaid,
  outstandingOf,
  sumOutstanding,
} from './invoice-figures';
import { paydexForDaysBeyondTerms } from './paydex';
import { type PromiseCounts, promiseCounts } from './promises';
import { type PaymentTrend, paymentTrend } from './trend';

/** SPEC 4.2, evaluated at `now` in the client's time zone. Amounts are minor units; ratios are rounded numbers. */
export interface PaymentBehaviour {
  asOf: IsoInstant;
  currency: string;
  invoicesIssued: number;
  /** Fully settled with payments and nothing written off. */
  invoicesPaid: number;
  /** Anything outstanding, disputed ones included. */
  openInvoices: number;
  /** Share (0–1, 2 decimals) of paid invoices paid on or before the due date; null without paid invoices. */
  onTimeRate: number | null;
  /** Mean days from issue to full payment over all paid invoices, 1 decimal. */
  averageDaysToPay: number | null;
  /** Σ amount × days late ÷ Σ amount over invoices paid in the last `lookbackMonths`; early counts as 0, 1 decimal. */
  weightedAverageDaysLate: number | null;
  /**
   * PAYDEX of the amount-weighted days beyond terms (early payment negative) of the invoices paid in the
   * last `lookbackMonths` plus the open overdue invoices (outstanding × days past due so far); null without either.
   */
  paydex: number | null;
  outstanding: bigint;
  overdue: bigint;
  /** Days past due of the oldest open overdue invoice; 0 when nothing is overdue. */
  oldestOverdueDays: number;
  aging: AgingBuckets;
  /** outstanding ÷ invoiced in the last `dsoWindowDays` × `dsoWindowDays`, 1 decimal; null without recent invoicing. */
  dso: number | null;
  trend: PaymentTrend;
  promises: PromiseCounts;
  engagement: Engagement;
  engagementChange: EngagementChange;
  paymentChange: PaymentChange;
  /** The open invoice predicted to be paid first (client-account/payment-prediction.ts); null with nothing open. */
  nextPayment: (PaymentPrediction & { invoiceId: string }) | null;
}

/** Σ weight × days ÷ Σ weight as a rounded number; weights are amounts, so the sums stay exact. */
const weightedDays = (items: readonly { weight: bigint; days: number }[], decimals: number): number | null =>
  ratioOrNull(
    items.reduce((total, { weight, days }) => total + weight * BigInt(days), 0n),
    items.reduce((total, { weight }) => total + weight, 0n),
    decimals,
  );

const paydexOf = (paidRecently: readonly PaidInvoice[], overdue: readonly InvoiceFacts[], today: IsoDate): number | null => {
  const days = weightedDays(
    [
      ...paidRecently.map((invoice) => ({ weight: toMinor(invoice.amount), days: daysBeyondTerms(invoice) })),
      ...overdue.map((invoice) => ({ weight: outstandingOf(invoice), days: daysPastDue(invoice, today) })),
    ],
    2,
  );
  return days === null ? null : paydexForDaysBeyondTerms(days);
};

/** The behaviour figures but the payment prediction: what the risk model and the collections rules read. */
export type PaymentFigures = Omit<PaymentBehaviour, 'nextPayment'>;

/** SPEC 4.2 with the open invoice predicted to be paid first, for the views. */
export const computePaymentBehaviour = (
  facts: BehaviourFacts,
  now: DateTime,
  config: MetricsConfig = DEFAULT_METRICS_CONFIG,
): PaymentBehaviour => ({
  ...paymentFiguresOf(facts, now, config),
  nextPayment: nextPredictedPayment(facts.invoices, isOpen, localDate(now, facts.timezone)),
});

/** SPEC 4.2 but the prediction, which no rule reads: a collections run computes only these. */
export const paymentFiguresOf = (facts: BehaviourFacts, now: DateTime, config: MetricsConfig = DEFAULT_METRICS_CONFIG): PaymentFigures => {
  const today = localDate(now, facts.timezone);
  const lookbackStart = addMonths(today, -config.lookbackMonths);
  const dsoWindowStart = addDays(today, -config.dsoWindowDays);

  const paid = facts.invoices.filter(isPaid);
  const paidRecently = paid.filter((invoice) => invoice.paidOn > lookbackStart);
  const open = facts.invoices.filter(isOpen);
  const overdue = open.filter((invoice) => isOverdue(invoice, today));
  const outstanding = sumOutstanding(open);
  const invoicedRecently = facts.invoices
    .filter((invoice) => invoice.issuedOn > dsoWindowStart)
    .reduce((total, invoice) => total + toMinor(invoice.amount), 0n);

  const paymentChange = paymentChangeOf(facts, today, config.promiseGraceDays, config.paymentChange);
  return {
    asOf: now.toUTC().toISO() as IsoInstant,
    currency: facts.currency,
    invoicesIssued: facts.invoices.length,
    invoicesPaid: paid.length,
    openInvoices: open.length,
    onTimeRate: ratioOrNull(BigInt(paid.filter((invoice) => daysBeyondTerms(invoice) <= 0).length), BigInt(paid.length), 2),
    averageDaysToPay: ratioOrNull(BigInt(paid.reduce((total, invoice) => total + daysToPay(invoice), 0)), BigInt(paid.length), 1),
    weightedAverageDaysLate: weightedDays(
      paidRecently.map((invoice) => ({ weight: toMinor(invoice.amount), days: daysLate(invoice) })),
      1,
    ),
    paydex: paydexOf(paidRecently, overdue, today),
    outstanding,
    overdue: sumOutstanding(overdue),
    oldestOverdueDays: overdue.reduce((oldest, invoice) => Math.max(oldest, daysPastDue(invoice, today)), 0),
    aging: agingOf(facts.invoices, today),
    dso: ratioOrNull(outstanding * BigInt(config.dsoWindowDays), invoicedRecently, 1),
    trend: paymentTrend(facts.invoices, today, config.trend),
    promises: promiseCounts(facts, today, config.promiseWindowDays, config.promiseGraceDays),
    engagement: engagementOf(facts, now, config.engagementWindowDays),
    engagementChange: engagementChangeOf(facts, now, config.engagementChange, paymentChange.points),
    paymentChange,
  };
};
