import { readFileSync, writeFileSync } from 'node:fs';
import { daysBetween, RISK_FACTOR_CODES } from '@settle/domain';
import { type ClientOutcome, EARLY_WARNING_DAYS, runBacktest, WARNING_HORIZON_DAYS, type WeeklySignals } from './backtest';
import { BACKTEST_FULL } from './sizes';

/**
 * The backtest's weekly runs as rows for the early-warning fits (issue 14; `scorecard.ts`, `bound.ts`): each factor's
 * points and the raw figures behind them, labelled by the generator's ground truth, and the alarm "score ≥ threshold
 * in some week" scored by the backtest's definitions.
 */

export const LEAD_FROM = 60;
export const LEAD_TO = 120;

/** The raw figures each weekly run already computes, beside the factor points. */
export const RAW_FIGURES: Record<string, (week: WeeklySignals) => number> = {
  trend_deteriorating: ({ behaviour }) => (behaviour.trend.direction === 'deteriorating' ? 1 : 0),
  trend_slope: ({ behaviour }) => behaviour.trend.slopeDaysPerInvoice,
  latest_days_late: ({ behaviour }) => behaviour.trend.observations.at(-1)?.daysLate ?? 0,
  paydex_below_on_time: ({ behaviour }) => Math.max(0, 80 - (behaviour.paydex ?? 80)),
  weighted_days_late: ({ behaviour }) => behaviour.weightedAverageDaysLate ?? 0,
  oldest_overdue_days: ({ behaviour }) => behaviour.oldestOverdueDays,
  unanswered_streak: ({ behaviour }) => behaviour.engagement.unansweredStreak,
  unanswered_90d: ({ behaviour }) => behaviour.engagement.unansweredLast90Days,
  missed_meetings_90d: ({ behaviour }) => behaviour.engagement.meetingsMissedLast90Days,
  broken_promises_180d: ({ behaviour }) => behaviour.promises.broken,
  excess_unanswered: ({ behaviour }) => behaviour.engagementChange.excessUnanswered,
  excess_missed: ({ behaviour }) => behaviour.engagementChange.excessMissed,
  quiet_since_dm_change: ({ behaviour }) => (behaviour.engagementChange.quietSinceDecisionMakerChange ? 1 : 0),
  slower_responses: ({ behaviour }) => (behaviour.engagementChange.slowerResponses ? 1 : 0),
  recent_unanswered_share: ({ behaviour: { engagementChange } }) =>
    share(engagementChange.recent.unanswered, engagementChange.recent.contacts),
  baseline_unanswered_share: ({ behaviour: { engagementChange } }) =>
    share(engagementChange.baseline.unanswered, engagementChange.baseline.contacts),
  recent_missed_share: ({ behaviour: { engagementChange } }) => share(engagementChange.recent.missed, engagementChange.recent.meetings),
  has_payment_baseline: ({ behaviour }) => (behaviour.paymentChange.usualDaysLate === null ? 0 : 1),
  usual_days_late: ({ behaviour }) => behaviour.paymentChange.usualDaysLate ?? 0,
  later_than_usual: ({ behaviour }) => behaviour.paymentChange.laterThanUsual,
  recent_late: ({ behaviour }) => behaviour.paymentChange.recentLate,
  excess_broken_promises: ({ behaviour }) => behaviour.paymentChange.excessBrokenPromises,
  excess_part_payments: ({ behaviour }) => behaviour.paymentChange.excessPartPayments,
  recent_part_share: ({ behaviour: { paymentChange } }) => share(paymentChange.recentPartPayments, paymentChange.recentPayments),
  excess_reversals: ({ behaviour }) => behaviour.paymentChange.excessReversals,
  invoices_paid: ({ behaviour }) => Math.min(behaviour.invoicesPaid, 24),
  // Changes against the client's own level, as plain differences (the fits above find them as pairs of opposite weights).
  latest_beyond_average_late: ({ behaviour }) =>
    Math.max(0, (behaviour.trend.observations.at(-1)?.daysLate ?? 0) - (behaviour.weightedAverageDaysLate ?? 0)),
  unanswered_share_rise: ({ behaviour: { engagementChange: change } }) =>
    Math.max(0, share(change.recent.unanswered, change.recent.contacts) - share(change.baseline.unanswered, change.baseline.contacts)),
  missed_share_rise: ({ behaviour: { engagementChange: change } }) =>
    Math.max(0, share(change.recent.missed, change.recent.meetings) - share(change.baseline.missed, change.baseline.meetings)),
};

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export const POINT_FEATURES = RISK_FACTOR_CODES.map((code) => `${code}_points`);
export const FEATURES = [...POINT_FEATURES, ...Object.keys(RAW_FIGURES)];

export interface Week {
  seed: string;
  clientId: string;
  personality: string;
  /** Days from this week to the default; null for a client that never defaults. */
  leadDays: number | null;
  riskScore: number;
  /** In the order of `FEATURES`. */
  figures: number[];
}

