import { type Agreement } from '../../agreement/agreement';
import { compareIsoDates, localDate } from '../../shared/dates';
import { instantOf } from '../../client-account/decisions/command-input';
import { toMinor } from '../../money/money';
import { type IsoDate, type IsoInstant } from '../../shared/types';
import { type RiskLevel } from '../../metrics/solvency';
import { type CollectionsInput, type CollectionsInvoice } from '../input';
import { type LadderPeriod, ladderPeriods, tightenedOnOf } from '../ladder-periods';
import { type CollectionsProcessState } from '../state';

/** An invoice as the rules read it: amounts as bigint. */
export interface InvoiceView {
  invoiceId: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  amount: bigint;
  outstanding: bigint;
  writtenOff: bigint;
  disputed: boolean;
  /** Positive reduces the principal, negative (a reversal) restores it. */
  principalReductions: { on: IsoDate; amount: bigint }[];
}

/** One run's view of the world: the input plus what every rule derives from it the same way. */
export interface DecisionContext extends Omit<CollectionsInput, 'account'> {
  state: CollectionsProcessState;
  payments: CollectionsInput['account']['payments'];
  agreement: Agreement;
  clientId: string;
  today: IsoDate;
  decidedAt: IsoInstant;
  invoices: InvoiceView[];
  /** Undisputed invoices past due with principal outstanding, oldest due first: what the ladder acts on. */
  overdue: InvoiceView[];
  /** Nothing outstanding on any invoice. */
  settled: boolean;
  /** 1, or the tightened factor once terms are (or are being) tightened. */
  ladderFactor: number;
  /** The ladders and factors in force over time: what a past day is judged by (fees, corrections). */
  ladderPeriods: LadderPeriod[];
}

export const RISK_AT_LEAST_HIGH: readonly RiskLevel[] = ['high', 'critical'];

const invoiceView = (invoice: CollectionsInvoice): InvoiceView => ({
  invoiceId: invoice.invoiceId,
  issuedOn: invoice.issuedOn,
  dueOn: invoice.dueOn,
  amount: toMinor(invoice.amount),
  outstanding: toMinor(invoice.outstanding),
  writtenOff: toMinor(invoice.writtenOff),
  disputed: invoice.disputed,
  principalReductions: invoice.settlements.map((settlement) => ({ on: settlement.on, amount: toMinor(settlement.amount) })),
});

const byOldestDue = (a: InvoiceView, b: InvoiceView): number => compareIsoDates(a.dueOn, b.dueOn) || a.invoiceId.localeCompare(b.invoiceId);

/**
 * Undefined before the client is registered: there is nothing to collect yet. The input's parts are
 * named, not taken as a rest object and spread again: V8 builds that copy slowly (some 20 µs, more
 * than the rest of the context), and this runs for every client in every cycle.
 */
export const decisionContext = ({ account, behaviour, solvency, policy, now }: CollectionsInput): DecisionContext | undefined => {
  const state = account.collections;
  const { agreement } = state;
  if (!agreement) return undefined;
  const today = localDate(now, agreement.timezone);
  const invoices = account.invoices.map(invoiceView);
  // Terms tightened now (risk high) halve the thresholds in this very run: act before the ladder would.
  const tightensNow = RISK_AT_LEAST_HIGH.includes(solvency.riskLevel) ? policy.tightenedLadderFactor : 1;
  const ladderFactor = state.tightenedTerms?.ladderFactor ?? tightensNow;
  const tightenedOn = state.tightenedTerms ? tightenedOnOf(state.tightenedTerms.decidedAt, agreement.timezone) : today;
  return {
    behaviour,
    solvency,
    policy,
    now,
    state,
    payments: account.payments,
    agreement,
    clientId: state.clientId,
    today,
    decidedAt: instantOf(now),
    invoices,
    overdue: invoices.filter((invoice) => invoice.outstanding > 0n && invoice.dueOn < today && !invoice.disputed).sort(byOldestDue),
    settled: invoices.every((invoice) => invoice.outstanding === 0n),
    ladderFactor,
    ladderPeriods: ladderPeriods(state, policy, ladderFactor === 1 ? undefined : { on: tightenedOn, factor: ladderFactor }),
  };
};

export const sumOutstanding = (invoices: readonly InvoiceView[]): bigint =>
  invoices.reduce((total, invoice) => total + invoice.outstanding, 0n);
