import { toMinor } from '../money/money';
import { addDays, addYears, daysBetween } from '../shared/dates';
import { excessOver, quantile, smoothedRate } from '../shared/statistics';
import { type IsoDate } from '../shared/types';
import { roundTo } from './arithmetic';
import { type PaymentChangeConfig } from './config';
import { type BehaviourFacts, type InvoiceFacts } from './facts';
import { daysLate, daysPastDue, isOverdue, isPaid } from './invoice-figures';
import { promiseOutcome } from './promises';

/**
 * Payment behaviour against the client's own baseline (issue 14): invoices due in the last `recentDays`
 * that are (or were) later than this client usually pays, and promises broken more often than it used
 * to break them, payments that cover only part of an invoice and payments that bounce more often than
 * it used to. A client who is always three weeks late, or late every summer, is late as usual; one who
 * paid on time and now pays later, or in ever smaller parts, is not.
 */
export interface PaymentChange {
  /** The baseline's `usualQuantile` of days late (paid and overdue invoices due in the baseline); null without enough of them. */
  usualDaysLate: number | null;
  /** Invoices due in the recent window, paid or overdue. */
  recentInvoices: number;
  /** Of those, later than usual by more than `marginDays` (an open one by its days past due so far). */
  laterThanUsual: number;
  /** Of those, at least `withoutBaseline.lateDays` late: what a new client's payments are judged by. */
  recentLate: number;
  /**
   * The payments bear out a deteriorating trend: with a baseline, later than usual (`points` > 0); without one,
   * late again and again (`withoutBaseline.lateInvoices` recent invoices): a new client's one or two bad months —
   * a holiday, a seasonal business's first summer — are not yet a decline.
   */
  confirmsDecline: boolean;
  /** Promises due in the recent window that were broken, and what the baseline rate predicts. */
  recentBrokenPromises: number;
  excessBrokenPromises: number;
  /** Payments received in the recent window, and of those the ones that left their invoice partly open. */
  recentPayments: number;
  recentPartPayments: number;
  /** Part payments beyond the baseline rate and its chance variation (≥ 0, 1 decimal). */
  excessPartPayments: number;
  /** Payments reversed (bounced) in the recent window, and beyond the baseline rate (1 decimal). */
  recentReversals: number;
  excessReversals: number;
  points: number;
  /** `points` reached `alarmPoints`: reason enough for an account review on its own. */
  alarm: boolean;
  detail: string;
}

/** Payments, part payments and reversals of one window, by the day they happened. */
interface SettlementCounts {
  payments: number;
  partPayments: number;
  reversals: number;
}

/**
 * Walks each invoice's settlements in order: a payment that leaves the invoice open is a part payment;
 * a reversal is a payment that bounced. Counted in the window `windowOf` puts their day in.
 */
const countSettlements = (invoices: readonly InvoiceFacts[], windowOf: (on: IsoDate) => SettlementCounts | undefined): void => {
  for (const invoice of invoices) {
    let open = toMinor(invoice.amount);
    for (const settlement of invoice.settlements) {
      open -= toMinor(settlement.amount);
      const window = windowOf(settlement.on);
      if (!window) continue;
      if (settlement.kind === 'payment') {
        window.payments++;
        if (open > 0n) window.partPayments++;
      } else if (settlement.kind === 'reversal') window.reversals++;
    }
  }
};

/** An invoice's days late (an open one's so far), by its due date. */
interface Lateness {
  dueOn: IsoDate;
  days: number;
}

/**
 * The latest the client paid the invoices due within `seasonDays` of the same day a year before: a business
 * late every summer or December is late as usual then, even when the rest of its year is punctual.
 */
const latestSameSeason = (baseline: readonly Lateness[], dueOn: IsoDate, seasonDays: number): number | undefined => {
  const yearBefore = addYears(dueOn, -1);
  const sameSeason = baseline.filter((lateness) => Math.abs(daysBetween(yearBefore, lateness.dueOn)) <= seasonDays);
  return sameSeason.length === 0 ? undefined : Math.max(...sameSeason.map(({ days }) => days));
};

const emptyCounts = (): SettlementCounts => ({ payments: 0, partPayments: 0, reversals: 0 });
const percent = (rate: number) => `${Math.round(rate * 100)} %`;

