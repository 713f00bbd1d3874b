import { DateTime } from 'luxon';
import { DEFAULT_LETTER_LANGUAGE, type LetterLanguage } from '../agreement/agreement';
import { accountBalance } from '../client-account/balance';
import { type ClientAccountEvent } from '../client-account/events';
import { evolve } from '../client-account/evolve';
import { feeReceivable, sumFeeReceivables } from '../client-account/fee-receivables';
import { daysOverdue } from '../client-account/invoice-status';
import { todayFor, unappliedCredit } from '../client-account/queries';
import { type ClientAccountState, initialState, type RegisteredAccount } from '../client-account/state';
import { localDate } from '../shared/dates';
import { type IsoDate } from '../shared/types';
import { type AgingBuckets, agingBucketFor, emptyAging } from './aging';

export const STATEMENT_ENTRY_KINDS = [
  'invoice',
  'payment',
  'payment_reversal',
  'credit_note',
  'write_off',
  'late_fee',
  'interest',
  'late_fee_waiver',
  'interest_waiver',
] as const;
export type StatementEntryKind = (typeof STATEMENT_ENTRY_KINDS)[number];

/** One line of a statement. Amounts in minor units; `debit` raises the balance, `credit` lowers it. */
export interface StatementEntry {
  /** The business date (the client's local date for an admin's waiver). */
  date: IsoDate;
  kind: StatementEntryKind;
  /** The document: the invoice, payment or credit note; for fees, interest, waivers and write-offs the invoice. */
  reference: string;
  /** The invoice a credit note concerns. */
  invoiceId?: string;
  /** An invoice's due date. */
  dueOn?: IsoDate;
  /** The days an interest line covers, and its annual rate. */
  interest?: { periodFrom: IsoDate; periodTo: IsoDate; annualInterestRate: string };
  debit: bigint;
  credit: bigint;
  /** The running balance after this line. */
  balance: bigint;
}

export interface StatementOfAccount {
  clientId: string;
  name: string;
  currency: string;
  /** The language of the client's letters (the agreement's `language`, `en` when it has none). */
  language: LetterLanguage;
  from: IsoDate;
  to: IsoDate;
  /** The balance before `from`: everything dated earlier. */
  openingBalance: bigint;
  /** Every entry dated `from` … `to`, in date order (recording order within a day). */
  entries: StatementEntry[];
  /** The balance after the last entry dated `to` or earlier; with `to` on or after the last entry, the account view's `balance`. */
  closingBalance: bigint;
  /** As the account stands when the statement is made: principal by days past due, fees and interest, credit. */
  aging: { asOn: IsoDate; principal: AgingBuckets; feesAndInterest: bigint; unappliedCredit: bigint };
}

interface Line {
  date: IsoDate;
  kind: StatementEntryKind;
  reference: string;
  invoiceId?: string;
  dueOn?: IsoDate;
  interest?: StatementEntry['interest'];
}

/**
 * What an event puts on a statement, if it can move the balance. Allocations, credit applications and
 * fee settlements move money between what the client owes and its credit: they never change the balance.
 */
