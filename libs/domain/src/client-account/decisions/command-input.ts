import { DateTime } from 'luxon';
import { addDays, assertIsoDate, insaneDateProblem, localDateTime } from '../../shared/dates';
import { assertCurrency } from '../../money/currency';
import { parseMajorUnits } from '../../money/money';
import { invalid, notFound, ruleBroken } from '../../shared/errors';
import { type IsoDate, type IsoInstant } from '../../shared/types';
import { todayFor } from '../queries';
import { type InvoiceState, type RegisteredAccount } from '../state';

/** Parsing and checks shared by the command handlers: what the outside world sends, made exact. */

/** A strictly positive amount in the account's currency, in minor units. */
export const positiveAmount = (account: RegisteredAccount, amount: string, currency: string, field = 'amount'): bigint => {
  assertCurrency(currency);
  if (currency !== account.currency) {
    throw ruleBroken('currency_mismatch', `The account is kept in ${account.currency}; ${currency} amounts are not accepted`);
  }
  const minor = parseMajorUnits(amount, currency, field);
  if (minor <= 0n) throw invalid('amount_not_positive', `${field} must be greater than zero`, field);
  return minor;
};

/**
 * How far ahead of the client's today a thing that has happened may be dated: a day, for a caller a
 * time zone ahead or a clock a little fast. The books record what has happened, not what is planned (SPEC 3.2).
 */
const FUTURE_TOLERANCE_DAYS = 1;

const refuseFuture = (date: IsoDate, field: string, today: IsoDate): void => {
  if (date > addDays(today, FUTURE_TOLERANCE_DAYS))
    throw ruleBroken('date_in_future', `${field} ${date} lies in the future (today is ${today} for this client)`, field);
};

/** The date of something that has happened (issued, received, reversed, written off): today when not given. */
export const happenedOn = (value: IsoDate | undefined, field: string, today: IsoDate): IsoDate => {
  if (value === undefined) return today;
  const date = assertIsoDate(value, field);
  refuseFuture(date, field, today);
  return date;
};

/** The instant something happened (an interaction), judged by its date in the client's time zone. */
export const happenedAt = (value: string, field: string, account: RegisteredAccount, now: DateTime): IsoInstant => {
  const instant = isoInstant(value, field);
  refuseFuture(localDateTime(instant, account.agreement.timezone).date, field, todayFor(account, now));
  return instant;
};

/** A time of day followed by `Z` or an offset: a date alone, or a time without offset, is not an instant. */
const TIME_WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** An ISO instant with an explicit offset, normalised to UTC so instants in events compare as strings. */
export const isoInstant = (value: string, field: string): IsoInstant => {
  const instant =
    typeof value === 'string' && TIME_WITH_OFFSET.test(value) ? DateTime.fromISO(value, { setZone: true }).toUTC() : undefined;
  if (!instant?.isValid) throw invalid('invalid_instant', `"${String(value)}" is not an ISO instant with offset`, field);
  const problem = insaneDateProblem(instant.toISODate() as IsoDate, field);
  if (problem) throw invalid('date_out_of_range', problem, field);
  return instant.toISO() as IsoInstant;
};

export const existingInvoice = (account: RegisteredAccount, invoiceId: string): InvoiceState => {
  const invoice = account.invoices.get(invoiceId);
  if (!invoice) throw notFound('invoice_not_found', `Invoice ${invoiceId} does not exist for client ${account.clientId}`);
  return invoice;
};

/** How an instant reads in the event: UTC ISO. */
export const instantOf = (now: DateTime): IsoInstant => now.toUTC().toISO() as IsoInstant;
