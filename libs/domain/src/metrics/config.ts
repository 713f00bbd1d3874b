/**
 * Thresholds and weights of the behaviour, trend and risk figures. Every default is documented here
 * (the README copies the tables); callers override by spreading: `{ ...DEFAULT_METRICS_CONFIG, trend: { ... } }`.
 */

export const RISK_FACTOR_CODES = [
  'payment_trend',
  'overdue_exposure',
  'oldest_overdue',
  'unresponsive',
  'broken_promises',
  'missed_meetings',
  'decision_maker_changed',
  'open_disputes',
  'negotiation_red_flags',
  'credit_limit_usage',
  'engagement_change',
  'payment_change',
] as const;
export type RiskFactorCode = (typeof RISK_FACTOR_CODES)[number];

export interface TrendConfig {
  /** How many of the latest lateness observations the slope is fitted to. */
  observations: number;
  /** Fewer observations than this is `insufficient_data`. */
  minObservations: number;
  /**
   * Slope (days late per invoice) at or above which payments are deteriorating: the least-squares slope
   * and the robust Theil–Sen slope (median of pairwise slopes) must both reach it…
   */
  deterioratingSlope: number;
  /** …provided the latest observation is more than this many days late… */
  deterioratingLatestDaysLate: number;
  /**
   * …and at least this many observations are late at all (one late month in a punctual history is not
   * a trend: `[-3, -2, 12 (open)]` has a slope of 6 but one late invoice; `[0, 4, 8]` has two).
   */
  deterioratingLateObservations: number;
  /** Slope at or below which payments are improving. */
  improvingSlope: number;
}

/** One step of the oldest-overdue curve: `points` from `fromDays` past due on. */
export interface OverdueAgeStep {
  fromDays: number;
  points: number;
}

/**
 * The risk model (SPEC 4.3). Each factor's points are min(curve, cap); the factors are summed and the
 * total is capped at `maxScore` (see solvency.ts for how the factors are then scaled to still sum exactly).
 *
 * | code                   | cap | curve (defaults)                                                                  |
 * | ---------------------- | --- | --------------------------------------------------------------------------------- |
 * | payment_trend          |  30 | deteriorating trend: 10 + 2 × slope (days/invoice), for a client without a payment baseline only once its payments bear it out; plus (80 − PAYDEX) ÷ 4 when PAYDEX < 80 |
 * | overdue_exposure       |  25 | 10 per month of average invoicing that is overdue (avg over the last 365 days, or since the first invoice, ≥ 30 days); once the client has a payment baseline, only invoices overdue longer than its usual days late |
 * | oldest_overdue         |  20 | oldest overdue invoice: 1–14 days 3, 15–30 days 6, 31–60 days 10, 61–90 days 15, 91+ days 20 |
 * | unresponsive           |  15 | 2 per contact unanswered in the last 90 days + 2 per contact in the current unanswered streak |
 * | broken_promises        |  15 | 5 per promise to pay broken in the last 180 days                                   |
 * | missed_meetings        |  10 | 4 per meeting missed in the last 90 days                                           |
 * | decision_maker_changed |   5 | 5 when the decision maker changed in the last 180 days                             |
 * | open_disputes          |   5 | 3 per open dispute                                                                 |
 * | negotiation_red_flags  |   5 | 3 per price pushback logged in the last 365 days                                   |
 * | credit_limit_usage     |  10 | open balance above 80 % of the credit limit: 1 per 2 percentage points (10 at 100 %) |
 * | engagement_change      |  30 | the engagement change's points (see EngagementChangeConfig)                       |
 * | payment_change         |  30 | the payment change's points (see PaymentChangeConfig)                             |
 *
 * Levels: low < 25 ≤ medium < 50 ≤ high < 75 ≤ critical.
 */
