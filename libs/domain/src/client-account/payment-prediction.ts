import { addDays, daysBetween } from '../shared/dates';
import { median, quantile } from '../shared/statistics';
import { type IsoDate } from '../shared/types';

/**
 * When an open invoice will probably be paid (issue 14), from the client's own history: the days
 * beyond terms of its latest paid invoices. The centre is the median of the most recent ones (so a
 * client paying later and later is predicted later), the range the spread of the longer history around
 * its median. An invoice already later than the centre is predicted from the invoices that were paid
 * even later; beyond anything seen, `unseenWaitDays` from today.
 */
export interface PaymentPredictionConfig {
  /** Paid invoices (latest first) whose spread gives the range. */
  historyInvoices: number;
  /** Of those, the latest whose median gives the centre. */
  recentInvoices: number;
  /** The range: these quantiles of the history, around the centre. */
  lowQuantile: number;
  highQuantile: number;
  /** Without any paid invoice: the due date (past it: `unseenWaitDays` from today), with a range this many days after it. */
  noHistoryRangeDays: number;
  /** An invoice later than anything in the history: predicted this many days from today. */
  unseenWaitDays: number;
}

export const DEFAULT_PAYMENT_PREDICTION: PaymentPredictionConfig = {
  historyInvoices: 12,
  recentInvoices: 8,
  lowQuantile: 0.05,
  highQuantile: 0.95,
  noHistoryRangeDays: 14,
  unseenWaitDays: 14,
};

export interface PaymentPrediction {
  predictedOn: IsoDate;
  /** The range (`lowQuantile`–`highQuantile` of the history); never before today. */
  earliestOn: IsoDate;
  latestOn: IsoDate;
}

export interface PaidHistoryInvoice {
  dueOn: IsoDate;
  paidOn?: IsoDate;
}

/** Whole days: the median of an even count rounds half up. */
const medianDays = (values: readonly number[]): number => Math.round(median(values));
const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** Days beyond terms of the paid invoices, oldest payment first: what every prediction of this client starts from. */
export const paymentDelays = (invoices: Iterable<PaidHistoryInvoice>): number[] =>
  [...invoices]
    .filter((invoice): invoice is Required<PaidHistoryInvoice> => invoice.paidOn !== undefined)
    .sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0))
    .map((invoice) => daysBetween(invoice.dueOn, invoice.paidOn));

export const predictPayment = (
  dueOn: IsoDate,
  delays: readonly number[],
  today: IsoDate,
  config: PaymentPredictionConfig = DEFAULT_PAYMENT_PREDICTION,
): PaymentPrediction => {
  if (delays.length === 0) {
    // Nothing to go by: the due date, or once it has passed, as for an invoice later than anything seen.
    const predictedOn = dueOn >= today ? dueOn : addDays(today, config.unseenWaitDays);
    return { predictedOn, earliestOn: later(dueOn, today), latestOn: addDays(predictedOn, config.noHistoryRangeDays) };
  }
  const history = delays.slice(-config.historyInvoices);
  const centre = medianDays(history.slice(-config.recentInvoices));
  const usual = medianDays(history);
  const pastDue = daysBetween(dueOn, today);
  const laterThanThis = history.filter((delay) => delay > pastDue);
  const expected = centre > pastDue ? centre : laterThanThis.length > 0 ? medianDays(laterThanThis) : pastDue + config.unseenWaitDays;
  const low = Math.max(pastDue, expected - (usual - quantile(history, config.lowQuantile)!));
  const high = Math.max(expected, expected + (quantile(history, config.highQuantile)! - usual));
  return {
    predictedOn: later(addDays(dueOn, expected), today),
    earliestOn: later(addDays(dueOn, low), today),
    latestOn: later(addDays(dueOn, high), today),
  };
};

/** The open invoice predicted to be paid first, with its prediction: the next money this client should bring in. */
export const nextPredictedPayment = <T extends PaidHistoryInvoice & { invoiceId: string }>(
  invoices: readonly T[],
  isOpen: (invoice: T) => boolean,
  today: IsoDate,
  config: PaymentPredictionConfig = DEFAULT_PAYMENT_PREDICTION,
): (PaymentPrediction & { invoiceId: string }) | null => {
  const delays = paymentDelays(invoices);
  return invoices
    .filter(isOpen)
    .map((invoice) => ({ invoiceId: invoice.invoiceId, ...predictPayment(invoice.dueOn, delays, today, config) }))
    .reduce<(PaymentPrediction & { invoiceId: string }) | null>(
      (first, prediction) => (first === null || prediction.predictedOn < first.predictedOn ? prediction : first),
      null,
    );
};
