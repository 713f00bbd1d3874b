import { count, megabytes, millis, perSecond } from './figures';

/** What the sections measured on one store, as numbers the goals of issue 15 are judged on. */
export interface StoreMeasures {
  rebuildEventsPerSecond: number;
  rebuildPeakRssBytes: number;
  cyclesPeakRssBytes: number;
  paymentsPerSecond: number;
  paymentsP99Ms: number;
  /** The full history of the long client as one streamed export (the paged walk is a row of section 4 only). */
  historyMs: number;
  /** The slowest of the as-of views. */
  asOfMs: number;
  firstCycleMs: number;
  dayCycleMs: number;
  cycleClients: number;
}

/** The limits of the PostgreSQL server itself (bench/raw-limits.bench.ts). */
export interface RawLimits {
  appendOneWriterPerSecond: number;
  appendManyWritersPerSecond: number;
  writers: number;
  orderedReadPerSecond: number;
}

export interface Measured {
  pglite: Partial<StoreMeasures>;
  postgres: Partial<StoreMeasures>;
  limits: Partial<RawLimits>;
}

export const emptyMeasured = (): Measured => ({ pglite: {}, postgres: {}, limits: {} });

/** One goal: `value` held against `limit`, and the ratio `value / limit` must stay on the right side of `target`. */
interface RatioGoal {
  goal: string;
  value?: number;
  limit?: number;
  show: (amount: number) => string;
  /** What a measured limit is; none where the issue sets the figure. */
  limitIs?: string;
  holds: '<' | '≤' | '≥';
  target: number;
}

export interface JudgedGoal {
  goal: string;
  /** `value / limit = ratio`, or why it could not be computed. */
  ratio: string;
  target: string;
  reached?: boolean;
}

/** The one place a goal becomes `value / limit = ratio` and reached or missed. */
export function judgeGoal({ goal, value, limit, show, limitIs, holds, target }: RatioGoal): JudgedGoal {
  const targetText = `ratio ${holds} ${target}`;
  if (value === undefined || limit === undefined || limit <= 0) {
    return {
      goal,
      ratio: value === undefined ? 'not measured in this run' : `${limitIs ?? 'limit'}: not measured in this run`,
      target: targetText,
    };
  }
  const ratio = value / limit;
  const reached = holds === '<' ? ratio < target : holds === '≤' ? ratio <= target : ratio >= target;
  return {
    goal,
    ratio: `${show(value)} / ${show(limit)}${limitIs ? ` (${limitIs})` : ''} = ${ratio.toFixed(2)}`,
    target: targetText,
    reached,
  };
}

const MB = 1024 * 1024;
const STORE_NAMES = { pglite: 'PGlite', postgres: 'PostgreSQL' } as const;

/** Every goal of issue 15, in its order, judged on what this run measured. */
export function issue15Goals(measured: Measured): JudgedGoal[] {
  const { pglite, postgres, limits } = measured;
  const perStore = (build: (store: 'pglite' | 'postgres', name: string, values: Partial<StoreMeasures>) => RatioGoal[]) =>
    (['postgres', 'pglite'] as const).flatMap((store) => build(store, STORE_NAMES[store], measured[store]));
  const goals: RatioGoal[] = [
    ...perStore((_, name, values) => [
      {
        goal: `1. ${name}: API peak RSS during a rebuild < 512 MB`,
        value: values.rebuildPeakRssBytes,
        limit: 512 * MB,
        show: megabytes,
        holds: '<',
        target: 1,
      },
      {
        goal: `1. ${name}: API peak RSS during collections cycles < 512 MB`,
        value: values.cyclesPeakRssBytes,
        limit: 512 * MB,
        show: megabytes,
        holds: '<',
        target: 1,
      },
    ]),
    {
      goal: '2. PostgreSQL: rebuild ≥ 0.25 × the raw ordered read rate',
      value: postgres.rebuildEventsPerSecond,
      limit: limits.orderedReadPerSecond,
      show: (rate) => perSecond(rate, 'events'),
      limitIs: 'raw ordered read',
      holds: '≥',
      target: 0.25,
    },
    {
      goal: '2. PGlite: rebuild ≥ 50,000 events/s',
      value: pglite.rebuildEventsPerSecond,
      limit: 50_000,
      show: (rate) => perSecond(rate, 'events'),
      holds: '≥',
      target: 1,
    },
    {
      goal: `3. PostgreSQL: recorded payments over HTTP ≥ 0.25 × the raw one-event append rate at ${limits.writers ?? 64} writers`,
      value: postgres.paymentsPerSecond,
      limit: limits.appendManyWritersPerSecond,
      // Payments per second against one-event transactions per second.
      show: (rate) => `${count(rate)}/s`,
      limitIs: `raw one-event appends, ${limits.writers ?? 64} writers`,
      holds: '≥',
      target: 0.25,
    },
    {
      goal: '3. PGlite: recorded payments over HTTP ≥ 1,500/s',
      value: pglite.paymentsPerSecond,
      limit: 1500,
      show: (rate) => perSecond(rate, 'payments'),
      holds: '≥',
      target: 1,
    },
    ...perStore((_, name, values) => [
      {
        goal: `3. ${name}: payment latency p99 < 50 ms`,
        value: values.paymentsP99Ms,
        limit: 50,
        show: millis,
        holds: '<',
        target: 1,
      },
    ]),
    ...perStore((_, name, values) => [
      {
        goal: `4. ${name}: history of a 10,000-event client < 100 ms (one streamed export; the paged walk: section 4)`,
        value: values.historyMs,
        limit: 100,
        show: millis,
        holds: '<',
        target: 1,
      },
      {
        goal: `4. ${name}: as-of views (the slowest) < 150 ms`,
        value: values.asOfMs,
        limit: 150,
        show: millis,
        holds: '<',
        target: 1,
      },
    ]),
    ...perStore((store, name, values) => [
      {
        goal: `5. ${name}: first collections cycle after a restart ≤ 2 × a normal day's cycle`,
        value: values.firstCycleMs,
        limit: values.dayCycleMs,
        show: millis,
        limitIs: "the next day's cycle",
        holds: '≤',
        target: 2,
      },
      {
        goal: `5. ${name}: a day's cycle over ${values.cycleClients === undefined ? '10,000' : count(values.cycleClients)} clients < ${store === 'postgres' ? 5 : 10} s`,
        value: values.dayCycleMs,
        limit: store === 'postgres' ? 5000 : 10_000,
        show: millis,
        holds: '<',
        target: 1,
      },
    ]),
  ];
  return goals.map(judgeGoal);
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The goal table; at smoke size the ratios are printed but judge nothing. */
export function renderGoals(goals: readonly JudgedGoal[], smoke: boolean): string {
  const verdict = (goal: JudgedGoal) =>
    goal.reached === undefined ? '' : smoke ? 'smoke (not a goal)' : goal.reached ? 'reached' : '**missed**';
  return [
    `### Goals of issue 15: value / limit = ratio${smoke ? ' (SMOKE size: the ratios judge nothing)' : ''}`,
    '',
    'Limits measured on the same PostgreSQL binaries (section 9); the rest are the issue’s own figures.',
    '',
    '| goal | value / limit = ratio | target | |',
    '| --- | --- | --- | --- |',
    ...goals.map((goal) => `| ${cell(goal.goal)} | ${cell(goal.ratio)} | ${goal.target} | ${verdict(goal)} |`),
  ].join('\n');
}
