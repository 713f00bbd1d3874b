import { DateTime } from 'luxon';
import { assertIsoDate } from '../../shared/dates';
import { assertCurrency } from '../../money/currency';
import { parseMajorUnits } from '../../money/money';
import { invalid, notFound, ruleBroken } from '../../shared/errors';
import { type IsoDate, type IsoInstant } from '../../shared/types';
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

export const dateOrToday = (value: IsoDate | undefined, field: string, today: IsoDate): IsoDate =>
  value === undefined ? today : assertIsoDate(value, field);

/** A time of day followed by `Z` or an offset: a date alone, or a time without offset, is not an instant. */
const TIME_WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** An ISO instant with an explicit offset, normalised to UTC so instants in events compare as strings. */
export const isoInstant = (value: string, field: string): IsoInstant => {
  const instant = DateTime.fromISO(value, { setZone: true });
  if (!TIME_WITH_OFFSET.test(value) || !instant.isValid)
    throw invalid('invalid_instant', `"${value}" is not an ISO instant with offset`, field);
  return instant.toUTC().toISO() as IsoInstant;
};

export const existingInvoice = (account: RegisteredAccount, invoiceId: string): InvoiceState => {
  const invoice = account.invoices.get(invoiceId);
  if (!invoice) throw notFound('invoice_not_found', `Invoice ${invoiceId} does not exist for client ${account.clientId}`);
  return invoice;
};

/** How an instant reads in the event: UTC ISO. */
export const instantOf = (now: DateTime): IsoInstant => now.toUTC().toISO() as IsoInstant;
