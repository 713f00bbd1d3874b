import { toMinor } from '../money/money';
import { type IsoDate } from '../shared/types';
import { type BehaviourFacts, type InvoiceFacts } from './facts';

/** What the portfolio reports need of each client: its invoices with their settlement history. */
export type ReceivablesFacts = Pick<BehaviourFacts, 'clientId' | 'name' | 'currency' | 'timezone' | 'invoices'>;

/** An invoice's outstanding amount at the end of `date`: 0 before it was issued, then amount − settlements so far. */
export const outstandingAt = (invoice: InvoiceFacts, date: IsoDate): bigint =>
  invoice.issuedOn > date
    ? 0n
    : invoice.settlements
        .filter((settlement) => settlement.on <= date)
        .reduce((rest, settlement) => rest - toMinor(settlement.amount), toMinor(invoice.amount));

/** Accounts receivable at the end of `date`. */
export const receivablesAt = (invoices: readonly InvoiceFacts[], date: IsoDate): bigint =>
  invoices.reduce((total, invoice) => total + outstandingAt(invoice, date), 0n);

/** The part of the receivables at the end of `date` that is not yet past due. */
export const currentReceivablesAt = (invoices: readonly InvoiceFacts[], date: IsoDate): bigint =>
  receivablesAt(
    invoices.filter((invoice) => invoice.dueOn >= date),
    date,
  );

/** Invoiced amount of the invoices issued from `from` through `to`. */
export const salesBetween = (invoices: readonly InvoiceFacts[], from: IsoDate, to: IsoDate): bigint =>
  invoices
    .filter((invoice) => invoice.issuedOn >= from && invoice.issuedOn <= to)
    .reduce((total, invoice) => total + toMinor(invoice.amount), 0n);
