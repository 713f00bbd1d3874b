import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  assessSolvency,
  computePaymentBehaviour,
  decideCollections,
  decideCollectionsCommands,
  DEFAULT_COLLECTIONS_POLICY,
  evolveCollectionsState,
  foldBehaviourFacts,
  initialBehaviourFacts,
  initialCollectionsState,
} from '@settle/domain';
import { type GeneratedClient, generateClientHistory } from './generated-history';

/**
 * The domain's hot paths, timed per phase over generated clients: fold the stream (behaviour facts
 * and the collections state), payment behaviour, solvency, the collections decision. Every result
 * goes into a digest, so that two runs (before and after a change) can be compared for equality.
 */

export interface PhaseTimes {
  /** Folding the stream into the behaviour facts. */
  fold: number;
  /** Folding it into the collections case (`evolveCollectionsState`). */
  foldCase: number;
  behaviour: number;
  solvency: number;
  decide: number;
}

export interface BenchResult {
  clients: number;
  events: number;
  /** Total milliseconds per phase. */
  totals: PhaseTimes;
  /** SHA-256 over every figure and decision. */
  digest: string;
}

const json = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/** Folds, assesses and decides each client at the end of its history; timings per phase. */
export const benchClients = (clients: readonly GeneratedClient[]): BenchResult => {
  const totals: PhaseTimes = { fold: 0, foldCase: 0, behaviour: 0, solvency: 0, decide: 0 };
  const hash = createHash('sha256');
  let events = 0;
  for (const client of clients) {
    const now = client.end;
    events += client.events.length;
    let started = performance.now();
    const facts = foldBehaviourFacts(initialBehaviourFacts(), client.events);
    totals.fold += performance.now() - started;

    started = performance.now();
    const collections = client.events.reduce(evolveCollectionsState, initialCollectionsState());
    totals.foldCase += performance.now() - started;

    started = performance.now();
    const behaviour = computePaymentBehaviour(facts, now);
    totals.behaviour += performance.now() - started;

    started = performance.now();
    const solvency = assessSolvency(facts, now, undefined, behaviour);
    totals.solvency += performance.now() - started;

    started = performance.now();
    const commands = decideCollections({
      account: { invoices: facts.invoices, payments: facts.payments, collections },
      behaviour: { trend: behaviour.trend },
      solvency: { riskScore: solvency.riskScore, riskLevel: solvency.riskLevel },
      policy: DEFAULT_COLLECTIONS_POLICY,
      now,
    });
    const decided = decideCollectionsCommands(commands, collections);
    totals.decide += performance.now() - started;

    hash.update(json({ facts, behaviour, solvency, decided, level: collections.level, charges: [...collections.charges] }));
  }
  return { clients: clients.length, events, totals, digest: hash.digest('hex') };
};

/** `count` clients of `months` months each (about 12 events a month). */
export const generatePortfolio = (count: number, months: number): GeneratedClient[] =>
  Array.from({ length: count }, (_, index) => generateClientHistory(index, { months }));

/** One client with a long history: `invoicesPerMonth` invoices a month for `months` months. */
export const generateLongHistory = (months: number, invoicesPerMonth: number): GeneratedClient =>
  generateClientHistory(4242, { months, invoicesPerMonth });

export const formatResult = (label: string, result: BenchResult): string => {
  const perClient = (ms: number) => (ms / result.clients).toFixed(3);
  const { fold, foldCase, behaviour, solvency, decide } = result.totals;
  const total = fold + foldCase + behaviour + solvency + decide;
  return (
    `${label}: ${result.clients} clients, ${result.events} events; per client ms: fold ${perClient(fold)}, fold case ${perClient(foldCase)}, ` +
    `behaviour ${perClient(behaviour)}, solvency ${perClient(solvency)}, decide ${perClient(decide)}, total ${perClient(total)}; ` +
    `digest ${result.digest.slice(0, 16)}`
  );
};
