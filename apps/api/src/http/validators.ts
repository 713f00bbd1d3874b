import { Transform } from 'class-transformer';
import { type ValidationArguments, type ValidationOptions, registerDecorator } from 'class-validator';
import { DateTime } from 'luxon';
import { currencyExponent, insaneDateProblem, isCurrency, isIsoDate, type IsoDate } from '@settle/domain';

const decorator =
  (
    name: string,
    message: (args: ValidationArguments) => string,
    test: (value: unknown, args: ValidationArguments) => boolean,
    constraints: unknown[] = [],
  ) =>
  (options?: ValidationOptions) =>
  (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      constraints,
      options,
      validator: { validate: test, defaultMessage: message },
    });

const MAJOR_AMOUNT = /^(0|[1-9]\d{0,17})(\.\d+)?$/;

/** A positive decimal string in major units ("1250.00"): no sign, no exponent, no thousands separators. */
export const IsPositiveAmount = decorator(
  'isPositiveAmount',
  (args) => `${args.property} must be a positive decimal string in major units, e.g. "1250.00"`,
  (value) => typeof value === 'string' && MAJOR_AMOUNT.test(value) && /[1-9]/.test(value),
);

/** At most as many decimals as the currency named by a sibling property allows (ISO 4217: EUR 2, JPY 0, KWD 3). */
export const FitsCurrencyOf = (currencyProperty: string, options?: ValidationOptions) =>
  decorator(
    'fitsCurrency',
    (args) => {
      const currency = (args.object as Record<string, unknown>)[currencyProperty];
      return `${args.property} has more decimals than ${String(currency)} allows`;
    },
    (value, args) => {
      const currency = (args.object as Record<string, unknown>)[currencyProperty];
      if (typeof value !== 'string' || typeof currency !== 'string' || !isCurrency(currency)) return true; // reported elsewhere
      const decimals = value.split('.')[1]?.length ?? 0;
      return decimals <= currencyExponent(currency);
    },
  )(options);

/** Why `value` is not a calendar date `yyyy-MM-dd` (2026-02-30 is refused) between 1900 and 2200 (SPEC 3.2); undefined when it is. */
export const calendarDateProblem = (value: unknown, field: string): string | undefined =>
  typeof value === 'string' && isIsoDate(value) ? insaneDateProblem(value, field) : `${field} must be a calendar date yyyy-MM-dd`;

const INSTANT = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 instant with a time and an offset (or Z), in UTC; or why `value` is not one between 1900 and 2200 (SPEC 3.2). */
export const parseInstant = (value: unknown, field: string): { instant: DateTime } | { problem: string } => {
  const instant = typeof value === 'string' && INSTANT.test(value) ? DateTime.fromISO(value, { setZone: true }).toUTC() : undefined;
  if (!instant?.isValid) return { problem: `${field} must be an ISO 8601 instant with offset, e.g. 2026-03-01T10:00:00Z` };
  const problem = insaneDateProblem(instant.toISODate() as IsoDate, field);
  return problem ? { problem } : { instant };
};

const instantProblem = (value: unknown, field: string): string | undefined => {
  const parsed = parseInstant(value, field);
  return 'problem' in parsed ? parsed.problem : undefined;
};

/** A real calendar date, `yyyy-MM-dd`, between 1900 and 2200. */
export const IsCalendarDate = decorator(
  'isCalendarDate',
  (args) => calendarDateProblem(args.value, args.property) ?? '',
  (value, args) => calendarDateProblem(value, args.property) === undefined,
);

/** An ISO 8601 instant with a time and an offset (or Z), between 1900 and 2200. */
export const IsInstant = decorator(
  'isInstant',
  (args) => instantProblem(args.value, args.property) ?? '',
  (value, args) => instantProblem(value, args.property) === undefined,
);

/** A known ISO 4217 code. */
export const IsCurrencyCode = decorator(
  'isCurrencyCode',
  (args) => `${args.property} must be an ISO 4217 currency code`,
  (value) => typeof value === 'string' && /^[A-Z]{3}$/.test(value) && isCurrency(value),
);

/** Caller-chosen ids: they appear in URLs and stream names. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
export const ID_MESSAGE = 'must be 1–100 characters of letters, digits, . _ : - (starting with a letter or digit)';

/**
 * A query-string integer: only digits become a number (`Number(" ")` would be 0, a blank taken for a
 * value); anything else stays a string for `IsInt` to refuse.
 */
export const QueryInteger = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));
