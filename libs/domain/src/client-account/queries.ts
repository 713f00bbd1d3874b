import { type DateTime } from 'luxon';
import { type PaymentTerms } from '../agreement/agreement';
import { localDate } from '../shared/dates';
import { sumBigInt } from '../money/money';
import { type IsoDate } from '../shared/types';
import { type InvoiceState, type PaymentState, type RegisteredAccount } from './state';

/** Today's date where the client is. */
export const todayFor = (account: RegisteredAccount, now: DateTime): IsoDate => localDate(now, account.agreement.timezone);

export const openInvoices = (account: RegisteredAccount): InvoiceState[] =>
  [...account.invoices.values()].filter((invoice) => invoice.outstanding > 0n);

/** Earliest due first; ties by issue date, then invoice id, so the order never depends on recording order. */
export const byOldestDue = (a: InvoiceState, b: InvoiceState): number =>
  compare(a.dueOn, b.dueOn) || compare(a.issuedOn, b.issuedOn) || compare(a.invoiceId, b.invoiceId);

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Payments with unapplied credit, oldest receipt first (recording order among the same day). */
export const paymentsWithCredit = (account: RegisteredAccount): PaymentState[] =>
  [...account.payments.values()].filter((payment) => payment.unapplied > 0n).sort((a, b) => compare(a.receivedOn, b.receivedOn));

export const unappliedCredit = (account: RegisteredAccount): bigint =>
  sumBigInt([...account.payments.values()].map((payment) => payment.unapplied));

/** Terms for a new invoice: tightened by the collections process, else the agreement's. */
export const paymentTermsForNewInvoices = (account: RegisteredAccount): PaymentTerms =>
  account.collections.tightenedTerms?.paymentTerms ?? account.agreement.paymentTerms;

/** A manual pause is in force through `until`, its last day (the API's "last day of the pause"). */
export const pauseInForce = <Pause extends { until: IsoDate }>(pause: Pause | undefined, today: IsoDate): Pause | undefined =>
  pause && today <= pause.until ? pause : undefined;

/** The manual pause in force on `today`, if any. */
export const activePause = (account: RegisteredAccount, today: IsoDate): RegisteredAccount['collections']['pause'] =>
  pauseInForce(account.collections.pause, today);
