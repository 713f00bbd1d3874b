import { pauseInForce } from '../client-account/queries';
import { type CollectionsCommand } from './commands';
import { decideCharges } from './decide/charges';
import { decideClosing } from './decide/closing';
import { type DecisionContext, decisionContext } from './decide/context';
import { decideEscalation } from './decide/escalation';
import { decidePromises } from './decide/promises';
import { decideRiskAndTrend } from './decide/risk-and-trend';
import { type CollectionsInput } from './input';

/**
 * The collections process's decision for one client at `now` (SPEC 5). Pure: the same input gives
 * the same commands, and once their events are folded into `account.collections`, deciding again
 * gives nothing new. Order: promise outcomes, the ladder, fees and interest, trend and risk rules,
 * then resolution (nothing overdue any more) and hold release.
 *
 * Pauses: a manual pause (through its `until` date, its last day) and an open promise to pay (until `promisedOn` +
 * grace) stop escalation, reminders and charges — the ladder, trend and risk rules alike; promise
 * outcomes, resolution and hold release still happen. An open dispute takes only its invoice out.
 */
export const decideCollections = (input: CollectionsInput): CollectionsCommand[] => {
  const context = decisionContext(input);
  if (!context) return [];
  const promises = decidePromises(context);
  const paused = manuallyPaused(context) || promises.stillOpen;
  const escalation = paused ? { commands: [], level: context.state.level } : decideEscalation(context, promises.brokenNow);
  const holdPlacedNow = escalation.commands.some((command) => command.type === 'PlaceCreditHold');
  return [
    ...promises.commands,
    ...escalation.commands,
    ...(paused ? [] : decideCharges(context)),
    ...(paused ? [] : decideRiskAndTrend(context, holdPlacedNow)),
    ...decideClosing(context, escalation.level),
  ];
};

const manuallyPaused = ({ state, today }: DecisionContext): boolean => pauseInForce(state.pause, today) !== undefined;
