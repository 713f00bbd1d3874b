import { median } from '../shared/statistics';
/**
 * Ratios of money sums are exact rationals; they become numbers only once, rounded half away from zero,
 * so no floating point touches an amount. Days and slopes are not money and are plain numbers.
 */
export const roundedRatio = (numerator: bigint, denominator: bigint, decimals: number): number => {
  if (denominator === 0n) throw new RangeError('Ratio with a zero denominator');
  const scale = 10n ** BigInt(decimals);
  const negative = numerator < 0n !== denominator < 0n;
  const dividend = (numerator < 0n ? -numerator : numerator) * scale;
  const divisor = denominator < 0n ? -denominator : denominator;
  const quotient = dividend / divisor + (2n * (dividend % divisor) >= divisor ? 1n : 0n);
  return Number(negative ? -quotient : quotient) / Number(scale);
};

/** The ratio, or null when there is nothing to divide by. */
export const ratioOrNull = (numerator: bigint, denominator: bigint, decimals: number): number | null =>
  denominator === 0n ? null : roundedRatio(numerator, denominator, decimals);

export const roundTo = (value: number, decimals: number): number => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};

/** Least-squares slope of `values` over their index 0, 1, 2, …; 0 for fewer than two values. */
export const leastSquaresSlope = (values: readonly number[]): number => {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((total, value) => total + value, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  values.forEach((value, x) => {
    covariance += (x - meanX) * (value - meanY);
    varianceX += (x - meanX) ** 2;
  });
  return covariance / varianceX;
};

/**
 * Theil–Sen slope of `values` over their index: the median of the slopes of every pair, so one outlier
 * (a single late month) moves it little where it can carry a least-squares line; 0 for fewer than two values.
 */
export const theilSenSlope = (values: readonly number[]): number => {
  const slopes: number[] = [];
  values.forEach((value, x) => values.slice(x + 1).forEach((later, offset) => slopes.push((later - value) / (offset + 1))));
  return slopes.length === 0 ? 0 : median(slopes);
};
