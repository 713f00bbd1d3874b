import { daysBetween, localDateOfInstant } from '../../shared/dates';
import { type EscalateCollections, type PlaceCreditHold, type TightenTerms } from '../commands';
import { collectionsCommandId } from '../ids';
import { type DecisionContext, RISK_AT_LEAST_HIGH } from './context';

export type RiskCommand = EscalateCollections | TightenTerms | PlaceCreditHold;

/**
 * Trend, engagement and risk escalation (SPEC 5, issue 14), ahead of the ladder:
 * - risk `medium`, a deteriorating trend and payments that bear it out (`paymentChange.confirmsDecline`:
 *   invoices later than the client usually pays or, for a new client, late again and again) → an
 *   `account_review` task, trigger `trend`;
 * - otherwise payments well beyond the client's own baseline (`paymentChange.alarm`: invoices later than
 *   usual, part payments, bounces, broken promises) → an `account_review` task, trigger `trend`, whatever
 *   the risk level (the signal comes before the overdue amounts that make risk medium);
 * - otherwise engagement well below the client's own baseline (`engagementChange.alarm`) → an
 *   `account_review` task, trigger `engagement`, whatever the payments (a client going quiet is flagged
 *   before any invoice is late); any review at most once per `accountReviewIntervalDays`;
 * - risk `high` or worse → terms tightened (new invoices due on receipt, ladder thresholds × factor);
 * - risk `critical` → credit hold at once, whatever the days past due.
 */
export const decideRiskAndTrend = (context: DecisionContext, holdPlacedNow: boolean): RiskCommand[] => {
  const { riskLevel } = context.solvency;
  const review = reviewTrigger(context);
  return [
    ...(review && !reviewedRecently(context) ? [accountReview(context, review)] : []),
    ...(RISK_AT_LEAST_HIGH.includes(riskLevel) && !context.state.tightenedTerms ? [tightenTerms(context)] : []),
    ...(riskLevel === 'critical' && !context.state.creditHold && !holdPlacedNow ? [riskHold(context)] : []),
  ];
};

const reviewTrigger = ({ solvency, behaviour }: DecisionContext): 'trend' | 'engagement' | undefined => {
  const change = behaviour.paymentChange;
  const confirmed = change === undefined || change.confirmsDecline;
  if (solvency.riskLevel === 'medium' && behaviour.trend.direction === 'deteriorating' && confirmed) return 'trend';
  if (change?.alarm) return 'trend';
  if (behaviour.engagementChange?.alarm) return 'engagement';
  return undefined;
};

const reviewedRecently = ({ state, agreement, today, policy }: DecisionContext): boolean =>
  state.steps.some(
    (step) =>
      step.level === 'account_review' &&
      daysBetween(localDateOfInstant(step.decidedAt, agreement.timezone), today) < policy.accountReviewIntervalDays,
  );

const riskFigures = ({ solvency, behaviour }: DecisionContext) => ({
  riskLevel: solvency.riskLevel,
  riskScore: solvency.riskScore,
  trend: behaviour.trend.direction,
  slopeDaysPerInvoice: behaviour.trend.slopeDaysPerInvoice,
  observations: behaviour.trend.observations.length,
  ...(behaviour.paymentChange && { paymentChangePoints: behaviour.paymentChange.points }),
  ...(behaviour.engagementChange && {
    engagementChangePoints: behaviour.engagementChange.points,
    engagementChange: behaviour.engagementChange.detail,
  }),
});

const accountReview = (context: DecisionContext, trigger: 'trend' | 'engagement'): EscalateCollections => ({
  type: 'EscalateCollections',
  commandId: collectionsCommandId(context.clientId, 'escalate', 'account_review', context.today),
  clientId: context.clientId,
  level: 'account_review',
  trigger,
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
