import { invalid } from '../shared/errors';
import { type MinorUnits } from '../shared/types';
import { currencyExponent } from './currency';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Exact conversion of a major-unit decimal string ("1250.00") to integer minor units.
 * Only plain decimals are accepted (no exponent, sign `+`, separators or spaces); more decimals
 * than the currency has are refused, even trailing zeros, so what was sent is what is booked.
 */
export const parseMajorUnits = (amount: string, currency: string, field = 'amount'): bigint => {
  const match = DECIMAL.exec(amount);
  if (!match) throw invalid('invalid_amount', `"${amount}" is not a decimal amount`, field);
  const [, sign, whole, fraction = ''] = match;
  const exponent = currencyExponent(currency);
  if (fraction.length > exponent) {
    throw invalid('too_many_decimals', `${currency} amounts have at most ${exponent} decimals, got "${amount}"`, field);
  }
  const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
  return sign ? -minor : minor;
};

/** Minor units as a major-unit decimal string with exactly the currency's decimals: 125000n EUR → "1250.00". */
export const formatMinorUnits = (minor: bigint, currency: string): string => {
  const exponent = currencyExponent(currency);
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${minor < 0n ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
};

/** Minor units as they are kept in events (a decimal string) → bigint. */
export const toMinor = (value: MinorUnits): bigint => BigInt(value);

/** bigint → minor units as kept in events. */
export const minorString = (value: bigint): MinorUnits => value.toString();

export const minBigInt = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export const sumBigInt = (values: Iterable<bigint>): bigint => {
  let total = 0n;
  for (const value of values) total += value;
  return total;
};