const lineOf = (event: ClientAccountEvent, timezone: string): Line | undefined => {
  switch (event.type) {
    case 'InvoiceIssued':
      return { date: event.data.issuedOn, kind: 'invoice', reference: event.data.invoiceId, dueOn: event.data.dueOn };
    case 'PaymentReceived':
      return { date: event.data.receivedOn, kind: 'payment', reference: event.data.paymentId };
    case 'PaymentReversed':
      return { date: event.data.reversedOn, kind: 'payment_reversal', reference: event.data.paymentId };
    case 'CreditNoteIssued':
      return { date: event.data.issuedOn, kind: 'credit_note', reference: event.data.creditNoteId, invoiceId: event.data.invoiceId };
    case 'InvoiceWrittenOff':
      return { date: event.data.writtenOffOn, kind: 'write_off', reference: event.data.invoiceId };
    case 'LateFeeCharged':
      return { date: event.data.chargedOn, kind: 'late_fee', reference: event.data.invoiceId };
    case 'LateInterestCharged': {
      const { chargedOn, invoiceId, periodFrom, periodTo, annualInterestRate } = event.data;
      return { date: chargedOn, kind: 'interest', reference: invoiceId, interest: { periodFrom, periodTo, annualInterestRate } };
    }
    case 'LateFeeWaived':
    case 'LateInterestWaived':
      return {
        date: localDate(DateTime.fromISO(event.data.waivedAt), timezone),
        kind: event.type === 'LateFeeWaived' ? 'late_fee_waiver' : 'interest_waiver',
        reference: event.data.invoiceId,
      };
    case 'ClientRegistered':
    case 'AgreementChanged':
    case 'PaymentAllocated':
    case 'CreditApplied':
    case 'FeesSettled':
    case 'InteractionLogged':
    case 'PromiseToPayMade':
    case 'PromiseKept':
    case 'PromiseBroken':
    case 'DisputeRaised':
    case 'DisputeResolved':
    case 'CollectionsPaused':
    case 'CollectionsResumed':
    case 'CollectionsEscalated':
    case 'ReminderScheduled':
    case 'ReminderDelivered':
    case 'ReminderDeliveryFailed':
    case 'ReminderWithdrawn':
    case 'CreditHoldPlaced':
    case 'CreditHoldReleased':
    case 'TermsTightened':
    case 'AgencyHandoverProposed':
    case 'AgencyHandoverRejected':
    case 'HandedToAgency':
    case 'CollectionsResolved':
    case 'CollectionsLevelCorrected':
      return undefined;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
    }
  }
};

const balanceOf = (state: ClientAccountState): bigint => (state.status === 'registered' ? accountBalance(state) : 0n);

/**
 * The statement of account (SPEC 9) over a client's stream as known at `asOf` (the caller passes only
 * the events recorded by then). Each line's amount is the change it made to the account's balance —
 * folded with the account's own `evolve` and measured by the account view's `accountBalance` — so the
 * lines add up to the view's balance by construction, whatever an event does to fees or credit.
 * `from` defaults to the first entry, `to` to the later of `asOf`'s date and the last entry.
 */
export const statementOfAccount = (
  events: readonly ClientAccountEvent[],
  asOf: DateTime,
  period: { from?: IsoDate; to?: IsoDate } = {},
): StatementOfAccount => {
  let state = initialState();
  const dated: (Line & { change: bigint })[] = [];
  for (const event of events) {
    const before = balanceOf(state);
    state = evolve(state, event);
    if (state.status !== 'registered') continue;
    const change = balanceOf(state) - before;
    const line = lineOf(event, state.agreement.timezone);
    if (line) dated.push({ ...line, change });
    else if (change !== 0n) throw new Error(`${event.type} changed the balance of ${state.clientId} without a statement line`);
  }
  if (state.status !== 'registered') throw new Error('A statement needs a registered client');
  const account: RegisteredAccount = state;
  // Stable: within a day, entries keep the order they were recorded in.
  const sorted = [...dated].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const today = todayFor(account, asOf);
  const lastDate = sorted.at(-1)?.date ?? today;
  const from = period.from ?? sorted[0]?.date ?? today;
  const to = period.to ?? (lastDate > today ? lastDate : today);
  const openingBalance = sorted.filter((line) => line.date < from).reduce((sum, line) => sum + line.change, 0n);
  let balance = openingBalance;
  const entries = sorted
    .filter((line) => line.date >= from && line.date <= to)
    .map(({ change, ...line }): StatementEntry => {
      balance += change;
      return { ...line, debit: change > 0n ? change : 0n, credit: change < 0n ? -change : 0n, balance };
    });
  const invoices = [...account.invoices.values()];
  return {
    clientId: account.clientId,
    name: account.name,
    currency: account.currency,
    language: account.agreement.language ?? DEFAULT_LETTER_LANGUAGE,
    from,
    to,
    openingBalance,
    entries,
    closingBalance: balance,
    aging: {
      asOn: today,
      principal: invoices
        .filter((invoice) => invoice.outstanding > 0n)
        .reduce((aging, invoice) => {
          const bucket = agingBucketFor(daysOverdue(invoice, today));
          return { ...aging, [bucket]: aging[bucket] + invoice.outstanding };
        }, emptyAging()),
      feesAndInterest: sumFeeReceivables(invoices.map((invoice) => feeReceivable(account.collections.charges.get(invoice.invoiceId))))
        .outstanding,
      unappliedCredit: unappliedCredit(account),
    },
  };
};
