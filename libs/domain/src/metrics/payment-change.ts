import { addDays } from '../shared/dates';
import { quantile } from '../shared/statistics';
import { type IsoDate } from '../shared/types';
import { type PaymentChangeConfig } from './config';
import { type BehaviourFacts } from './facts';
import { daysLate, daysPastDue, isOverdue, isPaid } from './invoice-figures';
import { promiseOutcome } from './promises';

/**
 * Payment behaviour against the client's own baseline (issue 14): invoices due in the last `recentDays`
 * that are (or were) later than this client usually pays, and promises broken more often than it used
 * to break them. A client who is always three weeks late, or late every summer, is late as usual; one
 * who paid on time and now pays later is not.
 */
export interface PaymentChange {
  /** The baseline's `usualQuantile` of days late (paid and overdue invoices due in the baseline); null without enough of them. */
  usualDaysLate: number | null;
  /** Invoices due in the recent window, paid or overdue. */
  recentInvoices: number;
  /** Of those, later than usual by more than `marginDays` (an open one by its days past due so far). */
  laterThanUsual: number;
  /** Promises due in the recent window that were broken, and what the baseline rate predicts. */
  recentBrokenPromises: number;
  excessBrokenPromises: number;
  points: number;
  detail: string;
}

export const paymentChangeOf = (facts: BehaviourFacts, today: IsoDate, graceDays: number, config: PaymentChangeConfig): PaymentChange => {
  const recentFrom = addDays(today, -config.recentDays);
  const baselineFrom = addDays(recentFrom, -config.baselineDays);
  const recent: number[] = [];
  const baseline: number[] = [];
  for (const invoice of facts.invoices) {
    if (invoice.dueOn <= baselineFrom || invoice.dueOn > today) continue;
    const lateness = isPaid(invoice) ? daysLate(invoice) : isOverdue(invoice, today) ? daysPastDue(invoice, today) : undefined;
    if (lateness === undefined) continue;
    (invoice.dueOn > recentFrom ? recent : baseline).push(lateness);
  }
  const usualDaysLate = baseline.length >= config.minBaselineInvoices ? (quantile(baseline, config.usualQuantile) ?? null) : null;
  const laterThanUsual = usualDaysLate === null ? 0 : recent.filter((days) => days > usualDaysLate + config.marginDays).length;

  const outcomes = facts.promises
    .filter((promise) => promise.promisedOn > baselineFrom && promise.promisedOn <= today)
    .map((promise) => ({
      recent: promise.promisedOn > recentFrom,
      broken: promiseOutcome(promise, facts.payments, today, facts.timezone, graceDays) === 'broken',
    }));
  const baselinePromises = outcomes.filter((outcome) => !outcome.recent);
  const brokenRate =
    (baselinePromises.filter((outcome) => outcome.broken).length + config.priorPromises * config.priorBrokenRate) /
    (baselinePromises.length + config.priorPromises);
  const recentPromises = outcomes.filter((outcome) => outcome.recent);
  const recentBrokenPromises = recentPromises.filter((outcome) => outcome.broken).length;
  const excessBrokenPromises = Math.max(0, Math.round((recentBrokenPromises - recentPromises.length * brokenRate) * 10) / 10);

  // Without a baseline nothing can have changed (`broken_promises` still counts every broken promise).
  const points =
    usualDaysLate === null
      ? 0
      : Math.round(config.pointsPerLaterThanUsual * laterThanUsual + config.pointsPerExcessBrokenPromise * excessBrokenPromises);
  const detail =
    (usualDaysLate === null
      ? `Not enough history to compare payments with (${baseline.length} of ${config.minBaselineInvoices} invoices before the last ${config.recentDays} days)`
      : `${laterThanUsual} of ${recent.length} invoices due in the last ${config.recentDays} days ${laterThanUsual === 1 ? 'is' : 'are'} more than ${config.marginDays} days later than usual (usually up to ${usualDaysLate} days late)`) +
    `; ${recentBrokenPromises} of ${recentPromises.length} recent promises broken (usually ${Math.round(brokenRate * 100)} %: ${excessBrokenPromises} beyond that).`;
  return { usualDaysLate, recentInvoices: recent.length, laterThanUsual, recentBrokenPromises, excessBrokenPromises, points, detail };
};
