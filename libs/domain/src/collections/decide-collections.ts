import { pauseInForce } from '../client-account/queries';
import { type CollectionsCommand } from './commands';
import { decideCharges } from './decide/charges';
import { decideClosing } from './decide/closing';
import { type DecisionContext, decisionContext } from './decide/context';
import { decideCorrections, decideInterestOnPaidPrincipal } from './decide/corrections';
import { decideDisputeCreditWaivers } from './decide/dispute-credits';
import { decideEscalation } from './decide/escalation';
import { decidePromises } from './decide/promises';
import { decideLetters } from './decide/letters';
import { decideRiskAndTrend } from './decide/risk-and-trend';
import { decideCollectionsCommands } from './decide-command';
import { type CollectionsInput } from './input';
import { type CollectionsProcessState, evolveCollectionsState } from './state';

/**
 * The collections process's decision for one client at `now` (SPEC 5). Pure: the same input gives
 * the same commands, and once their events are folded into `account.collections`, deciding again
 * gives nothing new. Order: promise outcomes, the ladder, fees and interest, trend and risk rules,
 * then resolution (nothing overdue any more) and hold release. Before all of them, corrections of what
 * facts booked late proved wrong (`decide/corrections.ts`); the rest is decided on the corrected case.
 *
 * Pauses: a manual pause (through its `until` date, its last day) and an open promise to pay (until `promisedOn` +
 * grace) stop escalation, reminders and charges — the ladder, trend and risk rules alike; promise
 * outcomes, resolution and hold release still happen. An open dispute takes only its invoice out.
 */
export const decideCollections = (input: CollectionsInput): CollectionsCommand[] => {
  const found = decisionContext(input);
  if (!found) return [];
  const corrections = decideCorrections(found);
  const context = corrections.length === 0 ? found : { ...found, state: corrected(found.state, corrections) };
  const promises = decidePromises(context);
  const paused = manuallyPaused(context) || promises.stillOpen;
  // Charges first: a handover decided in this run carries the fees and interest charged in it.
  const charges = paused ? [] : decideCharges(context);
  const escalation = paused ? { commands: [], level: context.state.level } : decideEscalation(context, promises.brokenNow, charges);
  const holdPlacedNow = escalation.commands.some((command) => command.type === 'PlaceCreditHold');
  return [
    ...corrections,
    ...promises.commands,
    ...escalation.commands,
    ...decideLetters(context, [...promises.commands, ...escalation.commands], charges),
    ...charges,
    ...decideInterestOnPaidPrincipal(context),
    ...decideDisputeCreditWaivers(context, charges),
    ...(paused ? [] : decideRiskAndTrend(context, holdPlacedNow)),
    ...decideClosing(context, escalation.level),
  ];
};

const corrected = (state: CollectionsProcessState, corrections: readonly CollectionsCommand[]): CollectionsProcessState =>
  decideCollectionsCommands(corrections, state)
    .flatMap(({ events }) => events)
    .reduce(evolveCollectionsState, state);

const manuallyPaused = ({ state, today }: DecisionContext): boolean => pauseInForce(state.pause, today) !== undefined;