export const paymentChangeOf = (facts: BehaviourFacts, today: IsoDate, graceDays: number, config: PaymentChangeConfig): PaymentChange => {
  const recentFrom = addDays(today, -config.recentDays);
  const baselineFrom = addDays(recentFrom, -config.baselineDays);
  const recentLateness: Lateness[] = [];
  const baselineLateness: Lateness[] = [];
  for (const invoice of facts.invoices) {
    if (invoice.dueOn <= baselineFrom || invoice.dueOn > today) continue;
    const days = isPaid(invoice) ? daysLate(invoice) : isOverdue(invoice, today) ? daysPastDue(invoice, today) : undefined;
    if (days === undefined) continue;
    (invoice.dueOn > recentFrom ? recentLateness : baselineLateness).push({ dueOn: invoice.dueOn, days });
  }
  const [recent, baseline] = [recentLateness.map(({ days }) => days), baselineLateness.map(({ days }) => days)];
  const recentLate = recent.filter((days) => days >= config.withoutBaseline.lateDays).length;
  const usualDaysLate = baseline.length >= config.minBaselineInvoices ? (quantile(baseline, config.usualQuantile) ?? null) : null;
  const laterThanUsual =
    usualDaysLate === null
      ? 0
      : recentLateness.filter(
          ({ dueOn, days }) =>
            days > usualDaysLate + config.marginDays &&
            days > (latestSameSeason(baselineLateness, dueOn, config.seasonDays) ?? -Infinity) + config.marginDays,
        ).length;

  const outcomes = facts.promises
    .filter((promise) => promise.promisedOn > baselineFrom && promise.promisedOn <= today)
    .map((promise) => ({
      recent: promise.promisedOn > recentFrom,
      broken: promiseOutcome(promise, facts.payments, today, facts.timezone, graceDays) === 'broken',
    }));
  const baselinePromises = outcomes.filter((outcome) => !outcome.recent);
  const brokenRate = smoothedRate(
    baselinePromises.filter((outcome) => outcome.broken).length,
    baselinePromises.length,
    config.priorPromises,
    config.priorBrokenRate,
  );
  const recentPromises = outcomes.filter((outcome) => outcome.recent);
  const recentBrokenPromises = recentPromises.filter((outcome) => outcome.broken).length;
  const excessBrokenPromises = Math.max(0, Math.round((recentBrokenPromises - recentPromises.length * brokenRate) * 10) / 10);

  const [recentSettlements, baselineSettlements] = [emptyCounts(), emptyCounts()];
  countSettlements(facts.invoices, (on) =>
    on > today || on <= baselineFrom ? undefined : on > recentFrom ? recentSettlements : baselineSettlements,
  );
  const { priorPayments, priorPartRate, priorReversalRate, slackDeviations } = config.settlements;
  const partRate = smoothedRate(baselineSettlements.partPayments, baselineSettlements.payments, priorPayments, priorPartRate);
  const reversalRate = smoothedRate(baselineSettlements.reversals, baselineSettlements.payments, priorPayments, priorReversalRate);
  const excessPartPayments = roundTo(excessOver(recentSettlements.partPayments, recentSettlements.payments, partRate, slackDeviations), 1);
  // A reversal undoes a payment: the payments it could have undone are the trials. Whole reversals beyond the usual only:
  // one bounce is an odd month a healthy payer has too, and at 8 points a fraction of it would weigh like a late invoice.
  const excessReversals = Math.floor(excessOver(recentSettlements.reversals, recentSettlements.payments, reversalRate, slackDeviations));

  // Without a baseline nothing can have changed (`broken_promises` still counts every broken promise).
  const points =
    usualDaysLate === null
      ? 0
      : Math.round(
          config.pointsPerLaterThanUsual * laterThanUsual +
            config.pointsPerExcessBrokenPromise * excessBrokenPromises +
            config.settlements.pointsPerExcessPartPayment * excessPartPayments +
            config.settlements.pointsPerExcessReversal * excessReversals,
        );
  const detail =
    (usualDaysLate === null
      ? `Not enough history to compare payments with (${baseline.length} of ${config.minBaselineInvoices} invoices before the last ${config.recentDays} days); ` +
        `${recentLate} of ${recent.length} recent invoices at least ${config.withoutBaseline.lateDays} days late (a new client's trend needs ${config.withoutBaseline.lateInvoices})`
      : `${laterThanUsual} of ${recent.length} invoices due in the last ${config.recentDays} days ${laterThanUsual === 1 ? 'is' : 'are'} more than ${config.marginDays} days later than usual (usually up to ${usualDaysLate} days late)`) +
    `; ${recentBrokenPromises} of ${recentPromises.length} recent promises broken (usually ${percent(brokenRate)}: ${excessBrokenPromises} beyond that)` +
    `; ${recentSettlements.partPayments} of ${recentSettlements.payments} recent payments covered only part of an invoice (usually ${percent(partRate)}: ${excessPartPayments} beyond that)` +
    `, ${recentSettlements.reversals} bounced (usually ${percent(reversalRate)}: ${excessReversals} beyond that).`;
  return {
    usualDaysLate,
    recentInvoices: recent.length,
    laterThanUsual,
    recentLate,
    confirmsDecline: usualDaysLate === null ? recentLate >= config.withoutBaseline.lateInvoices : points > 0,
    recentBrokenPromises,
    excessBrokenPromises,
    recentPayments: recentSettlements.payments,
    recentPartPayments: recentSettlements.partPayments,
    excessPartPayments,
    recentReversals: recentSettlements.reversals,
    excessReversals,
    points,
    alarm: points >= config.alarmPoints,
    detail,
  };
};
