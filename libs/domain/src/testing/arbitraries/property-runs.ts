import type fc from 'fast-check';

/**
 * How many sequences a property test runs: `defaultRuns` in `npm test`; `SETTLE_PROPERTY_RUNS` sets it
 * (`npm run test:deep`). A failure prints its seed and path; `SETTLE_PROPERTY_SEED` and
 * `SETTLE_PROPERTY_PATH` replay exactly that case.
 */
export const propertyParameters = <T>(defaultRuns: number): fc.Parameters<T> & { numRuns: number } => {
  const { SETTLE_PROPERTY_RUNS: runs, SETTLE_PROPERTY_SEED: seed, SETTLE_PROPERTY_PATH: path } = process.env;
  return {
    numRuns: runs ? positive(runs, 'SETTLE_PROPERTY_RUNS') : defaultRuns,
    ...(seed !== undefined && { seed: Number(seed) }),
    ...(path !== undefined && { path }),
  };
};

/** Time for `runs` sequences at about `millisPerRun` each, with room for a slow machine. */
export const timeoutFor = (runs: number, millisPerRun: number): number => 60_000 + runs * millisPerRun * 3;

const positive = (value: string, name: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer, not "${value}"`);
  return parsed;
};
