import { DateTime } from 'luxon';
import { type ClientAccountEvent } from '../../client-account/events';
import { foldBehaviourFacts } from '../../metrics/evolve-behaviour-facts';
import { initialBehaviourFacts } from '../../metrics/facts';
import { type TrendDirection } from '../../metrics/trend';
import { type CollectionsCommand } from '../commands';
import { decideCollections } from '../decide-collections';
import { decideCollectionsCommands } from '../decide-command';
import { type CollectionsBehaviour, type CollectionsSolvency } from '../input';
import { type CollectionsPolicy, DEFAULT_COLLECTIONS_POLICY } from '../policy';
import { evolveCollectionsState, initialCollectionsState } from '../state';

/**
 * Runs the collections process once over a client history, as the runner will: the process state
 * and the behaviour facts are folded from the same events, the decided commands become events.
 */
export interface CollectionsRunOptions {
  now: string;
  solvency?: Partial<CollectionsSolvency>;
  trend?: { direction: TrendDirection; slopeDaysPerInvoice?: number };
  engagementChange?: CollectionsBehaviour['engagementChange'];
  paymentChange?: CollectionsBehaviour['paymentChange'];
  policy?: CollectionsPolicy;
}

export interface CollectionsRun {
  commands: CollectionsCommand[];
  /** The events the commands decided. */
  events: ClientAccountEvent[];
  /** The history followed by those events: the input of the next run. */
  history: ClientAccountEvent[];
}

export const runCollections = (history: readonly ClientAccountEvent[], options: CollectionsRunOptions): CollectionsRun => {
  const collections = history.reduce(evolveCollectionsState, initialCollectionsState());
  const facts = foldBehaviourFacts(initialBehaviourFacts(), history);
  const commands = decideCollections({
    account: { invoices: facts.invoices, payments: facts.payments, collections },
    behaviour: {
      trend: { direction: 'stable', slopeDaysPerInvoice: 0, observations: [], ...options.trend },
      ...(options.engagementChange && { engagementChange: options.engagementChange }),
      ...(options.paymentChange && { paymentChange: options.paymentChange }),
    },
    solvency: { riskScore: 10, riskLevel: 'low', ...options.solvency },
    policy: options.policy ?? DEFAULT_COLLECTIONS_POLICY,
    now: DateTime.fromISO(options.now, { setZone: true }),
  });
  const events = decideCollectionsCommands(commands, collections).flatMap((decided) => decided.events);
  return { commands, events, history: [...history, ...events] };
};

/** The command types of a run, in order: a compact view for assertions. */
export const commandTypes = (run: CollectionsRun): string[] =>
  run.commands.map((command) => (command.type === 'EscalateCollections' ? `EscalateCollections:${command.level}` : command.type));
