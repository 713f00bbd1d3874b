/**
 * The D&B PAYDEX scale: a score per amount-weighted days beyond terms, linear between these points.
 * Beyond 120 days late it keeps the slope of the 90→120 segment (1 point per 3 days), so 177 days
 * late reaches the floor of 1; paying more than 30 days early stays at 100.
 */
const PAYDEX_POINTS: readonly (readonly [daysBeyondTerms: number, score: number])[] = [
  [-30, 100],
  [0, 80],
  [15, 70],
  [22, 60],
  [30, 50],
  [60, 40],
  [90, 30],
  [120, 20],
  [177, 1],
];

export const PAYDEX_MIN = 1;
export const PAYDEX_MAX = 100;

export const paydexForDaysBeyondTerms = (days: number): number => {
  const [first] = PAYDEX_POINTS;
  if (days <= first[0]) return PAYDEX_MAX;
  for (let i = 1; i < PAYDEX_POINTS.length; i++) {
    const [toDays, toScore] = PAYDEX_POINTS[i];
    if (days <= toDays) {
      const [fromDays, fromScore] = PAYDEX_POINTS[i - 1];
      return Math.round(fromScore + ((days - fromDays) * (toScore - fromScore)) / (toDays - fromDays));
    }
  }
  return PAYDEX_MIN;
};
