import { invalid } from '../../shared/errors';

/**
 * An exact fraction of bigints, so that rates and accrued interest never pass through floating point.
 * The denominator is always positive.
 */
export interface Rational {
  numerator: bigint;
  denominator: bigint;
}

export const ZERO: Rational = { numerator: 0n, denominator: 1n };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "10.50" → 1050/100. Only unsigned plain decimals (no exponent, sign or separators). */
export const parseDecimal = (value: string, field = 'annualInterestRate'): Rational => {
  const match = DECIMAL.exec(value);
  if (!match) throw invalid('invalid_decimal', `"${value}" is not an unsigned decimal number`, field);
  const [, whole, fraction = ''] = match;
  return { numerator: BigInt(whole + fraction), denominator: 10n ** BigInt(fraction.length) };
};

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

const reduced = (numerator: bigint, denominator: bigint): Rational => {
  const divisor = gcd(numerator, denominator) || 1n;
  return { numerator: numerator / divisor, denominator: denominator / divisor };
};

export const add = (a: Rational, b: Rational): Rational =>
  reduced(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);

export const fraction = (numerator: bigint, denominator: bigint): Rational => {
  if (denominator <= 0n) throw new RangeError('A fraction needs a positive denominator');
  return reduced(numerator, denominator);
};

/**
 * Rounds half up to an integer (…0.5 goes up: 12944.5 → 12945). Only non-negative values occur
 * (interest never is negative), and refusing the others keeps "half up" unambiguous.
 */
export const roundHalfUp = ({ numerator, denominator }: Rational): bigint => {
  if (numerator < 0n) throw new RangeError('roundHalfUp is defined here for non-negative values only');
  return (2n * numerator + denominator) / (2n * denominator);
};
