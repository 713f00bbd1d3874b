import { BehaviourFacts, IsoDate, toMinor } from '@settle/domain';

/**
 * One row of the client facts view: the facts as a document, plus the headline columns that
 * filters and reports select on. Nothing here depends on "now".
 */
export interface ClientFactsRow {
  client_id: string;
  name: string;
  currency: string;
  timezone: string;
  /** Minor units, as a decimal string. */
  outstanding: string;
  open_invoices: number;
  /** Earliest due date of the invoices still open: overdue candidates are found by it. */
  earliest_open_due_on: IsoDate | null;
  facts: BehaviourFacts;
  /** Revision of the last event of the client's stream in the view. */
  stream_revision: string;
}

export const clientFactsRow = (facts: BehaviourFacts, streamRevision: bigint): ClientFactsRow => {
  const open = facts.invoices.filter((invoice) => toMinor(invoice.outstanding) > 0n);
  const earliestDue = open.reduce<IsoDate | null>((earliest, invoice) => (earliest === null || invoice.dueOn < earliest ? invoice.dueOn : earliest), null);
  return {
    client_id: facts.clientId,
    name: facts.name,
    currency: facts.currency,
    timezone: facts.timezone,
    outstanding: open.reduce((total, invoice) => total + toMinor(invoice.outstanding), 0n).toString(),
    open_invoices: open.length,
    earliest_open_due_on: earliestDue,
    facts,
    stream_revision: streamRevision.toString(),
  };
};
