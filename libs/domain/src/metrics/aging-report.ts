import { type DateTime } from 'luxon';
import { localDate } from '../shared/dates';
import { type IsoInstant } from '../shared/types';
import { type AgingBuckets, addAging, agingOf, agingTotal, emptyAging } from './aging';
import { type ReceivablesFacts } from './receivables';

export interface AgingReportRow {
  clientId: string;
  name: string;
  buckets: AgingBuckets;
  total: bigint;
}

/** SPEC 4.4 `GET /reports/aging`: one currency, each client aged in its own time zone. */
export interface AgingReport {
  currency: string;
  asOf: IsoInstant;
  /** Clients with anything outstanding, largest total first. */
  clients: AgingReportRow[];
  totals: AgingBuckets & { total: bigint };
}

export const agingReport = (accounts: readonly ReceivablesFacts[], currency: string, now: DateTime): AgingReport => {
  const clients = accounts
    .filter((account) => account.currency === currency)
    .map((account): AgingReportRow => {
      const buckets = agingOf(account.invoices, localDate(now, account.timezone));
      return { clientId: account.clientId, name: account.name, buckets, total: agingTotal(buckets) };
    })
    .filter((row) => row.total > 0n)
    .sort((a, b) => (a.total === b.total ? a.clientId.localeCompare(b.clientId) : a.total > b.total ? -1 : 1));
  const buckets = clients.reduce((sum, row) => addAging(sum, row.buckets), emptyAging());
  return { currency, asOf: now.toUTC().toISO() as IsoInstant, clients, totals: { ...buckets, total: agingTotal(buckets) } };
};
