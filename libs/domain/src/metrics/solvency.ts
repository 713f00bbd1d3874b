import { type DateTime } from 'luxon';
import { addDays, daysBeforeMillis, daysBetween, instantMillis, localDate } from '../shared/dates';
import { formatMinorUnits, toMinor } from '../money/money';
import { type IsoDate, type IsoInstant } from '../shared/types';
import { roundedRatio } from './arithmetic';
import { DEFAULT_METRICS_CONFIG, type MetricsConfig, RISK_FACTOR_CODES, type RiskFactorCode, type RiskModelConfig } from './config';
import { type BehaviourFacts } from './facts';
import { daysPastDue, isOverdue, sumOutstanding } from './invoice-figures';
import { type PaymentFigures, paymentFiguresOf } from './payment-behaviour';

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface RiskFactor {
  code: RiskFactorCode;
  /** Whole points; the factors of an assessment sum exactly to its `riskScore`. */
  points: number;
  /** A human sentence with the figures behind the points. */
  detail: string;
}

/** SPEC 4.3. Only factors that carry points are listed, largest first. */
export interface Solvency {
  riskScore: number;
  riskLevel: RiskLevel;
  factors: RiskFactor[];
  asOf: IsoInstant;
}

/** What every factor curve sees. The curves and caps are tabled in config.ts (RiskModelConfig). */
interface RiskInputs {
  facts: BehaviourFacts;
  behaviour: PaymentFigures;
  today: IsoDate;
  now: DateTime;
  config: MetricsConfig;
}

type FactorCurve = (inputs: RiskInputs) => { points: number; detail: string };

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

const within = (instants: readonly IsoInstant[], now: DateTime, days: number): IsoInstant[] => {
  const [from, to] = [daysBeforeMillis(now, days), now.toMillis()];
  return instants.filter((at) => {
    const moment = instantMillis(at);
    return moment > from && moment <= to;
  });
};

const paymentTrend: FactorCurve = ({ behaviour: { trend, paydex, paymentChange }, config: { risk, paymentChange: changeConfig } }) => {
  const { deterioratingBasePoints, pointsPerSlopeDay, onTimePaydex, paydexPointsDivisor, newClientNeedsConfirmation } = risk.paymentTrend;
  const deteriorating = trend.direction === 'deteriorating';
  // A new client's first late months (a seasonal business's first summer, a holiday) are not yet a decline: the
  // same rule as its trend review (`confirmsDecline`), so risk does not reach `high` on what the review ignores.
  const unconfirmed = deteriorating && newClientNeedsConfirmation && paymentChange.usualDaysLate === null && !paymentChange.confirmsDecline;
  const trendPoints =
    deteriorating && !unconfirmed ? deterioratingBasePoints + Math.round(pointsPerSlopeDay * trend.slopeDaysPerInvoice) : 0;
  const paydexPoints = paydex !== null && paydex < onTimePaydex ? Math.round((onTimePaydex - paydex) / paydexPointsDivisor) : 0;
  const latest = trend.observations[trend.observations.length - 1];
  const { lateDays, lateInvoices } = changeConfig.withoutBaseline;
  const trendSentence = unconfirmed
    ? `Payments slowed by ${trend.slopeDaysPerInvoice} days per invoice, not yet a decline for a new client: ` +
      `${plural(paymentChange.recentLate, 'recent invoice')} at least ${plural(lateDays, 'day')} late of the ${lateInvoices} it takes.`
    : deteriorating
      ? `Payments are deteriorating by ${trend.slopeDaysPerInvoice} days per invoice over the last ${plural(trend.observations.length, 'invoice')}, the latest ${latest.daysLate} days late${latest.open ? ' and still unpaid' : ''}.`
      : `Payment trend is ${trend.direction.replace('_', ' ')}.`;
  return { points: trendPoints + paydexPoints, detail: `${trendSentence} PAYDEX ${paydex ?? 'n/a'} (80 = pays on time).` };
};

/**
 * Average monthly invoicing over the last `averagingDays`, or since the first invoice (at least `minimumAveragingDays`).
 * With `beyondUsualLateness`, only invoices overdue longer than the client usually pays count (its usual days late,
 * once it has a payment baseline): a client always three weeks late has three weeks of invoicing open as usual.
 */
