import { daysBetween } from '../shared/dates';
import { toMinor } from '../money/money';
import { type IsoDate } from '../shared/types';
import { type InvoiceFacts } from './facts';

/** What an invoice means on a given local date `today`. */

export type PaidInvoice = InvoiceFacts & { paidOn: IsoDate };

export const outstandingOf = (invoice: InvoiceFacts): bigint => toMinor(invoice.outstanding);

export const sumOutstanding = (invoices: readonly InvoiceFacts[]): bigint =>
  invoices.reduce((total, invoice) => total + outstandingOf(invoice), 0n);

export const isOpen = (invoice: InvoiceFacts): boolean => outstandingOf(invoice) > 0n;

export const isPaid = (invoice: InvoiceFacts): invoice is PaidInvoice => invoice.paidOn !== undefined;

/** Days past due on `today`: 0 on the due date, negative before it. */
export const daysPastDue = (invoice: InvoiceFacts, today: IsoDate): number => daysBetween(invoice.dueOn, today);

export const isOverdue = (invoice: InvoiceFacts, today: IsoDate): boolean => isOpen(invoice) && daysPastDue(invoice, today) > 0;

/** Days between due date and full payment; negative when paid early (PAYDEX rewards that). */
export const daysBeyondTerms = (invoice: PaidInvoice): number => daysBetween(invoice.dueOn, invoice.paidOn);

/** Days late of a paid invoice; paying early is 0 days late, it does not offset lateness elsewhere. */
export const daysLate = (invoice: PaidInvoice): number => Math.max(0, daysBeyondTerms(invoice));

export const daysToPay = (invoice: PaidInvoice): number => daysBetween(invoice.issuedOn, invoice.paidOn);
