import { runBacktest } from './backtest';
import { overall, renderClients, renderSummary } from './report';
import { BACKTEST_FULL, BACKTEST_SMOKE } from './sizes';

/**
 * `npm run backtest`: the early warning over generated portfolios with known outcomes (issue 14).
 *   --smoke            a tiny portfolio (seconds), as `npm run bench:smoke` runs it
 *   --seeds=a,b,c      --clients=N   --months=N   --clients-table   (one row per client, every seed)
 */
function main(argv: readonly string[]): void {
  const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const base = argv.includes('--smoke') ? BACKTEST_SMOKE : BACKTEST_FULL;
  const options = {
    ...base,
    seeds: flag('seeds')?.split(',') ?? base.seeds,
    clients: Number(flag('clients') ?? base.clients),
    months: Number(flag('months') ?? base.months),
  };
  if (!(options.clients > 0 && options.months >= 1)) throw new Error('--clients and --months must be positive');
  const results = runBacktest(options);
  const out: string[] = [];
  for (const result of results) {
    out.push(renderSummary(result), '');
    if (argv.includes('--clients-table')) out.push(renderClients(result.clients), '');
  }
  out.push(
    ...overall(results).map(
      ({ seed, figures }) =>
        `${seed}: ${figures.flagged60}/${figures.defaulters} defaulters flagged ≥ 60 days before default, ${figures.flagged30}/${figures.defaulters} ≥ 30, median lead ${figures.medianLeadDays ?? '–'} days; ${figures.falseAlarms}/${figures.nonDefaulters} false alarms (${figures.falseAlarmsBeforeBaseline} before the client had a payment baseline); predicted payment dates of ${figures.predictedInvoices} invoices: mean absolute error ${figures.predictionMae ?? '–'} days (naive: due date + average delay, ${figures.naiveMae ?? '–'}), ${figures.inRangeShare ?? '–'} % paid within the range`,
    ),
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

main(process.argv.slice(2));
