import { DEFAULT_LETTER_LANGUAGE, type LetterLanguage } from '../agreement/agreement';
import { CLIENT_FACING_LEVELS, type ClientFacingLevel } from '../agreement/collections-ladder';
import { creditorReference } from '../agreement/payment-instructions';
import { feeReceivable } from '../client-account/fee-receivables';
import { type OpenPromise } from '../client-account/collections-state';
import { type LetterContent, type LetterLine, type LetterPayment, type PromiseConfirmationContent } from '../client-account/letter-content';
import { minorString } from '../money/money';
import { addDays } from '../shared/dates';
import { type IsoDate } from '../shared/types';
import { type ChargeCommand } from './decide/charges';
import { type DecisionContext, decisionContext, type InvoiceView } from './decide/context';
import { lateFeePolicyInForce, lateFeeTermsOn } from './fees/policy-in-force';
import { type CollectionsInput } from './input';
import { levelReachedOn } from './ladder';
import { clientStepsTaken, paymentDeadlineFor } from './step-order';

export interface LetterOptions {
  /** The client-local day the letter reaches the client; absent: the decision's day. */
  sentOn?: IsoDate;
  /** Fees and interest decided in the same run, not yet in the case: the letter counts them. */
  chargedNow?: readonly ChargeCommand[];
  /** Another language than the agreed one (a preview). */
  language?: LetterLanguage;
}

/**
 * The figures of the letter for a client-facing step (SPEC 9), from the case as the decision sees it:
 * every overdue invoice with its outstanding principal and its outstanding fees and interest (the
 * receivables of `feeReceivable`, plus what this run charges), the totals, the next step and the first
 * day it can come, our contact, and how to pay with the reference to quote.
 */
export const letterContent = (context: DecisionContext, level: ClientFacingLevel, options: LetterOptions = {}): LetterContent => {
  const { agreement, state, policy } = context;
  const date = options.sentOn ?? context.today;
  const scheme = agreement.paymentInstructions?.reference;
  const lines = context.overdue.map((invoice) => letterLine(context, invoice, options.chargedNow ?? [], scheme === 'rf_per_invoice'));
  const sum = (pick: (line: LetterLine) => string) => minorString(lines.reduce((total, line) => total + BigInt(pick(line)), 0n));
  const lateFeePolicy = lateFeeTermsOn(
    lateFeePolicyInForce(state.lateFeePolicies, date),
    date,
    context.overdue.map((invoice) => invoice.amount),
  );
  const paymentDeadline = level === 'final_notice' ? paymentDeadlineFor(date, policy) : undefined;
  const payment = letterPayment(
    context,
    lines.map((line) => line.reference ?? line.invoiceId),
  );
  return {
    level,
    language: options.language ?? agreement.language ?? DEFAULT_LETTER_LANGUAGE,
    date,
    currency: state.currency,
    recipient: { name: agreement.contact.name },
    lines,
    totals: {
      principal: sum((line) => line.principal),
      lateFees: sum((line) => line.lateFees),
      interest: sum((line) => line.interest),
      total: sum((line) => line.total),
    },
    ...(lateFeePolicy && { lateFeePolicy }),
    sentBefore: clientStepsTaken(state, agreement.timezone).filter((step) => step.on <= date && step.level !== level),
    ...(paymentDeadline !== undefined && { paymentDeadline, suspensionOn: addDays(context.today, policy.finalNoticeSuspensionDays) }),
    ...nextStepAfter(context, level, date, paymentDeadline),
    ...(agreement.accountManager && { contact: agreement.accountManager }),
    ...(payment && { payment }),
  };
};

/**
 * The figures of the confirmation of a promise to pay (SPEC 9): what was promised and by when, the
 * overdue invoices it is about, our contact and how to pay — written like a step's letter.
 */
