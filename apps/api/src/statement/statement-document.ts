import {
  AGING_BUCKETS,
  type AgingBucket,
  formatMinorUnits,
  type IsoDate,
  type StatementEntry,
  type StatementOfAccount,
} from '@settle/domain';
import { formatAmount, formatPercent, formatShortDate, STATEMENT_LABELS, type StatementLabels } from '@settle/letters';
import { type DateTime } from 'luxon';

/**
 * The statement as every format shows it: amounts as major-unit decimal strings of the account
 * currency (never floats), each entry described in the client's language.
 */
export interface StatementDocument {
  clientId: string;
  name: string;
  currency: string;
  language: StatementOfAccount['language'];
  from: IsoDate;
  to: IsoDate;
  asOf: string;
  openingBalance: string;
  entries: (Omit<StatementEntry, 'debit' | 'credit' | 'balance'> & {
    description: string;
    debit: string;
    credit: string;
    balance: string;
  })[];
  closingBalance: string;
  aging: {
    asOn: IsoDate;
    principal: Record<AgingBucket, string>;
    feesAndInterest: string;
    unappliedCredit: string;
  };
}

/** The words and figures of the client's language, written by `@settle/letters` as its letters write them. */
export interface StatementFormatting {
  labels: StatementLabels;
  /** `dd/MM/yyyy`, `dd-MM-yyyy`, `dd.MM.yyyy`. */
  date: (date: IsoDate) => string;
  /** A major-unit decimal string of the account currency, grouped and separated as the language does. */
  amount: (decimal: string) => string;
  percent: (percent: string) => string;
}

export const statementFormatting = ({ language, currency }: Pick<StatementDocument, 'language' | 'currency'>): StatementFormatting => ({
  labels: STATEMENT_LABELS[language],
  date: (date) => formatShortDate(date, language),
  amount: (decimal) => formatAmount(decimal, currency, language),
  percent: (percent) => formatPercent(percent, language),
});

export const statementDocument = (statement: StatementOfAccount, asOf: DateTime): StatementDocument => {
  const money = (minor: bigint) => formatMinorUnits(minor, statement.currency);
  const { labels, date, percent } = statementFormatting(statement);
  return {
    clientId: statement.clientId,
    name: statement.name,
    currency: statement.currency,
    language: statement.language,
    from: statement.from,
    to: statement.to,
    asOf: asOf.toUTC().toISO()!,
    openingBalance: money(statement.openingBalance),
    entries: statement.entries.map((entry) => ({
      ...entry,
      description: labels.entry(entry, {
        ...(entry.dueOn && { dueOn: date(entry.dueOn) }),
        ...(entry.interest && {
          periodFrom: date(entry.interest.periodFrom),
          periodTo: date(entry.interest.periodTo),
          rate: percent(entry.interest.annualInterestRate),
        }),
      }),
      debit: money(entry.debit),
      credit: money(entry.credit),
      balance: money(entry.balance),
    })),
    closingBalance: money(statement.closingBalance),
    aging: {
      asOn: statement.aging.asOn,
      principal: Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, money(statement.aging.principal[bucket])])) as Record<
        AgingBucket,
        string
      >,
      feesAndInterest: money(statement.aging.feesAndInterest),
      unappliedCredit: money(statement.aging.unappliedCredit),
    },
  };
};
