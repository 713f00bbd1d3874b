import { type DateTime } from 'luxon';
import { type Agreement, type LateFeePolicy } from '../agreement/agreement';
import { formatMinorUnits, sumBigInt, toMinor } from '../money/money';
import { type IsoDate } from '../shared/types';
import { type CollectionLevel } from '../agreement/collections-ladder';
import { type ChargeFigures, type FeeReceivable, feeReceivable, sumFeeReceivables } from './fee-receivables';
import { type InvoiceStatus, daysOverdue, invoiceStatus } from './invoice-status';
import { type PaymentPrediction, paymentDelays, predictPayment } from './payment-prediction';
import { lateFeePolicyOn } from './late-fee-policy';
import { accountBalance } from './balance';
import { activePause, todayFor, unappliedCredit } from './queries';
import { type PaymentState, type RegisteredAccount } from './state';

/** The agreement as the API shows it: amounts in major units, like everything else in the view. */
export type AgreementView = Omit<Agreement, 'lateFeePolicy' | 'creditLimit'> & {
  /** The policy in force today (SPEC 3.3: an announced change applies only from its effective date). */
  lateFeePolicy?: LateFeePolicyView;
  /** An announced change not in force yet; only `effectiveFrom` when it drops late fees altogether. */
  scheduledLateFeePolicy?: { effectiveFrom: IsoDate } & Partial<LateFeePolicyView>;
  creditLimit?: string;
};

type LateFeePolicyView = Omit<LateFeePolicy, 'fixedFee'> & { fixedFee?: string };

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
  /** Issued during a credit hold: due on receipt, payable before the work starts. */
  prepaymentRequired: boolean;
  /** The invoice's late fee and interest: receivables of their own beside `outstanding` (the principal). */
  fees: FeesView;
  /** While anything is outstanding: when the client will probably pay, from its own history (payment-prediction.ts). */
  predictedPayment: PaymentPrediction | null;
}

/** A payment received: what it settled, and its reversal when it bounced (a clerk picks one to reverse). */
export interface PaymentView {
  paymentId: string;
  receivedOn: IsoDate;
  amount: string;
  /** Invoices it paid, when recorded (`allocation`) or later from its unapplied rest (`credit`). */
  allocations: { invoiceId: string; amount: string; via: 'allocation' | 'credit' }[];
  /** Not applied to any invoice yet. */
  unapplied: string;
  reversed: { reversedOn: IsoDate; reason: string } | null;
}

/** Charged, paid (by payments), waived (by an admin) and outstanding, per kind of charge and together. */
export interface FeesView {
  lateFees: ChargeFiguresView;
  interest: ChargeFiguresView;
  /** Late fees and interest outstanding together: part of the balance. */
  outstanding: string;
}

export type ChargeFiguresView = Record<keyof ChargeFigures, string>;

/** SPEC 4.1, plus `fees`. Amounts are major-unit decimal strings of the account currency. */
export interface AccountView {
  clientId: string;
  name: string;
  currency: string;
  agreement: AgreementView;
  /**
   * What the client owes net: invoices' outstanding principal plus their outstanding late fees and
   * interest, less unapplied credit (negative when in credit).
   */
  balance: string;
  /** Principal outstanding on invoices past their due date, disputed ones included (fees apart: see `fees`). */
  overdue: string;
  unappliedCredit: string;
  creditHold: boolean;
  collections: { level: CollectionLevel; pausedUntil: IsoDate | null };
  /** Late fees and interest of all invoices: charged, paid, waived, outstanding. */
  fees: FeesView;
  /** In issue order. */
  invoices: InvoiceView[];
  /** In the order received (recorded), reversed ones included. */
  payments: PaymentView[];
}

/** The account as it stands at `now`; days overdue and statuses use `now`'s date in the client's time zone. */
export const accountView = (account: RegisteredAccount, now: DateTime): AccountView => {
  const today = todayFor(account, now);
  const money = (minor: bigint) => formatMinorUnits(minor, account.currency);
  const invoices = [...account.invoices.values()];
  const overdue = sumBigInt(invoices.filter((invoice) => daysOverdue(invoice, today) > 0).map((invoice) => invoice.outstanding));
  const receivables = new Map(
    invoices.map((invoice) => [invoice.invoiceId, feeReceivable(account.collections.charges.get(invoice.invoiceId))]),
  );
  const totals = sumFeeReceivables([...receivables.values()]);
  const feesView = (receivable: FeeReceivable): FeesView => ({
    lateFees: chargeFiguresView(receivable.lateFee, money),
    interest: chargeFiguresView(receivable.interest, money),
    outstanding: money(receivable.outstanding),
  });
  const credit = unappliedCredit(account);
  const delays = paymentDelays(invoices);
  return {
    clientId: account.clientId,
    name: account.name,
    currency: account.currency,
    agreement: agreementView(account, today),
    balance: money(accountBalance(account)),
    overdue: money(overdue),
    unappliedCredit: money(credit),
    creditHold: account.collections.creditHold !== undefined,
    collections: { level: account.collections.level, pausedUntil: activePause(account, today)?.until ?? null },
    fees: feesView(totals),
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
      prepaymentRequired: invoice.prepaymentRequired === true,
      fees: feesView(receivables.get(invoice.invoiceId)!),
      predictedPayment: invoice.outstanding > 0n ? predictPayment(invoice.dueOn, delays, today) : null,
    })),
    payments: [...account.payments.values()].map((payment) => paymentView(payment, money)),
  };
};

const paymentView = (payment: PaymentState, money: (minor: bigint) => string): PaymentView => ({
  paymentId: payment.paymentId,
  receivedOn: payment.receivedOn,
  amount: money(payment.amount),
  allocations: payment.applications.map(({ invoiceId, amount, via }) => ({ invoiceId, amount: money(amount), via })),
  unapplied: money(payment.unapplied),
  reversed: payment.reversed ?? null,
});

const agreementView = (account: RegisteredAccount, today: IsoDate): AgreementView => {
  const { lateFeePolicy: _announced, creditLimit, ...rest } = account.agreement;
  const major = (minor: string) => formatMinorUnits(toMinor(minor), account.currency);
  const policyView = (policy: LateFeePolicy): LateFeePolicyView => ({
    ...policy,
    ...(policy.fixedFee !== undefined && { fixedFee: major(policy.fixedFee) }),
  });
  const inForce = lateFeePolicyOn(account, today);
  const scheduled = account.lateFeePolicies.at(-1);
  return {
    ...rest,
    ...(inForce && { lateFeePolicy: policyView(inForce) }),
    ...(scheduled?.effectiveFrom !== undefined &&
      scheduled.effectiveFrom > today && {
        scheduledLateFeePolicy: { effectiveFrom: scheduled.effectiveFrom, ...(scheduled.policy && policyView(scheduled.policy)) },
      }),
    ...(creditLimit !== undefined && { creditLimit: major(creditLimit) }),
  };
};

const chargeFiguresView = (figures: ChargeFigures, money: (minor: bigint) => string): ChargeFiguresView => ({
  charged: money(figures.charged),
  paid: money(figures.paid),
  waived: money(figures.waived),
  outstanding: money(figures.outstanding),
});
