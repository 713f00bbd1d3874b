import { type DateTime } from 'luxon';
import { daysBeforeMillis, instantMillis } from '../shared/dates';
import { excessOver, median, smoothedRate } from '../shared/statistics';
import { roundTo } from './arithmetic';
import { type EngagementChangeConfig } from './config';
import { firstAbove, responseDeadlineMillis } from './engagement';
import { type BehaviourFacts } from './facts';

/** What the client did with our contacts and meetings in one window. */
export interface EngagementWindow {
  /** Contacts sent in the window whose response deadline has passed. */
  contacts: number;
  /** Of those, not answered by their deadline (`responseTimeBusinessDays`). */
  unanswered: number;
  /** Meetings held or missed in the window. */
  meetings: number;
  missed: number;
  /** Median hours from a contact to the client's first response after it (answered late too); null without one. */
  medianResponseHours: number | null;
}

/**
 * Engagement as a trend (issue 14, SPEC 2 red flags 2 and 3): the recent window compared with the
 * client's own baseline before it, so a client who always answered and now goes quiet stands out, and
 * one who never answered much does not. Points are whole and explained in `detail`.
 */
export interface EngagementChange {
  recent: EngagementWindow;
  baseline: EngagementWindow;
  /** Unanswered contacts beyond the baseline rate and its chance variation (≥ 0, 1 decimal). */
  excessUnanswered: number;
  /** Missed meetings beyond the baseline rate and its chance variation (≥ 0, 1 decimal). */
  excessMissed: number;
  /** The decision maker changed in the recent window and every contact since went unanswered. */
  quietSinceDecisionMakerChange: boolean;
  /** Responses now take much longer than they used to. */
  slowerResponses: boolean;
  points: number;
  /**
   * Reason enough for an account review: `points` reached `alarmPoints`, or the engagement and the payments
   * (`PaymentChange.points`) both changed (`withPaymentChange`): two independent signals, each too weak alone.
   */
  alarm: boolean;
  detail: string;
}

const DAY_MILLIS = 86_400_000;
const HOUR_MILLIS = 3_600_000;

const medianOrNull = (values: readonly number[]): number | null => (values.length === 0 ? null : median(values));

const emptyWindow = (): EngagementWindow & { responseHours: number[] } => ({
  contacts: 0,
  unanswered: 0,
  meetings: 0,
  missed: 0,
  medianResponseHours: null,
  responseHours: [],
});