const overdueExposure: FactorCurve = ({ facts, behaviour, today, config: { risk } }) => {
  const { pointsPerMonthOverdue, averagingDays, minimumAveragingDays, beyondUsualLateness } = risk.overdueExposure;
  const usualDaysLate = beyondUsualLateness ? (behaviour.paymentChange.usualDaysLate ?? 0) : 0;
  const overdue =
    usualDaysLate > 0
      ? sumOutstanding(facts.invoices.filter((invoice) => isOverdue(invoice, today) && daysPastDue(invoice, today) > usualDaysLate))
      : behaviour.overdue;
  const usually = usualDaysLate > 0 ? ` longer than the usual ${plural(usualDaysLate, 'day')} late` : '';
  if (overdue === 0n) return { points: 0, detail: `Nothing is overdue${usually}.` };
  const windowStart = addDays(today, -averagingDays);
  const firstIssuedOn = facts.invoices.reduce((first, invoice) => (invoice.issuedOn < first ? invoice.issuedOn : first), today);
  const coveredDays = BigInt(Math.min(averagingDays, Math.max(minimumAveragingDays, daysBetween(firstIssuedOn, today) + 1)));
  const invoiced = facts.invoices
    .filter((invoice) => invoice.issuedOn > windowStart)
    .reduce((total, invoice) => total + toMinor(invoice.amount), 0n);
  const overdueText = `${formatMinorUnits(overdue, facts.currency)} ${facts.currency}`;
  if (invoiced === 0n)
    return {
      points: risk.caps.overdue_exposure,
      detail: `${overdueText} is overdue${usually} with nothing invoiced in the last ${averagingDays} days.`,
    };
  // months overdue = overdue ÷ (invoiced × 30 ÷ coveredDays)
  const months = roundedRatio(overdue * coveredDays, invoiced * 30n, 1);
  const points = roundedRatio(overdue * coveredDays * BigInt(pointsPerMonthOverdue), invoiced * 30n, 0);
  const monthly = formatMinorUnits((invoiced * 30n) / coveredDays, facts.currency);
  return {
    points,
    detail: `${overdueText} overdue${usually} is ${months.toFixed(1)} months of average invoicing (${monthly} ${facts.currency} a month).`,
  };
};

const oldestOverdue: FactorCurve = ({ behaviour: { oldestOverdueDays }, config: { risk } }) => {
  const step = [...risk.oldestOverdue.steps].reverse().find(({ fromDays }) => oldestOverdueDays >= fromDays);
  return {
    points: step?.points ?? 0,
    detail: oldestOverdueDays > 0 ? `The oldest overdue invoice is ${plural(oldestOverdueDays, 'day')} past due.` : 'Nothing is overdue.',
  };
};

const unresponsive: FactorCurve = ({ facts, behaviour: { engagement }, config }) => {
  const { pointsPerUnanswered, pointsPerStreakContact } = config.risk.unresponsive;
  const { unansweredLast90Days, unansweredStreak, lastClientResponseAt } = engagement;
  return {
    points: pointsPerUnanswered * unansweredLast90Days + pointsPerStreakContact * unansweredStreak,
    detail:
      `${plural(unansweredLast90Days, 'contact')} not answered within ${plural(facts.responseTimeBusinessDays, 'business day')} ` +
      `in the last ${config.engagementWindowDays} days; ${unansweredStreak} unanswered in a row since the last client response ` +
      `(${lastClientResponseAt ?? 'none yet'}).`,
  };
};

const brokenPromises: FactorCurve = ({ behaviour: { promises }, config }) => ({
  points: config.risk.brokenPromises.pointsPerBroken * promises.broken,
  detail: `${plural(promises.broken, 'promise')} to pay broken in the last ${config.promiseWindowDays} days (${promises.kept} kept, ${promises.open} open).`,
});

const missedMeetings: FactorCurve = ({ behaviour: { engagement }, config }) => ({
  points: config.risk.missedMeetings.pointsPerMissed * engagement.meetingsMissedLast90Days,
  detail: `${plural(engagement.meetingsMissedLast90Days, 'meeting')} missed in the last ${config.engagementWindowDays} days.`,
});

const decisionMakerChanged: FactorCurve = ({ facts, now, config: { risk } }) => {
  const { windowDays, points } = risk.decisionMakerChanged;
  const changes = within(facts.decisionMakerChanges, now, windowDays);
  return {
    points: changes.length > 0 ? points : 0,
    detail: `The decision maker changed ${plural(changes.length, 'time')} in the last ${windowDays} days.`,
  };
};

const openDisputes: FactorCurve = ({ facts, config: { risk } }) => {
  const disputed = facts.invoices.filter((invoice) => invoice.disputed).length;
  return { points: risk.openDisputes.pointsPerDispute * disputed, detail: `${plural(disputed, 'invoice')} in open dispute.` };
};

const negotiationRedFlags: FactorCurve = ({ facts, now, config: { risk } }) => {
  const { windowDays, pointsPerPushback } = risk.negotiationRedFlags;
  const pushbacks = within(facts.pricePushbacks, now, windowDays).length;
  return { points: pointsPerPushback * pushbacks, detail: `${plural(pushbacks, 'price pushback')} logged in the last ${windowDays} days.` };
};