const toWeek = (signals: WeeklySignals): Week => {
  const points = new Map(signals.solvency.factors.map((factor) => [factor.code, factor.points]));
  const { defaultsOn } = signals.client;
  return {
    seed: signals.seed,
    clientId: signals.client.clientId,
    personality: signals.client.personality,
    leadDays: defaultsOn === undefined ? null : daysBetween(signals.today, defaultsOn),
    riskScore: signals.solvency.riskScore,
    figures: [...RISK_FACTOR_CODES.map((code) => points.get(code) ?? 0), ...Object.values(RAW_FIGURES).map((figure) => figure(signals))],
  };
};

export function collect(seeds: string[], clients: number): { weeks: Week[]; outcomes: ClientOutcome[] } {
  const weeks: Week[] = [];
  const results = runBacktest({ ...BACKTEST_FULL, seeds, clients, onWeek: (signals) => weeks.push(toWeek(signals)) });
  return { weeks, outcomes: results.flatMap((result) => result.clients) };
}

/**
 * Figures that learn the generator, not clients: its hagglers never default (the SPEC calls haggling a red flag) and its
 * defaults cluster late in each history, so weights on pushbacks or on how long a client has been with us are left out.
 */
export const GENERATOR_ARTEFACTS = ['negotiation_red_flags', 'has_payment_baseline', 'invoices_paid'];

const CSV_HEADER = ['seed', 'client', 'personality', 'lead_days', 'risk_score', ...FEATURES];

/** Every week as a CSV row (`--export=`), in the replay's order: per seed, per client, week by week. */
export function writeWeeks(path: string, weeks: readonly Week[]): void {
  const lines = weeks.map((w) => [w.seed, w.clientId, w.personality, w.leadDays ?? '', w.riskScore, ...w.figures].join(','));
  writeFileSync(path, [CSV_HEADER.join(','), ...lines].join('\n'));
}

/** Weeks written by `writeWeeks` with today's figures (`--weeks=`): a fit without replaying the seeds again. */
export function readWeeks(path: string): Week[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n');
  if (header !== CSV_HEADER.join(',')) throw new Error(`${path} was exported with other figures; export it again`);
  return lines.map((line) => {
    const [seed, clientId, personality, leadDays, riskScore, ...figures] = line.split(',');
    return {
      seed,
      clientId,
      personality,
      leadDays: leadDays === '' ? null : Number(leadDays),
      riskScore: Number(riskScore),
      figures: figures.map(Number),
    };
  });
}

export const isTraining = (week: Week) => week.leadDays === null || (week.leadDays >= LEAD_FROM && week.leadDays <= LEAD_TO);

/** Per client: the best score of the weeks that count (defaulters: 60–365 days before default; others: every week). */
export function clientScores(weeks: Week[], score: (week: Week) => number) {
  const best = new Map<string, { defaulter: boolean; personality: string; score: number }>();
  for (const week of weeks) {
    const key = `${week.seed}/${week.clientId}`;
    const entry = best.get(key) ?? { defaulter: week.leadDays !== null, personality: week.personality, score: -Infinity };
    const counts = week.leadDays === null || (week.leadDays >= EARLY_WARNING_DAYS && week.leadDays <= WARNING_HORIZON_DAYS);
    if (counts) entry.score = Math.max(entry.score, score(week));
    best.set(key, entry);
  }
  return [...best.values()];
}

export type Scored = ReturnType<typeof clientScores>;

/** The lowest threshold whose false alarms stay within `falseAlarmShare` of the clients that never default. */
export const thresholdAt = (clients: Scored, falseAlarmShare: number): number => {
  const others = clients
    .filter((client) => !client.defaulter)
    .map((client) => client.score)
    .sort((a, b) => b - a);
  const allowed = Math.floor(falseAlarmShare * others.length);
  // Alarm at score ≥ threshold: just above the (allowed + 1)-th highest non-defaulter score.
  return allowed < others.length ? others[allowed] + 1e-9 : -Infinity;
};

export const at = (clients: Scored, threshold: number) => {
  const defaulters = clients.filter((client) => client.defaulter);
  const others = clients.filter((client) => !client.defaulter);
  const flagged = defaulters.filter((client) => client.score >= threshold).length;
  const alarms = others.filter((client) => client.score >= threshold).length;
  return { flagged, defaulters: defaulters.length, alarms, others: others.length };
};

/** Client-level area under the ROC curve: the chance a defaulter's best week outscores a non-defaulter's. */
export const auc = (clients: Scored): number => {
  const defaulters = clients.filter((client) => client.defaulter);
  const others = clients.filter((client) => !client.defaulter);
  let wins = 0;
  for (const d of defaulters) for (const o of others) wins += d.score > o.score ? 1 : d.score === o.score ? 0.5 : 0;
  return wins / (defaulters.length * others.length);
};

export const percent = (part: number, whole: number) => `${part}/${whole} (${Math.round((100 * part) / whole)} %)`;