export interface RiskModelConfig {
  maxScore: number;
  caps: Record<RiskFactorCode, number>;
  levels: { medium: number; high: number; critical: number };
  paymentTrend: {
    deterioratingBasePoints: number;
    pointsPerSlopeDay: number;
    onTimePaydex: number;
    paydexPointsDivisor: number;
    /**
     * A client without a payment baseline gets trend points only once its payments bear the trend out
     * (`PaymentChange.confirmsDecline`: late again and again), as its trend review does.
     */
    newClientNeedsConfirmation: boolean;
  };
  overdueExposure: {
    pointsPerMonthOverdue: number;
    averagingDays: number;
    minimumAveragingDays: number;
    /** Count only invoices overdue longer than the client's usual days late (`paymentChange.usualDaysLate`). */
    beyondUsualLateness: boolean;
  };
  oldestOverdue: { steps: OverdueAgeStep[] };
  unresponsive: { pointsPerUnanswered: number; pointsPerStreakContact: number };
  brokenPromises: { pointsPerBroken: number };
  missedMeetings: { pointsPerMissed: number };
  decisionMakerChanged: { windowDays: number; points: number };
  openDisputes: { pointsPerDispute: number };
  negotiationRedFlags: { windowDays: number; pointsPerPushback: number };
  /** Points from `fromPercent` of the credit limit used, one per `percentPerPoint` above it. */
  creditLimitUsage: { fromPercent: number; percentPerPoint: number };
}

/**
 * Engagement as a trend (engagement-change.ts): the last `recentDays` against the `baselineDays` before
 * them. A rate is the baseline's, pulled towards `prior` (worth `prior.contacts` contacts and
 * `prior.meetings` meetings); what goes beyond it by more than `slackDeviations` standard deviations
 * (binomial) is the excess. Points: per excess unanswered contact and missed meeting, for going quiet
 * after a decision-maker change (× how responsive the client used to be), for responses `factor` × slower
 * and at least `minHours` (medians of `minResponses` or more). Nothing without `minBaselineContacts` in the baseline. `alarmPoints` or more
 * opens an account review on its own (trigger `engagement`), and so do `withPaymentChange.minPoints` together with a payment change.
 */
export interface EngagementChangeConfig {
  recentDays: number;
  baselineDays: number;
  minBaselineContacts: number;
  prior: { contacts: number; unansweredRate: number; meetings: number; missedRate: number };
  slackDeviations: number;
  pointsPerExcessUnanswered: number;
  pointsPerExcessMissed: number;
  quietAfterDecisionMakerChange: { minContacts: number; points: number };
  slowerResponses: { factor: number; minHours: number; minResponses: number; points: number };
  alarmPoints: number;
  /**
   * Below `alarmPoints`, an account review all the same when the engagement change has `minPoints` and the
   * payment change (payment-change.ts) `minPaymentPoints`: two independent sources moving together.
   */
  withPaymentChange: { minPoints: number; minPaymentPoints: number };
}

/**
 * Payments against the client's own baseline (payment-change.ts): invoices due in the last `recentDays`
 * more than `marginDays` later than the `usualQuantile` of the `baselineDays` before them (at least
 * `minBaselineInvoices` there), promises broken beyond the baseline rate (pulled towards the prior), and
 * part payments and bounced payments beyond the baseline rate by more than `slackDeviations` standard
 * deviations (`settlements`). `alarmPoints` or more opens an account review on its own (trigger `trend`).
 */
export interface PaymentChangeConfig {
  recentDays: number;
  baselineDays: number;
  minBaselineInvoices: number;
  usualQuantile: number;
  marginDays: number;
  /** An invoice is not later than usual when the client paid as late within this many days of the same day a year before. */
  seasonDays: number;
  priorPromises: number;
  priorBrokenRate: number;
  pointsPerLaterThanUsual: number;
  pointsPerExcessBrokenPromise: number;
  /** Part payments and bounces: rates per payment received, pulled towards the prior rates (worth `priorPayments`). */
  settlements: {
    priorPayments: number;
    priorPartRate: number;
    priorReversalRate: number;
    slackDeviations: number;
    pointsPerExcessPartPayment: number;
    pointsPerExcessReversal: number;
  };
  alarmPoints: number;
  /**
   * A client without a baseline (a new one) has nothing of its own to be later than: a deteriorating trend
   * opens a review only once `lateInvoices` invoices due in the last `recentDays` were at least `lateDays` late.
   */
  withoutBaseline: { lateDays: number; lateInvoices: number };
}

