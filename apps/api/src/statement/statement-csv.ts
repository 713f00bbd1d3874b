import { stringify } from 'csv-stringify/sync';
import { type StatementDocument } from './statement-document';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) is
 * prefixed with an apostrophe (OWASP CSV injection); plain decimals, negative balances included, stay numbers.
 */
export const guardCsvCell = (value: string): string => (FORMULA_START.test(value) && !PLAIN_DECIMAL.test(value) ? `'${value}` : value);

/**
 * RFC 4180 (CRLF, quotes doubled, by csv-stringify): one header row, the opening balance, every entry,
 * the closing balance. Amounts are decimal strings in major units of `currency`; `description` is in the client's language.
 */
export const statementCsv = (document: StatementDocument): string => {
  const row = (cells: Record<string, string>) => cells;
  const rows = [
    row({
      date: document.from,
      kind: 'opening_balance',
      reference: '',
      invoice_id: '',
      description: '',
      debit: '',
      credit: '',
      balance: document.openingBalance,
    }),
    ...document.entries.map((entry) =>
      row({
        date: entry.date,
        kind: entry.kind,
        reference: entry.reference,
        invoice_id: entry.invoiceId ?? '',
        description: entry.description,
        debit: entry.debit,
        credit: entry.credit,
        balance: entry.balance,
      }),
    ),
    row({
      date: document.to,
      kind: 'closing_balance',
      reference: '',
      invoice_id: '',
      description: '',
      debit: '',
      credit: '',
      balance: document.closingBalance,
    }),
  ].map((cells) => ({ ...cells, currency: document.currency }));
  return stringify(rows, {
    header: true,
    record_delimiter: 'windows',
    columns: ['date', 'kind', 'reference', 'invoice_id', 'description', 'debit', 'credit', 'balance', 'currency'],
    cast: { string: guardCsvCell },
  });
};
