/** Nearest-rank percentile of measurements (p in 0–100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('No measurements');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Runs `work` `times` times, one after another, and returns each run's duration in ms. */
export async function timeRuns(times: number, work: () => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  for (let run = 0; run < times; run++) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  return durations;
}
