import { performance } from 'node:perf_hooks';
import { foldBehaviourFacts, initialBehaviourFacts } from '@settle/domain';
import { benchClients, formatResult, generateLongHistory, generatePortfolio } from './support/domain-bench';

/**
 * A measurement, not a check (see test/perf/README.md): SETTLE_PERF_CLIENTS=1000 prints, per client,
 * how long the domain's hot paths take — fold the stream, payment behaviour, solvency, the
 * collections decision — over generated clients of SETTLE_PERF_MONTHS (12) months (about 150 events
 * each), then the as-of fold of one client with about 10,000 events. The digest changes only when
 * a figure or a decision does: equal digests before and after a change mean equal results.
 */
const clients = Number(process.env.SETTLE_PERF_CLIENTS ?? 0);
const months = Number(process.env.SETTLE_PERF_MONTHS ?? 12);

(clients > 0 ? describe : describe.skip)('domain hot paths', () => {
  it('folds, assesses and decides generated clients', () => {
    let started = performance.now();
    const portfolio = generatePortfolio(clients, months);
    const long = generateLongHistory(60, 12);
    process.stdout.write(
      `generated ${clients} clients and one of ${long.events.length} events in ${Math.round(performance.now() - started)} ms\n`,
    );

    benchClients(portfolio.slice(0, 50)); // warm-up
    process.stdout.write(`${formatResult('portfolio', benchClients(portfolio))}\n`);

    started = performance.now();
    const facts = foldBehaviourFacts(initialBehaviourFacts(), long.events);
    const foldMs = performance.now() - started;
    process.stdout.write(
      `long history: as-of fold of ${long.events.length} events in ${foldMs.toFixed(1)} ms (${facts.invoices.length} invoices)\n`,
    );
    process.stdout.write(`${formatResult('long history', benchClients([long]))}\n`);
    expect(facts.invoices.length).toBeGreaterThan(0);
  }, 1_800_000);
});
