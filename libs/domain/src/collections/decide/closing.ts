import { DateTime } from 'luxon';
import { addDays, localDate } from '../../shared/dates';
import { type CollectionLevel } from '../../agreement/collections-ladder';
import { type IsoInstant } from '../../shared/types';
import { type ReleaseCreditHold, type ResolveCollections } from '../commands';
import { collectionsCommandId } from '../ids';
import { levelRank } from '../../agreement/collections-ladder';
import { type DecisionContext, RISK_AT_LEAST_HIGH } from './context';

export type ClosingCommand = ResolveCollections | ReleaseCreditHold;

/**
 * A case closes once nothing is overdue any more — the account fully paid, or paid up to invoices
 * not yet due (a client invoiced every month is rarely at zero; its next late invoice opens a new
 * case at the first rung). A credit hold is released once nothing wants it any more:
 * not the ladder (the case is below `credit_hold`, e.g. resolved) and not the risk — never while
 * risk is critical, and a hold the risk placed only after `riskHoldReleaseDays` below `high` (no
 * flapping). Favourable decisions, so they are taken even while escalation is paused.
 */
export const decideClosing = (context: DecisionContext, levelAfterEscalation: CollectionLevel): ClosingCommand[] => {
  const { state, clientId, today, decidedAt } = context;
  const resolving = state.level !== 'none' && nothingOverdue(context);
  const levelAfter = resolving ? 'none' : levelAfterEscalation;
  const hold = state.creditHold;
  const ladderWantsHold = levelRank(levelAfter) >= levelRank('credit_hold');
  const riskWantsHold =
    context.solvency.riskLevel === 'critical' || (hold?.trigger === 'risk' && !belowHighLongEnough(context, hold.placedAt));
  return [
    ...(resolving
      ? [{ type: 'ResolveCollections' as const, commandId: collectionsCommandId(clientId, 'resolve', today), clientId, decidedAt }]
      : []),
    ...(hold && !ladderWantsHold && !riskWantsHold
      ? [
          {
            type: 'ReleaseCreditHold' as const,
            commandId: collectionsCommandId(clientId, 'release-credit-hold', today),
            clientId,
            reason:
              hold.trigger === 'risk'
                ? `risk below high for ${context.policy.riskHoldReleaseDays} days (now ${context.solvency.riskLevel})`
                : context.settled
                  ? 'collections resolved: the account is fully paid'
                  : 'collections resolved: nothing is overdue',
            releasedAt: decidedAt,
          },
        ]
      : []),
  ];
};

/** No invoice past its due date with principal outstanding, disputed ones included (a dispute keeps its case open). */
const nothingOverdue = ({ invoices, today }: DecisionContext): boolean =>
  invoices.every((invoice) => invoice.outstanding === 0n || invoice.dueOn >= today);

/** Below `high` now and at the end of each of the last `riskHoldReleaseDays` days, all after the hold was placed. */
const belowHighLongEnough = ({ solvency, policy, today, agreement }: DecisionContext, placedAt: IsoInstant): boolean => {
  const windowStart = addDays(today, -policy.riskHoldReleaseDays);
  if (RISK_AT_LEAST_HIGH.includes(solvency.riskLevel) || localDate(DateTime.fromISO(placedAt), agreement.timezone) >= windowStart)
    return false;
  const levels = new Map((solvency.dailyRiskLevels ?? []).map((sample) => [sample.on, sample.riskLevel]));
  for (let back = 1; back <= policy.riskHoldReleaseDays; back++) {
    const level = levels.get(addDays(today, -back));
    if (level === undefined || RISK_AT_LEAST_HIGH.includes(level)) return false;
  }
  return true;
};
