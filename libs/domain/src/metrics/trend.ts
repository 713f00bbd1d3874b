import { compareIsoDates } from '../shared/dates';
import { type IsoDate } from '../shared/types';
import { leastSquaresSlope, roundTo, theilSenSlope } from './arithmetic';
import { type TrendConfig } from './config';
import { type InvoiceFacts } from './facts';
import { daysLate, daysPastDue, isOverdue, isPaid } from './invoice-figures';

export type TrendDirection = 'improving' | 'stable' | 'deteriorating' | 'insufficient_data';

/** One invoice's lateness: final when paid, "so far" (a lower bound) while it is open and overdue. */
export interface LatenessObservation {
  invoiceId: string;
  daysLate: number;
  open: boolean;
}

export interface PaymentTrend {
  direction: TrendDirection;
  /** Least-squares slope of days late over the observation index, 2 decimals. */
  slopeDaysPerInvoice: number;
  /** Oldest first; the slope is fitted to these. */
  observations: LatenessObservation[];
}

/**
 * Paid invoices in order of settlement, then the open overdue ones: they are not settled yet, so they
 * come last, the longest-waiting one latest — a client who stops paying ends on its worst observation.
 */
export const latenessObservations = (invoices: readonly InvoiceFacts[], today: IsoDate): LatenessObservation[] => {
  const paid = invoices
    .filter(isPaid)
    .sort((a, b) => compareIsoDates(a.paidOn, b.paidOn) || compareIsoDates(a.dueOn, b.dueOn))
    .map((invoice) => ({ invoiceId: invoice.invoiceId, daysLate: daysLate(invoice), open: false }));
  const open = invoices
    .filter((invoice) => isOverdue(invoice, today))
    .map((invoice) => ({ invoiceId: invoice.invoiceId, daysLate: daysPastDue(invoice, today), open: true }))
    .sort((a, b) => a.daysLate - b.daysLate);
  return [...paid, ...open];
};

/**
 * Deteriorating needs the least-squares and the Theil–Sen slope both at the threshold, the latest
 * observation more than a week late and more than one observation late at all: a single bad month (often still open, so known
 * only "so far") can steepen a line but cannot make a trend on its own.
 */
const isDeteriorating = (observations: readonly LatenessObservation[], slope: number, config: TrendConfig): boolean => {
  const late = observations.filter((observation) => observation.daysLate > 0);
  return (
    slope >= config.deterioratingSlope &&
    observations[observations.length - 1].daysLate > config.deterioratingLatestDaysLate &&
    late.length >= config.deterioratingLateObservations &&
    theilSenSlope(observations.map((observation) => observation.daysLate)) >= config.deterioratingSlope
  );
};

const directionOf = (observations: readonly LatenessObservation[], slope: number, config: TrendConfig): TrendDirection => {
  const latest = observations[observations.length - 1];
  if (isDeteriorating(observations, slope, config)) return 'deteriorating';
  // An open invoice's lateness is only a lower bound, so it cannot show that payments got faster.
  if (slope <= config.improvingSlope && !latest.open) return 'improving';
  return 'stable';
};

export const paymentTrend = (invoices: readonly InvoiceFacts[], today: IsoDate, config: TrendConfig): PaymentTrend => {
  const observations = latenessObservations(invoices, today).slice(-config.observations);
  const slope = leastSquaresSlope(observations.map((observation) => observation.daysLate));
  const direction = observations.length < config.minObservations ? 'insufficient_data' : directionOf(observations, slope, config);
  return { direction, slopeDaysPerInvoice: roundTo(slope, 2), observations };
};