export interface MetricsConfig {
  /** Paid invoices settled within this many months feed `weightedAverageDaysLate` and PAYDEX. */
  lookbackMonths: number;
  /** `dso` divides by the invoicing of this many days. */
  dsoWindowDays: number;
  trend: TrendConfig;
  /** `promises` counts promises due within this many days. */
  promiseWindowDays: number;
  /** Payments received up to this many days after `promisedOn` still keep a promise. */
  promiseGraceDays: number;
  /** `unansweredLast90Days` and `meetingsMissedLast90Days` look back this many days. */
  engagementWindowDays: number;
  engagementChange: EngagementChangeConfig;
  paymentChange: PaymentChangeConfig;
  risk: RiskModelConfig;
}

export const DEFAULT_METRICS_CONFIG: MetricsConfig = {
  lookbackMonths: 12,
  dsoWindowDays: 90,
  trend: {
    observations: 6,
    minObservations: 3,
    deterioratingSlope: 3,
    deterioratingLatestDaysLate: 7,
    deterioratingLateObservations: 2,
    improvingSlope: -3,
  },
  promiseWindowDays: 180,
  promiseGraceDays: 0,
  engagementWindowDays: 90,
  engagementChange: {
    recentDays: 120,
    baselineDays: 365,
    minBaselineContacts: 4,
    prior: { contacts: 10, unansweredRate: 0.15, meetings: 4, missedRate: 0.15 },
    slackDeviations: 1,
    pointsPerExcessUnanswered: 10,
    pointsPerExcessMissed: 10,
    quietAfterDecisionMakerChange: { minContacts: 2, points: 10 },
    slowerResponses: { factor: 2, minHours: 24, minResponses: 3, points: 5 },
    alarmPoints: 18,
    withPaymentChange: { minPoints: 10, minPaymentPoints: 8 },
  },
  paymentChange: {
    recentDays: 120,
    baselineDays: 365,
    minBaselineInvoices: 4,
    usualQuantile: 0.9,
    marginDays: 7,
    seasonDays: 31,
    priorPromises: 2,
    priorBrokenRate: 0.1,
    pointsPerLaterThanUsual: 8,
    pointsPerExcessBrokenPromise: 8,
    settlements: {
      priorPayments: 10,
      priorPartRate: 0.05,
      priorReversalRate: 0.02,
      slackDeviations: 1,
      pointsPerExcessPartPayment: 5,
      pointsPerExcessReversal: 8,
    },
    alarmPoints: 16,
    withoutBaseline: { lateDays: 3, lateInvoices: 3 },
  },
  risk: {
    maxScore: 100,
    caps: {
      payment_trend: 30,
      overdue_exposure: 25,
      oldest_overdue: 20,
      unresponsive: 15,
      broken_promises: 15,
      missed_meetings: 10,
      decision_maker_changed: 5,
      open_disputes: 5,
      negotiation_red_flags: 5,
      credit_limit_usage: 10,
      engagement_change: 30,
      payment_change: 30,
    },
    levels: { medium: 25, high: 50, critical: 75 },
    paymentTrend: {
      deterioratingBasePoints: 10,
      pointsPerSlopeDay: 2,
      onTimePaydex: 80,
      paydexPointsDivisor: 4,
      newClientNeedsConfirmation: true,
    },
    overdueExposure: { pointsPerMonthOverdue: 10, averagingDays: 365, minimumAveragingDays: 30, beyondUsualLateness: true },
    oldestOverdue: {
      steps: [
        { fromDays: 1, points: 3 },
        { fromDays: 15, points: 6 },
        { fromDays: 31, points: 10 },
        { fromDays: 61, points: 15 },
        { fromDays: 91, points: 20 },
      ],
    },
    unresponsive: { pointsPerUnanswered: 2, pointsPerStreakContact: 2 },
    brokenPromises: { pointsPerBroken: 5 },
    missedMeetings: { pointsPerMissed: 4 },
    decisionMakerChanged: { windowDays: 180, points: 5 },
    openDisputes: { pointsPerDispute: 3 },
    negotiationRedFlags: { windowDays: 365, pointsPerPushback: 3 },
    creditLimitUsage: { fromPercent: 80, percentPerPoint: 2 },
  },
};
