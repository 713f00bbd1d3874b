import { type DateTime } from 'luxon';
import { invoiceDueDate } from '../../agreement/due-date';
import { minorString } from '../../money/money';
import { conflict } from '../../shared/errors';
import { type IssueInvoice } from '../commands';
import { type CreditApplied, type InvoiceIssued } from '../events';
import { paymentTermsForNewInvoices, paymentsWithCredit, todayFor } from '../queries';
import { type RegisteredAccount } from '../state';
import { happenedOn, positiveAmount } from './command-input';
import { fillInOrder } from './fill-in-order';

/** Issues the invoice and settles it at once from the client's unapplied credit, oldest credit first. */
export const issueInvoice = ({ data }: IssueInvoice, account: RegisteredAccount, now: DateTime): (InvoiceIssued | CreditApplied)[] => {
  if (account.invoices.has(data.invoiceId)) throw conflict('invoice_exists', `Invoice ${data.invoiceId} already exists`);
  const amount = positiveAmount(account, data.amount, data.currency);
  const issuedOn = happenedOn(data.issuedOn, 'issuedOn', todayFor(account, now));
  const dueOn = invoiceDueDate(issuedOn, data.dueOn, paymentTermsForNewInvoices(account), account.agreement);

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
    },
  };
  return [issued, ...applyCredit(account, data.invoiceId, amount)];
};

const applyCredit = (account: RegisteredAccount, invoiceId: string, amount: bigint): CreditApplied[] =>
  fillInOrder(amount, paymentsWithCredit(account), (payment) => payment.unapplied).map(({ item, amount: used }) => ({
    type: 'CreditApplied',
    data: { clientId: account.clientId, paymentId: item.paymentId, invoiceId, amount: minorString(used) },
  }));