export const promiseConfirmationContent = (
  context: DecisionContext,
  promise: Pick<OpenPromise, 'amount' | 'promisedOn'>,
  sentOn: IsoDate,
): PromiseConfirmationContent => {
  const { agreement, state } = context;
  const invoiceIds = context.overdue.map((invoice) => invoice.invoiceId);
  const perInvoice = agreement.paymentInstructions?.reference === 'rf_per_invoice';
  const payment = letterPayment(
    context,
    invoiceIds.map((invoiceId) => (perInvoice ? (creditorReference(invoiceId) ?? invoiceId) : invoiceId)),
  );
  return {
    level: 'promise_confirmation',
    language: agreement.language ?? DEFAULT_LETTER_LANGUAGE,
    date: sentOn,
    recipient: { name: agreement.contact.name },
    currency: state.currency,
    amount: minorString(promise.amount),
    promisedOn: promise.promisedOn,
    invoiceIds,
    ...(agreement.accountManager && { contact: agreement.accountManager }),
    ...(payment && { payment }),
  };
};

/** How to pay, when the agreement says: `invoiceReferences` are quoted unless one creditor reference covers the client. */
const letterPayment = ({ agreement, clientId }: DecisionContext, invoiceReferences: readonly string[]): LetterPayment | undefined => {
  const instructions = agreement.paymentInstructions;
  return (
    instructions && {
      beneficiary: instructions.beneficiary,
      iban: instructions.iban,
      ...(instructions.bic !== undefined && { bic: instructions.bic }),
      scheme: instructions.reference,
      reference: instructions.reference === 'rf_per_client' ? (creditorReference(clientId) ?? clientId) : invoiceReferences.join(', '),
    }
  );
};

/** The letter a client-facing step would send now (the preview), or undefined for a client not registered. */
export const letterPreview = (input: CollectionsInput, level: ClientFacingLevel, language?: LetterLanguage): LetterContent | undefined => {
  const context = decisionContext(input);
  return context && letterContent(context, level, { ...(language && { language }) });
};

const letterLine = (
  context: DecisionContext,
  invoice: InvoiceView,
  chargedNow: readonly ChargeCommand[],
  withReference: boolean,
): LetterLine => {
  const receivable = feeReceivable(context.state.charges.get(invoice.invoiceId));
  const chargedInRun = (type: ChargeCommand['type']) =>
    chargedNow
      .filter((charge) => charge.type === type && charge.invoiceId === invoice.invoiceId)
      .reduce((sum, charge) => sum + charge.amount, 0n);
  const lateFees = receivable.lateFee.outstanding + chargedInRun('ChargeLateFee');
  const interest = receivable.interest.outstanding + chargedInRun('ChargeLateInterest');
  const reference = withReference ? creditorReference(invoice.invoiceId) : undefined;
  return {
    invoiceId: invoice.invoiceId,
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    principal: minorString(invoice.outstanding),
    lateFees: minorString(lateFees),
    interest: minorString(interest),
    total: minorString(invoice.outstanding + lateFees + interest),
    ...(reference !== undefined && { reference }),
  };
};

/**
 * The next client-facing step if nothing is paid, and the first day the ladder and the step order allow
 * it: the rung's days for the oldest invoice, the spacing after this letter, and for the agency the day
 * after the final notice's deadline.
 */
const nextStepAfter = (
  context: DecisionContext,
  level: ClientFacingLevel,
  sentOn: IsoDate,
  paymentDeadline: IsoDate | undefined,
): Pick<LetterContent, 'nextStep'> => {
  const next = CLIENT_FACING_LEVELS[CLIENT_FACING_LEVELS.indexOf(level) + 1];
  const [oldest] = context.overdue;
  if (next === undefined || oldest === undefined) return {};
  const days = [
    levelReachedOn(oldest.dueOn, next, context.policy, context.ladderFactor, context.agreement),
    addDays(sentOn, context.policy.minimumStepSpacingDays),
    ...(paymentDeadline !== undefined ? [addDays(paymentDeadline, 1)] : []),
  ];
  return { nextStep: { level: next, on: days.sort().at(-1)! } };
};