export const engagementChangeOf = (
  facts: BehaviourFacts,
  now: DateTime,
  config: EngagementChangeConfig,
  paymentChangePoints: number,
): EngagementChange => {
  const nowMillis = now.toMillis();
  const recentFrom = daysBeforeMillis(now, config.recentDays);
  const baselineFrom = recentFrom - config.baselineDays * DAY_MILLIS;
  const windowOf = (millis: number) => (millis > recentFrom ? recent : millis > baselineFrom ? baseline : undefined);
  const recent = emptyWindow();
  const baseline = emptyWindow();

  const responses = Float64Array.from(facts.clientResponses.map(instantMillis).filter((millis) => millis <= nowMillis)).sort();
  const latestChange = facts.decisionMakerChanges
    .map(instantMillis)
    .filter((millis) => millis > recentFrom && millis <= nowMillis)
    .reduce((latest, millis) => Math.max(latest, millis), -Infinity);
  let sinceChange = 0;
  let answeredSinceChange = 0;

  for (const contact of facts.outboundContacts) {
    const sent = instantMillis(contact.occurredAt);
    const window = windowOf(sent);
    if (!window || sent > nowMillis) continue;
    const deadline = responseDeadlineMillis(sent, facts);
    if (deadline > nowMillis) continue;
    const next = firstAbove(responses, sent);
    const answeredAt = next < responses.length ? responses[next] : undefined;
    const answered = answeredAt !== undefined && answeredAt <= deadline;
    window.contacts++;
    if (!answered) window.unanswered++;
    if (answeredAt !== undefined) window.responseHours.push((answeredAt - sent) / HOUR_MILLIS);
    if (sent > latestChange) {
      sinceChange++;
      if (answered) answeredSinceChange++;
    }
  }
  for (const [instants, missed] of [
    [facts.meetingsHeld, false],
    [facts.meetingsMissed, true],
  ] as const) {
    for (const at of instants) {
      const millis = instantMillis(at);
      const window = millis <= nowMillis ? windowOf(millis) : undefined;
      if (!window) continue;
      window.meetings++;
      if (missed) window.missed++;
    }
  }
  const summary = ({ responseHours, ...window }: typeof recent): EngagementWindow => {
    const hours = medianOrNull(responseHours);
    return { ...window, medianResponseHours: hours === null ? null : roundTo(hours, 1) };
  };

  const unansweredRate = smoothedRate(baseline.unanswered, baseline.contacts, config.prior.contacts, config.prior.unansweredRate);
  const missedRate = smoothedRate(baseline.missed, baseline.meetings, config.prior.meetings, config.prior.missedRate);
  const excessUnanswered = roundTo(excessOver(recent.unanswered, recent.contacts, unansweredRate, config.slackDeviations), 1);
  const excessMissed = roundTo(excessOver(recent.missed, recent.meetings, missedRate, config.slackDeviations), 1);
  const quietSinceDecisionMakerChange =
    latestChange > -Infinity && sinceChange >= config.quietAfterDecisionMakerChange.minContacts && answeredSinceChange === 0;
  const [recentHours, baselineHours] = [medianOrNull(recent.responseHours), medianOrNull(baseline.responseHours)];
  const slowerResponses =
    recent.responseHours.length >= config.slowerResponses.minResponses &&
    baseline.responseHours.length >= config.slowerResponses.minResponses &&
    recentHours !== null &&
    baselineHours !== null &&
    recentHours >= config.slowerResponses.minHours &&
    recentHours >= config.slowerResponses.factor * baselineHours;

  const hasBaseline = baseline.contacts >= config.minBaselineContacts;
  const points = hasBaseline
    ? Math.round(
        config.pointsPerExcessUnanswered * excessUnanswered +
          config.pointsPerExcessMissed * excessMissed +
          // Weighed by how responsive the client used to be: a new contact at a client who never answered says little.
          (quietSinceDecisionMakerChange ? config.quietAfterDecisionMakerChange.points * (1 - unansweredRate) : 0) +
          (slowerResponses ? config.slowerResponses.points : 0),
      )
    : 0;
  const { minPoints, minPaymentPoints } = config.withPaymentChange;
  const withPayments = points >= minPoints && paymentChangePoints >= minPaymentPoints;
  const percent = (rate: number) => `${Math.round(rate * 100)} %`;
  const detail = hasBaseline
    ? `In the last ${config.recentDays} days ${recent.unanswered} of ${recent.contacts} contacts went unanswered ` +
      `(usually ${percent(unansweredRate)}: ${excessUnanswered} beyond that) and ${recent.missed} of ${recent.meetings} meetings were missed ` +
      `(usually ${percent(missedRate)}: ${excessMissed} beyond that)` +
      (quietSinceDecisionMakerChange ? `; nothing answered since the decision maker changed (${sinceChange} contacts)` : '') +
      (slowerResponses ? `; responses take ${recentHours!.toFixed(0)} hours (median), they took ${baselineHours!.toFixed(0)}` : '') +
      (withPayments && points < config.alarmPoints ? `; the payments changed too (${paymentChangePoints} points)` : '') +
      '.'
    : `Not enough history to compare engagement with (${baseline.contacts} of ${config.minBaselineContacts} contacts before the last ${config.recentDays} days).`;
  return {
    recent: summary(recent),
    baseline: summary(baseline),
    excessUnanswered,
    excessMissed,
    quietSinceDecisionMakerChange,
    slowerResponses,
    points,
    alarm: points >= config.alarmPoints || withPayments,
    detail,
  };
};
