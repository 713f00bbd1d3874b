import { type InvoiceFacts, toMinor } from '@settle/domain';

/** Invoices issued during a credit hold (due on receipt, payable before the work starts) and not yet settled. */
export const awaitingPrepayment = (invoices: readonly InvoiceFacts[]): InvoiceFacts[] =>
  invoices.filter((invoice) => invoice.prepaymentRequired === true && toMinor(invoice.outstanding) > 0n);
