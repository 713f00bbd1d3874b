import { type DateTime } from 'luxon';
import { dueDate, invoiceDueDate } from '../../agreement/due-date';
import { formatMinorUnits, minorString, sumBigInt, toMinor } from '../../money/money';
import { conflict, ruleBroken } from '../../shared/errors';
import { type IssueInvoice } from '../commands';
import { type CreditApplied, type InvoiceIssued } from '../events';
import { agencyClaim } from '../collections-state';
import { paymentTermsForNewInvoices, paymentsWithCredit, todayFor } from '../queries';
import { type RegisteredAccount } from '../state';
import { happenedOn, positiveAmount } from './command-input';
import { fillInOrder } from './fill-in-order';

/**
 * Issues the invoice and settles it at once from the client's unapplied credit, oldest credit first.
 * Credit control (SPEC 3.3, 5): while a credit hold is on, the invoice is due on receipt and marked
 * `prepaymentRequired`; one that takes the open balance above the agreed `creditLimit` is refused
 * unless an admin overrides the limit (the API lets only admins send `overrideCreditLimit`).
 */
export const issueInvoice = ({ data }: IssueInvoice, account: RegisteredAccount, now: DateTime): (InvoiceIssued | CreditApplied)[] => {
  if (account.invoices.has(data.invoiceId)) throw conflict('invoice_exists', `Invoice ${data.invoiceId} already exists`);
  const amount = positiveAmount(account, data.amount, data.currency);
  const issuedOn = happenedOn(data.issuedOn, 'issuedOn', todayFor(account, now));
  const agreedDueOn = invoiceDueDate(issuedOn, data.dueOn, paymentTermsForNewInvoices(account), account.agreement);
  const onCreditHold = account.collections.creditHold !== undefined;
  const dueOn = onCreditHold ? dueDate(issuedOn, { type: 'due_on_receipt' }, account.agreement) : agreedDueOn;
  const creditApplied = applyCredit(account, data.invoiceId, amount);
  const creditLimitOverridden = exceedsCreditLimit(account, amount, creditApplied, data.overrideCreditLimit === true);

  const issued: InvoiceIssued = {
    type: 'InvoiceIssued',
    data: {
      clientId: account.clientId,
      invoiceId: data.invoiceId,
      amount: minorString(amount),
      currency: account.currency,
      issuedOn,
      dueOn,
      ...(data.reference !== undefined && { reference: data.reference }),
      ...(data.description !== undefined && { description: data.description }),
      ...(onCreditHold && { prepaymentRequired: true }),
      ...(creditLimitOverridden && { creditLimitOverridden: true }),
    },
  };
  return [issued, ...creditApplied];
};

/**
 * Whether the invoice takes the open balance above the credit limit: refused (422 `credit_limit_exceeded`)
 * unless overridden; true when the override was needed, so that the event records it. The open balance is
 * what the client owes: the invoices' outstanding principal and their outstanding fees and interest (SPEC 5:
 * receivables "in the balance"), after the credit the new invoice absorbs.
 */
const exceedsCreditLimit = (account: RegisteredAccount, amount: bigint, creditApplied: CreditApplied[], override: boolean): boolean => {
  const { creditLimit } = account.agreement;
  if (creditLimit === undefined) return false;
  const openBalance = agencyClaim([...account.invoices.values()], account.collections.charges);
  const openAfter = openBalance + amount - sumBigInt(creditApplied.map((application) => toMinor(application.data.amount)));
  if (openAfter <= toMinor(creditLimit)) return false;
  if (override) return true;
  const money = (minor: bigint) => `${account.currency} ${formatMinorUnits(minor, account.currency)}`;
  throw ruleBroken(
    'credit_limit_exceeded',
    `This invoice takes the open balance to ${money(openAfter)}, above the credit limit of ${money(toMinor(creditLimit))}; an admin may override it`,
    'amount',
  );
};

const applyCredit = (account: RegisteredAccount, invoiceId: string, amount: bigint): CreditApplied[] =>
  fillInOrder(amount, paymentsWithCredit(account), (payment) => payment.unapplied).map(({ item, amount: used }) => ({
    type: 'CreditApplied',
    data: { clientId: account.clientId, paymentId: item.paymentId, invoiceId, amount: minorString(used) },
  }));
