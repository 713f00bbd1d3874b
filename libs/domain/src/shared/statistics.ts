/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The value at fraction `q` (0–1) of the sorted values, by rank (no interpolation); undefined for none. */
export const quantile = (values: readonly number[], q: number): number | undefined => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/** Beyond what a baseline rate explains: observed − expected − `slack` standard deviations (binomial), at least 0. */
export const excessOver = (observed: number, trials: number, rate: number, slack: number): number =>
  Math.max(0, observed - trials * rate - slack * Math.sqrt(trials * rate * (1 - rate)));

/** A baseline rate pulled towards a prior, so a short history does not make every miss look new. */
export const smoothedRate = (events: number, trials: number, priorTrials: number, priorRate: number): number =>
  (events + priorTrials * priorRate) / (trials + priorTrials);
