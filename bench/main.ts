import { appendThroughputBench } from './append-throughput.bench';
import { datasetBench } from './dataset.bench';
import { httpPaymentsBench } from './http-payments.bench';
import { BenchContext } from './support/context';
import { describeMachine } from './support/machine';
import { parseOptions, type SuiteName } from './support/options';
import { renderFigures, writeReport } from './support/report';

/**
 * `npm run bench` measures everything at full size and rewrites BENCHMARKS.md;
 * `npm run bench:smoke` runs everything at a tiny size and fails when a benchmark breaks.
 *   --only=http,append,dataset   --stores=memory,pglite,postgres,esdb   (a partial run prints, or writes --out=FILE)
 *   --http-seconds=N --http-clients=N --dataset-clients=N --dataset-months=N --history-events=N
 */
const SUITE_RUNNERS: Record<SuiteName, (context: BenchContext) => Promise<void>> = {
  http: httpPaymentsBench,
  append: appendThroughputBench,
  dataset: datasetBench,
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
  const report = renderFigures(
    context.figures,
    machine,
    (performance.now() - started) / 1000,
    failures.map((failure) => `failed: ${failure.split('\n')[0]}`),
    options.smoke,
  );
  if (options.out && failures.length === 0) {
    writeReport(options.out, report);
    context.log(`Wrote ${options.out}`);
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
