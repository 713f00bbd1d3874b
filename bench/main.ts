import { appendThroughputBench } from './append-throughput.bench';
import { runBacktest } from './backtest/backtest';
import { overall } from './backtest/report';
import { BACKTEST_FULL, BACKTEST_SMOKE } from './backtest/sizes';
import { datasetBench } from './dataset.bench';
import { firstPagesBench } from './first-pages.bench';
import { httpPaymentsBench } from './http-payments.bench';
import { rawLimitsBench } from './raw-limits.bench';
import { BenchContext } from './support/context';
import { issue15Goals, renderGoals } from './support/goals';
import { describeMachine } from './support/machine';
import { parseOptions, type SuiteName } from './support/options';
import { renderFigures, writeReport } from './support/report';

/**
 * `npm run bench` measures everything at full size and rewrites BENCHMARKS.md;
 * `npm run bench:smoke` runs everything at a tiny size and fails when a benchmark breaks.
 *   --only=http,append,dataset,pages,limits   --stores=memory,pglite,postgres,esdb   (a partial run prints, or writes --out=FILE)
 *   --clients=N (dataset and pages; 10000 or 50000) --http-seconds=N --http-clients=N --dataset-clients=N --dataset-months=N
 *   --history-events=N --pages-clients=N --raw-read-events=N
 */
const SUITE_RUNNERS: Record<SuiteName, (context: BenchContext) => Promise<void>> = {
  http: httpPaymentsBench,
  append: appendThroughputBench,
  dataset: datasetBench,
  pages: firstPagesBench,
  limits: rawLimitsBench,
};

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const machine = describeMachine();
  const context = new BenchContext(options);
  context.log(`${options.smoke ? 'Smoke run' : 'Benchmarks'}: ${options.suites.join(', ')} on ${options.stores.join(', ')}; ${machine}`);
  const started = performance.now();
  let failures: string[];
  try {
    failures = await context.eachAttempted(options.suites, (suite) => SUITE_RUNNERS[suite](context));
  } finally {
    await context.dispose();
  }
  // The early warning's backtest (issue 14): in-process and quick; `npm run backtest` prints its tables.
  for (const { seed, figures } of overall(runBacktest(options.smoke ? BACKTEST_SMOKE : BACKTEST_FULL))) {
    context.record({
      section: 'backtest',
      label: `seed ${seed}: defaulters flagged ≥ 60 days before default`,
      value: `${figures.flagged60}/${figures.defaulters}`,
      goal: { text: '≥ 90 %', reached: figures.flagged60 >= 0.9 * figures.defaulters },
      command: 'npm run backtest',
      note: `≥ 30 days: ${figures.flagged30}/${figures.defaulters}; median lead ${figures.medianLeadDays ?? '–'} days; false alarms ${figures.falseAlarms}/${figures.nonDefaulters} (goal ≤ 10 %)`,
    });
  }
  const goals = renderGoals(issue15Goals(context.measured), options.smoke);
  const report = renderFigures(
    context.figures,
    machine,
    (performance.now() - started) / 1000,
    failures.map((failure) => `failed: ${failure.split('\n')[0]}`),
    options.smoke,
    goals,
  );
  if (options.out && failures.length === 0) {
    writeReport(options.out, report);
    context.log(`Wrote ${options.out}`);
    process.stdout.write(`\n${goals}\n`);
  } else {
    process.stdout.write(`\n${report}\n`);
  }
  if (failures.length > 0) process.stderr.write(`\n${failures.length} benchmark suite(s) failed:\n${failures.join('\n\n')}\n`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
