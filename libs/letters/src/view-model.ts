import { friendlyFormatIBAN } from 'ibantools';
import { type AccountManager, type LetterContent } from '@settle/domain';
import { formatLongDate, formatMoney, formatPercent, formatShortDate } from './format';
import { type PaymentBlock, type PromiseConfirmation, type StatementCover } from './messages';

/**
 * What the templates see: every figure already written the language's way (amounts, dates, IBAN in
 * groups of four), so a template only arranges words around them. Names are snake_case, as Liquid writes.
 */

const contactView = (contact: AccountManager | undefined) =>
  contact && { name: contact.name, email: contact.email ?? null, phone: contact.phone ?? null };

const paymentView = (payment: PaymentBlock | undefined) =>
  payment && {
    beneficiary: payment.beneficiary,
    iban: friendlyFormatIBAN(payment.iban) ?? payment.iban,
    bic: payment.bic ?? null,
    reference: payment.reference,
    /** Each invoice has its own creditor reference (on its line). */
    per_invoice: payment.scheme === 'rf_per_invoice',
    /** The invoice numbers are the reference. */
    invoice_numbers: payment.scheme === 'invoice_number',
  };

export const reminderView = (letter: LetterContent) => {
  const { language, currency } = letter;
  const money = (minor: string) => formatMoney(minor, currency, language);
  const long = (date: string) => formatLongDate(date, language);
  const policy = letter.lateFeePolicy;
  return {
    language,
    date: long(letter.date),
    recipient: letter.recipient.name,
    currency,
    lines: letter.lines.map((line) => ({
      invoice: line.invoiceId,
      issued: formatShortDate(line.issuedOn, language),
      due: formatShortDate(line.dueOn, language),
      principal: money(line.principal),
      fees: money(line.lateFees),
      interest: money(line.interest),
      total: money(line.total),
      reference: line.reference ?? null,
    })),
    totals: {
      principal: money(letter.totals.principal),
      fees: money(letter.totals.lateFees),
      interest: money(letter.totals.interest),
      total: money(letter.totals.total),
    },
    /** Whether any fee or interest is owed: the table shows those columns only then. */
    has_charges: BigInt(letter.totals.lateFees) + BigInt(letter.totals.interest) > 0n,
    late_fee_policy: policy && {
      fixed_fee: policy.fixedFee !== undefined ? money(policy.fixedFee) : null,
      rate: policy.annualInterestRate !== undefined ? formatPercent(policy.annualInterestRate, language) : null,
      compounding: policy.compounding,
      grace_days: policy.graceDays,
      /** The statutory preset the terms come from (`_legal_basis` cites its law), or null when agreed. */
      preset: policy.preset ?? null,
    },
    sent_before: letter.sentBefore.map((step) => ({ level: step.level, on: long(step.on) })),
    payment_deadline: letter.paymentDeadline !== undefined ? long(letter.paymentDeadline) : null,
    suspension_on: letter.suspensionOn !== undefined ? long(letter.suspensionOn) : null,
    next_step: letter.nextStep && { level: letter.nextStep.level, on: long(letter.nextStep.on) },
    contact: contactView(letter.contact),
    payment: paymentView(letter.payment),
  };
};

export const promiseConfirmationView = (confirmation: PromiseConfirmation) => ({
  language: confirmation.language,
  date: formatLongDate(confirmation.date, confirmation.language),
  recipient: confirmation.recipient.name,
  amount: formatMoney(confirmation.amount, confirmation.currency, confirmation.language),
  promised_on: formatLongDate(confirmation.promisedOn, confirmation.language),
  invoices: confirmation.invoiceIds,
  contact: contactView(confirmation.contact),
  payment: paymentView(confirmation.payment),
});

export const statementCoverView = (cover: StatementCover) => {
  const money = (minor: string) => formatMoney(minor, cover.currency, cover.language);
  return {
    language: cover.language,
    date: formatLongDate(cover.date, cover.language),
    recipient: cover.recipient.name,
    period_from: formatLongDate(cover.period.from, cover.language),
    period_to: formatLongDate(cover.period.to, cover.language),
    balance: money(cover.balance),
    overdue: money(cover.overdue),
    has_overdue: BigInt(cover.overdue) > 0n,
    contact: contactView(cover.contact),
    payment: paymentView(cover.payment),
  };
};
