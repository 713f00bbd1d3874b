import { type DateTime } from 'luxon';
import {
  type ClientAccountEvent,
  type CollectionsCommand,
  type CollectionsPolicy,
  type CollectionsSolvency,
  decideCollections,
  decideCollectionsCommands,
  type MetricsConfig,
} from '@settle/domain';
import { type DecidedStreamCommand } from '@settle/command-pipeline';
import { type CollectionsSubject, isRegistered } from '../collections-subject';
import { assessClient, type ClientAssessment, riskFigures } from './client-assessment';

export interface ClientRunInput {
  subject: CollectionsSubject;
  /** The instant of the run (`asOf`, or the clock when the cycle started). */
  now: DateTime;
  policy: CollectionsPolicy;
  metrics?: MetricsConfig;
  /** Needed only while a risk-triggered credit hold is on (see `CollectionsSolvency`). */
  dailyRiskLevels?: CollectionsSolvency['dailyRiskLevels'];
}

export interface ClientRunDecision {
  /** Every command the process decided, each with the events it still has to record (none: done before). */
  decided: (DecidedStreamCommand & { type: CollectionsCommand['type'] })[];
  assessment?: ClientAssessment;
}

/**
 * One client's run (SPEC 5): behaviour and solvency at `now`, the pure decision, then each command
 * turned into its events against the case as it stands (so nothing done before is decided again).
 */
export const decideClientRun = ({ subject, now, policy, metrics, dailyRiskLevels }: ClientRunInput): ClientRunDecision => {
  if (!isRegistered(subject)) return { decided: [] };
  const assessment = assessClient(subject, now, metrics);
  const { facts, collections } = subject;
  const commands = decideCollections({
    account: { invoices: facts.invoices, payments: facts.payments, collections },
    behaviour: assessment.behaviour,
    solvency: {
      riskScore: assessment.solvency.riskScore,
      riskLevel: assessment.solvency.riskLevel,
      ...(dailyRiskLevels && { dailyRiskLevels }),
    },
    policy,
    now,
  });
  const figures = riskFigures(assessment);
  return {
    assessment,
    decided: decideCollectionsCommands(commands, collections).map(({ command, events }) => ({
      type: command.type,
      commandId: command.commandId,
      content: asJson(command),
      events: events.map((event) => withFigures(event, figures)),
    })),
  };
};

/** Holds and tightened terms say the figures behind them too (SPEC 5), like escalations do. */
const withFigures = (event: ClientAccountEvent, figures: Record<string, string | number | boolean | null>): ClientAccountEvent => {
  switch (event.type) {
    case 'CreditHoldPlaced':
      return { ...event, data: { ...event.data, figures } };
    case 'TermsTightened':
      return { ...event, data: { ...event.data, figures } };
    default:
      return event;
  }
};

/** A command's content as plain JSON (amounts are bigint in commands), so it can be hashed. */
const asJson = (command: CollectionsCommand): unknown =>
  JSON.parse(JSON.stringify(command, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