/**
 * How much of the agreed credit limit the open balance (outstanding principal) uses: nothing up to
 * `fromPercent`, then a point per `percentPerPoint` above it (SPEC 3.3: usage above 80 % weighs on risk).
 */
const creditLimitUsage: FactorCurve = ({ facts, behaviour: { outstanding }, config: { risk } }) => {
  if (facts.creditLimit === undefined) return { points: 0, detail: 'No credit limit agreed.' };
  const { fromPercent, percentPerPoint } = risk.creditLimitUsage;
  const limit = toMinor(facts.creditLimit);
  const money = (minor: bigint) => `${formatMinorUnits(minor, facts.currency)} ${facts.currency}`;
  if (limit === 0n) {
    return outstanding > 0n
      ? { points: risk.caps.credit_limit_usage, detail: `${money(outstanding)} open against a credit limit of zero.` }
      : { points: 0, detail: 'Nothing open; the credit limit is zero.' };
  }
  const usedPercent = roundedRatio(outstanding * 100n, limit, 1);
  // (used % − from %) ÷ % per point, with used % = outstanding × 100 ÷ limit, kept exact.
  const points = roundedRatio(outstanding * 100n - BigInt(fromPercent) * limit, limit * BigInt(percentPerPoint), 0);
  return { points, detail: `${money(outstanding)} open is ${usedPercent.toFixed(1)} % of the credit limit of ${money(limit)}.` };
};

/** Engagement against the client's own baseline (engagement-change.ts): its points and sentence as they are. */
const engagementChange: FactorCurve = ({ behaviour }) => ({
  points: behaviour.engagementChange.points,
  detail: behaviour.engagementChange.detail,
});

/** Payments against the client's own baseline (payment-change.ts). */
const paymentChange: FactorCurve = ({ behaviour }) => ({ points: behaviour.paymentChange.points, detail: behaviour.paymentChange.detail });

const CURVES: Record<RiskFactorCode, FactorCurve> = {
  payment_trend: paymentTrend,
  overdue_exposure: overdueExposure,
  oldest_overdue: oldestOverdue,
  unresponsive,
  broken_promises: brokenPromises,
  missed_meetings: missedMeetings,
  decision_maker_changed: decisionMakerChanged,
  open_disputes: openDisputes,
  negotiation_red_flags: negotiationRedFlags,
  credit_limit_usage: creditLimitUsage,
  engagement_change: engagementChange,
  payment_change: paymentChange,
};

/**
 * Above `maxScore` the factors are scaled down in proportion and rounded by largest remainder (ties to
 * the earlier factor), so they still sum exactly to the score.
 */
export const scaleToMaxScore = (factors: readonly RiskFactor[], maxScore: number): RiskFactor[] => {
  const total = factors.reduce((sum, factor) => sum + factor.points, 0);
  if (total <= maxScore) return [...factors];
  const scaled = factors.map((factor, index) => ({
    index,
    points: Math.floor((factor.points * maxScore) / total),
    remainder: (factor.points * maxScore) % total,
  }));
  let left = maxScore - scaled.reduce((sum, { points }) => sum + points, 0);
  for (const entry of [...scaled].sort((a, b) => b.remainder - a.remainder || a.index - b.index)) {
    if (left === 0) break;
    entry.points += 1;
    left -= 1;
  }
  return factors.map((factor, index) => ({ ...factor, points: scaled[index].points }));
};

export const riskLevelFor = (score: number, levels: RiskModelConfig['levels']): RiskLevel => {
  if (score >= levels.critical) return 'critical';
  if (score >= levels.high) return 'high';
  if (score >= levels.medium) return 'medium';
  return 'low';
};

export const assessSolvency = (
  facts: BehaviourFacts,
  now: DateTime,
  config: MetricsConfig = DEFAULT_METRICS_CONFIG,
  behaviour: PaymentFigures = paymentFiguresOf(facts, now, config),
): Solvency => {
  const inputs: RiskInputs = { facts, behaviour, today: localDate(now, facts.timezone), now, config };
  const capped = RISK_FACTOR_CODES.map((code): RiskFactor => {
    const { points, detail } = CURVES[code](inputs);
    return { code, points: Math.max(0, Math.min(points, config.risk.caps[code])), detail };
  });
  const factors = scaleToMaxScore(capped, config.risk.maxScore)
    .filter((factor) => factor.points > 0)
    .sort((a, b) => b.points - a.points);
  const riskScore = factors.reduce((sum, factor) => sum + factor.points, 0);
  return { riskScore, riskLevel: riskLevelFor(riskScore, config.risk.levels), factors, asOf: behaviour.asOf };
};
