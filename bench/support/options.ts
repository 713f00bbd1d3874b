/** What `npm run bench` is asked to do. */

export const STORES = ['memory', 'pglite', 'postgres', 'esdb'] as const;
export type StoreName = (typeof STORES)[number];
export const SUITES = ['http', 'append', 'dataset', 'pages', 'limits'] as const;
export type SuiteName = (typeof SUITES)[number];

export interface Sizes {
  http: { clients: number; warmupSeconds: number; seconds: number; connections: number };
  append: { singleAppends: number; batches: number; batchSize: number; manyStreamEvents: number; streams: number; writers: number };
  dataset: { clients: number; months: number; chunkClients: number; longHistoryEvents: number; readRuns: number };
  pages: { clients: number; months: number; chunkClients: number; historyEvents: number; runs: number; wholeRuns: number };
  limits: { appendSeconds: number; writers: number; readEvents: number; readRuns: number };
}

const FULL: Sizes = {
  http: { clients: 1000, warmupSeconds: 5, seconds: 30, connections: 64 },
  append: { singleAppends: 2000, batches: 50, batchSize: 100, manyStreamEvents: 20_000, streams: 1000, writers: 64 },
  // 10,000 clients × 16 months of the generated portfolio ≈ 1,000,000 events.
  dataset: { clients: 10_000, months: 16, chunkClients: 2000, longHistoryEvents: 10_000, readRuns: 20 },
  // The first screen does not depend on how long each client's history is: a short one keeps the seeding quick.
  pages: { clients: 10_000, months: 2, chunkClients: 2000, historyEvents: 10_000, runs: 10, wholeRuns: 2 },
  // About the dataset's event count, so the raw read reads as much as the rebuild does.
  limits: { appendSeconds: 10, writers: 64, readEvents: 1_000_000, readRuns: 3 },
};

/** Every benchmark in seconds, so CI can run them all and they cannot rot. */
const SMOKE: Sizes = {
  http: { clients: 10, warmupSeconds: 0, seconds: 2, connections: 64 },
  append: { singleAppends: 50, batches: 3, batchSize: 20, manyStreamEvents: 200, streams: 20, writers: 8 },
  dataset: { clients: 30, months: 6, chunkClients: 30, longHistoryEvents: 300, readRuns: 2 },
  pages: { clients: 30, months: 2, chunkClients: 30, historyEvents: 300, runs: 2, wholeRuns: 1 },
  limits: { appendSeconds: 1, writers: 64, readEvents: 5000, readRuns: 1 },
};

export interface BenchOptions {
  smoke: boolean;
  suites: SuiteName[];
  stores: StoreName[];
  sizes: Sizes;
  /** Where the report goes; undefined: printed only (smoke and partial runs). */
  out?: string;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const list = <T extends string>(name: string, all: readonly T[]): T[] => {
    const value = flag(name);
    if (value === undefined) return [...all];
    const picked = value.split(',').map((item) => item.trim());
    const unknown = picked.filter((item) => !all.includes(item as T));
    if (unknown.length > 0) throw new Error(`--${name}: unknown ${unknown.join(', ')} (one or more of ${all.join(', ')})`);
    return picked as T[];
  };
  const number = (name: string, fallback: number) => {
    const value = flag(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer, got ${value}`);
    return parsed;
  };
  const smoke = argv.includes('--smoke');
  const base = smoke ? SMOKE : FULL;
  const suites = list('only', SUITES);
  const stores = list('stores', STORES);
  const complete = suites.length === SUITES.length && stores.length === STORES.length;
  // The portfolio's size for every section that seeds one (10,000 or 50,000 clients: issue 15).
  const clients = flag('clients') === undefined ? undefined : number('clients', 1);
  return {
    smoke,
    suites,
    stores,
    sizes: {
      http: { ...base.http, seconds: number('http-seconds', base.http.seconds), clients: number('http-clients', base.http.clients) },
      append: base.append,
      dataset: {
        ...base.dataset,
        clients: number('dataset-clients', clients ?? base.dataset.clients),
        months: number('dataset-months', base.dataset.months),
        longHistoryEvents: number('history-events', base.dataset.longHistoryEvents),
      },
      pages: { ...base.pages, clients: number('pages-clients', clients ?? base.pages.clients) },
      // The generated portfolio holds about 100 events per client: the raw read reads about as many as the rebuild.
      limits: { ...base.limits, readEvents: number('raw-read-events', clients === undefined ? base.limits.readEvents : 100 * clients) },
    },
    out: flag('out') ?? (complete && !smoke ? 'BENCHMARKS.md' : undefined),
  };
}

/** The command that reproduces a figure. */
export const benchCommand = (suite: SuiteName, store: StoreName): string => `npm run bench -- --only=${suite} --stores=${store}`;
