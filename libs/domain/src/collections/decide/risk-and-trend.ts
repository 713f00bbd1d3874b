import { DateTime } from 'luxon';
import { daysBetween, localDate } from '../../shared/dates';
import { type EscalateCollections, type PlaceCreditHold, type TightenTerms } from '../commands';
import { collectionsCommandId } from '../ids';
import { type DecisionContext, RISK_AT_LEAST_HIGH } from './context';

export type RiskCommand = EscalateCollections | TightenTerms | PlaceCreditHold;

/**
 * Trend and risk escalation (SPEC 5), ahead of the ladder:
 * - risk `medium` and a deteriorating trend → an `account_review` task (at most once per `accountReviewIntervalDays`);
 * - risk `high` or worse → terms tightened (new invoices due on receipt, ladder thresholds × factor);
 * - risk `critical` → credit hold at once, whatever the days past due.
 */
export const decideRiskAndTrend = (context: DecisionContext, holdPlacedNow: boolean): RiskCommand[] => {
  const { riskLevel } = context.solvency;
  return [
    ...(riskLevel === 'medium' && context.behaviour.trend.direction === 'deteriorating' && !reviewedRecently(context)
      ? [accountReview(context)]
      : []),
    ...(RISK_AT_LEAST_HIGH.includes(riskLevel) && !context.state.tightenedTerms ? [tightenTerms(context)] : []),
    ...(riskLevel === 'critical' && !context.state.creditHold && !holdPlacedNow ? [riskHold(context)] : []),
  ];
};

const reviewedRecently = ({ state, agreement, today, policy }: DecisionContext): boolean =>
  state.steps.some(
    (step) =>
      step.level === 'account_review' &&
      daysBetween(localDate(DateTime.fromISO(step.decidedAt), agreement.timezone), today) < policy.accountReviewIntervalDays,
  );

const riskFigures = ({ solvency, behaviour }: DecisionContext) => ({
  riskLevel: solvency.riskLevel,
  riskScore: solvency.riskScore,
  trend: behaviour.trend.direction,
  slopeDaysPerInvoice: behaviour.trend.slopeDaysPerInvoice,
  observations: behaviour.trend.observations.length,
});

const accountReview = (context: DecisionContext): EscalateCollections => ({
  type: 'EscalateCollections',
  commandId: collectionsCommandId(context.clientId, 'escalate', 'account_review', context.today),
  clientId: context.clientId,
  level: 'account_review',
  trigger: 'trend',
  figures: riskFigures(context),
  decidedAt: context.decidedAt,
});

const tightenTerms = (context: DecisionContext): TightenTerms => ({
  type: 'TightenTerms',
  commandId: collectionsCommandId(context.clientId, 'tighten-terms', context.today),
  clientId: context.clientId,
  paymentTerms: context.policy.tightenedPaymentTerms,
  ladderFactor: context.policy.tightenedLadderFactor,
  trigger: 'risk',
  decidedAt: context.decidedAt,
});

const riskHold = (context: DecisionContext): PlaceCreditHold => ({
  type: 'PlaceCreditHold',
  commandId: collectionsCommandId(context.clientId, 'place-credit-hold', context.today),
  clientId: context.clientId,
  trigger: 'risk',
  reason: `risk critical (score ${context.solvency.riskScore}, trend ${context.behaviour.trend.direction}): no new work, new invoices need prepayment`,
  placedAt: context.decidedAt,
});
