import {
  AGING_BUCKETS,
  type AgingBuckets,
  type AgingReport,
  type DsoReport,
  formatMinorUnits,
  type PaymentBehaviour,
  type Solvency,
} from '@settle/domain';
import { type ClientFigures, type CurrencyTotals, type Portfolio } from '@settle/projections';

/** Amounts leave as major-unit decimal strings of their currency (SPEC 3.2); everything else as computed. */
const moneyIn = (currency: string) => (minor: bigint) => formatMinorUnits(minor, currency);

const presentAging = (aging: AgingBuckets, currency: string) =>
  Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, formatMinorUnits(aging[bucket], currency)])) as Record<
    keyof AgingBuckets,
    string
  >;

/** SPEC 4.2 */
export function presentPaymentBehaviour(clientId: string, behaviour: PaymentBehaviour) {
  const money = moneyIn(behaviour.currency);
  return {
    clientId,
    ...behaviour,
    outstanding: money(behaviour.outstanding),
    overdue: money(behaviour.overdue),
    aging: presentAging(behaviour.aging, behaviour.currency),
  };
}

/** SPEC 4.3 */
export const presentSolvency = (clientId: string, solvency: Solvency) => ({ clientId, ...solvency });

/** One line of the portfolio list: the headline figures. */
const presentClient = ({ facts, behaviour, solvency, balance, unappliedCredit }: ClientFigures) => {
  const money = moneyIn(facts.currency);
  return {
    clientId: facts.clientId,
    name: facts.name,
    currency: facts.currency,
    balance: money(balance),
    outstanding: money(behaviour.outstanding),
    overdue: money(behaviour.overdue),
    unappliedCredit: money(unappliedCredit),
    openInvoices: behaviour.openInvoices,
    oldestOverdueDays: behaviour.oldestOverdueDays,
    riskScore: solvency.riskScore,
    riskLevel: solvency.riskLevel,
    trend: { direction: behaviour.trend.direction, slopeDaysPerInvoice: behaviour.trend.slopeDaysPerInvoice },
    paydex: behaviour.paydex,
    onTimeRate: behaviour.onTimeRate,
    dso: behaviour.dso,
    nextPayment: behaviour.nextPayment,
  };
};

const presentTotals = ({ currency, clients, outstanding, balance, overdue }: CurrencyTotals) => {
  const money = moneyIn(currency);
  return { currency, clients, balance: money(balance), outstanding: money(outstanding), overdue: money(overdue) };
};

/** SPEC 4.4 `GET /clients` */
export const presentPortfolio = (portfolio: Portfolio, page: { limit: number; offset: number }) => ({
  asOf: portfolio.asOf,
  total: portfolio.total,
  limit: page.limit,
  offset: page.offset,
  clients: portfolio.clients.map(presentClient),
  totalsByCurrency: portfolio.totals.map(presentTotals),
});

/** SPEC 4.4 `GET /reports/aging` */
export function presentAgingReport(report: AgingReport) {
  const { total, ...buckets } = report.totals;
  return {
    currency: report.currency,
    asOf: report.asOf,
    clients: report.clients.map((row) => ({
      clientId: row.clientId,
      name: row.name,
      buckets: presentAging(row.buckets, report.currency),
      total: formatMinorUnits(row.total, report.currency),
    })),
    totals: { buckets: presentAging(buckets, report.currency), total: formatMinorUnits(total, report.currency) },
  };
}

/** SPEC 4.4 `GET /reports/dso` */
export function presentDsoReport(report: DsoReport, timezone: string) {
  const money = moneyIn(report.currency);
  return {
    currency: report.currency,
    asOf: report.asOf,
    timezone,
    months: report.months.map((month) => ({
      ...month,
      sales: money(month.sales),
      beginAr: money(month.beginAr),
      endAr: money(month.endAr),
      endCurrentAr: money(month.endCurrentAr),
    })),
  };
}
