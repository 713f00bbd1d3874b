import { daysBetween } from '../shared/dates';
import { type IsoDate } from '../shared/types';
import { type InvoiceState } from './state';

export const INVOICE_STATUSES = ['open', 'partially_paid', 'overdue', 'disputed', 'paid', 'credited', 'written_off'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * An invoice's status on the client's local date `today`. Precedence, first match wins:
 * 1. `written_off`    nothing outstanding, and some of it was written off as bad debt;
 * 2. `credited`       nothing outstanding, settled by credit notes alone;
 * 3. `paid`           nothing outstanding, something paid (credit notes may have covered the rest);
 * 4. `disputed`       outstanding with an open dispute: collection is on hold, which says more than "overdue";
 * 5. `overdue`        outstanding after the due date, even if partly paid: the more urgent fact;
 * 6. `partially_paid` outstanding, not yet due, something paid;
 * 7. `open`           outstanding, not yet due, nothing paid.
 */
export const invoiceStatus = (invoice: InvoiceState, today: IsoDate): InvoiceStatus => {
  if (invoice.outstanding === 0n) {
    if (invoice.writtenOff > 0n) return 'written_off';
    return invoice.paid > 0n ? 'paid' : 'credited';
  }
  if (invoice.openDispute) return 'disputed';
  if (today > invoice.dueOn) return 'overdue';
  return invoice.paid > 0n ? 'partially_paid' : 'open';
};

/** Calendar days past the due date while something is outstanding, else 0. */
export const daysOverdue = (invoice: InvoiceState, today: IsoDate): number =>
  invoice.outstanding > 0n && today > invoice.dueOn ? daysBetween(invoice.dueOn, today) : 0;
