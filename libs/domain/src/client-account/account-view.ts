import { type DateTime } from 'luxon';
import { type Agreement, type LateFeePolicy } from '../agreement/agreement';
import { formatMinorUnits, sumBigInt, toMinor } from '../money/money';
import { type IsoDate } from '../shared/types';
import { type CollectionLevel } from '../agreement/collections-ladder';
import { type InvoiceStatus, daysOverdue, invoiceStatus } from './invoice-status';
import { activePause, todayFor, unappliedCredit } from './queries';
import { type RegisteredAccount } from './state';

/** The agreement as the API shows it: amounts in major units, like everything else in the view. */
export type AgreementView = Omit<Agreement, 'lateFeePolicy' | 'creditLimit'> & {
  lateFeePolicy?: Omit<LateFeePolicy, 'fixedFee'> & { fixedFee?: string };
  creditLimit?: string;
};

export interface InvoiceView {
  invoiceId: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  amount: string;
  paid: string;
  credited: string;
  writtenOff: string;
  outstanding: string;
  status: InvoiceStatus;
  daysOverdue: number;
  paidOn: IsoDate | null;
}

/** SPEC 4.1, plus `fees`. Amounts are major-unit decimal strings of the account currency. */
export interface AccountView {
  clientId: string;
  name: string;
  currency: string;
  agreement: AgreementView;
  /** What the client owes net: invoices outstanding less unapplied credit (negative when in credit). Fees are apart. */
  balance: string;
  /** Outstanding on invoices past their due date, disputed ones included. */
  overdue: string;
  unappliedCredit: string;
  creditHold: boolean;
  collections: { level: CollectionLevel; pausedUntil: IsoDate | null };
  /** Late fees and interest charged so far; claimable on top of the balance. */
  fees: { lateFees: string; interest: string; charged: string };
  /** In issue order. */
  invoices: InvoiceView[];
}

/** The account as it stands at `now`; days overdue and statuses use `now`'s date in the client's time zone. */
export const accountView = (account: RegisteredAccount, now: DateTime): AccountView => {
  const today = todayFor(account, now);
  const money = (minor: bigint) => formatMinorUnits(minor, account.currency);
  const invoices = [...account.invoices.values()];
  const outstanding = sumBigInt(invoices.map((invoice) => invoice.outstanding));
  const overdue = sumBigInt(invoices.filter((invoice) => daysOverdue(invoice, today) > 0).map((invoice) => invoice.outstanding));
  const lateFees = sumBigInt(invoices.map((invoice) => invoice.charges.lateFees));
  const interest = sumBigInt(invoices.map((invoice) => invoice.charges.interest));
  const credit = unappliedCredit(account);
  return {
    clientId: account.clientId,
    name: account.name,
    currency: account.currency,
    agreement: agreementView(account.agreement, account.currency),
    balance: money(outstanding - credit),
    overdue: money(overdue),
    unappliedCredit: money(credit),
    creditHold: account.collections.creditHold !== undefined,
    collections: { level: account.collections.level, pausedUntil: activePause(account, today)?.until ?? null },
    fees: { lateFees: money(lateFees), interest: money(interest), charged: money(lateFees + interest) },
    invoices: invoices.map((invoice) => ({
      invoiceId: invoice.invoiceId,
      issuedOn: invoice.issuedOn,
      dueOn: invoice.dueOn,
      amount: money(invoice.amount),
      paid: money(invoice.paid),
      credited: money(invoice.credited),
      writtenOff: money(invoice.writtenOff),
      outstanding: money(invoice.outstanding),
      status: invoiceStatus(invoice, today),
      daysOverdue: daysOverdue(invoice, today),
      paidOn: invoice.paidOn ?? null,
    })),
  };
};

const agreementView = (agreement: Agreement, currency: string): AgreementView => {
  const { lateFeePolicy, creditLimit, ...rest } = agreement;
  const major = (minor: string) => formatMinorUnits(toMinor(minor), currency);
  return {
    ...rest,
    ...(lateFeePolicy && {
      lateFeePolicy: { ...lateFeePolicy, ...(lateFeePolicy.fixedFee !== undefined && { fixedFee: major(lateFeePolicy.fixedFee) }) },
    }),
    ...(creditLimit !== undefined && { creditLimit: major(creditLimit) }),
  };
};
