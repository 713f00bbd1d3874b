import { DateTime } from 'luxon';
import {
  assessSolvency,
  type BehaviourFacts,
  type ClientAccountEvent,
  type ClientAccountState,
  clientAccountDecider,
  type CollectionsCommand,
  collectionsDecider,
  type CollectionsProcessState,
  computePaymentBehaviour,
  addDays,
  daysBetween,
  decideCollections,
  DEFAULT_COLLECTIONS_POLICY,
  DEFAULT_METRICS_CONFIG,
  DomainError,
  evolveBehaviourFacts,
  initialBehaviourFacts,
  type IsoDate,
  type MetricsConfig,
  type PaymentBehaviour,
  paymentDelays,
  predictPayment,
  type RiskLevel,
  type Solvency,
  toMinor,
} from '@settle/domain';
import { BACKTEST_MIX, type GeneratedClient, generateClients, type Personality } from '../../scripts/portfolio';

/**
 * The early warning measured like a model (issue 14): a generated portfolio whose outcome is known is
 * replayed week by week through the real deciders — each command at its instant, then the collections
 * process's pure decision every Monday morning, exactly as `decideClientRun` makes it — and every trend
 * or risk action is compared with the generator's ground truth, which the model never sees.
 */
export interface BacktestOptions {
  seeds: string[];
  clients: number;
  /** Length of the history; the process runs weekly over all of it. */
  months: number;
  now: string;
  metrics?: MetricsConfig;
  /** Sees every weekly run's figures (the scorecard tool exports them); the backtest itself needs none. */
  onWeek?: (week: WeeklySignals) => void;
}

/** What one weekly run of one client computed, with the generator's ground truth beside it (never shown to the model). */
export interface WeeklySignals {
  seed: string;
  client: Pick<GeneratedClient, 'clientId' | 'personality' | 'defaultsOn'>;
  today: IsoDate;
  behaviour: PaymentBehaviour;
  solvency: Solvency;
}

/** What counts as an early warning: a trend or engagement review, a risk action, or risk at `high` or worse. */
export type WarningKind = 'account_review' | 'engagement_review' | 'terms_tightened' | 'risk_hold' | 'risk_high';

/**
 * A warning, and whether the client had a payment baseline yet (`paymentChange.usualDaysLate`): before one,
 * a new client's first late months cannot be told from a decline (the figures report those apart).
 */
export interface Warning {
  on: IsoDate;
  kind: WarningKind;
  beforeBaseline: boolean;
}

export interface ClientOutcome {
  clientId: string;
  personality: Personality;
  /** Ground truth: the due date of the first invoice never paid. */
  defaultsOn?: IsoDate;
  /** The first warning that counts: for a defaulter, within `WARNING_HORIZON_DAYS` before its default; else the first at all. */
  firstWarning?: Warning;
  /** Days from the warning to the default (defaulters warned before default only). */
  leadDays?: number;
  warnings: number;
  /** The highest risk level any weekly run saw. */
  worstRisk: RiskLevel;
  /** Generated commands the domain refused (a credit hold or tightened terms can make one invalid). */
  refused: number;
  /** Each invoice predicted at the first weekly run that saw it open, and later paid: absolute errors in days. */
  predictions: PredictionScore[];
}

export interface PredictionScore {
  modelError: number;
  /** The naive prediction: due date + the client's average days beyond terms so far. */
  naiveError: number;
  /** The payment fell inside the predicted range. */
  inRange: boolean;
}

export interface SeedResult {
  seed: string;
  clients: ClientOutcome[];
  weeks: number;
  millis: number;
}

/**
 * A warning longer than this before the default is not counted as the warning of that default (it would
 * credit a false alarm from a healthy year with a long lead).
 */
export const WARNING_HORIZON_DAYS = 365;
/** How early a warning must come to count as early (issue 14: flagged ≥ 60 days before default). */
export const EARLY_WARNING_DAYS = 60;

const RISK_ORDER: readonly RiskLevel[] = ['low', 'medium', 'high', 'critical'];
const WEEK_MILLIS = 7 * 24 * 3_600_000;

export function runBacktest(options: BacktestOptions): SeedResult[] {
  return options.seeds.map((seed) => {
    const started = performance.now();
    const end = DateTime.fromISO(options.now, { zone: 'utc' });
    let weeks = 0;
    const clients: ClientOutcome[] = [];
    for (const client of generateClients({ clients: options.clients, now: end, seed, months: options.months, mix: BACKTEST_MIX })) {
      const { onWeek: report } = options;
      const onWeek = report && ((signals: Omit<WeeklySignals, 'seed'>) => report({ seed, ...signals }));
      const replay = new WeeklyReplay(client, end, options.metrics ?? DEFAULT_METRICS_CONFIG, onWeek);
      clients.push(replay.run());
      weeks = Math.max(weeks, replay.weeks);
    }
    return { seed, clients, weeks, millis: performance.now() - started };
  });
}

class WeeklyReplay {
  private account: ClientAccountState = clientAccountDecider.initialState();
  private process: CollectionsProcessState = collectionsDecider.initialState();
  private facts: BehaviourFacts = initialBehaviourFacts();
  private readonly warnings: Warning[] = [];
  private worstRisk: RiskLevel = 'low';
  private refused = 0;
  private readonly predicted = new Map<string, { predictedOn: IsoDate; naiveOn: IsoDate; earliestOn: IsoDate; latestOn: IsoDate }>();
  weeks = 0;

  constructor(
    private readonly client: GeneratedClient,
    private readonly end: DateTime,
    private readonly metrics: MetricsConfig,
    private readonly onWeek?: (signals: Omit<WeeklySignals, 'seed'>) => void,
  ) {}

  run(): ClientOutcome {
    const { commands } = this.client;
    // Mondays 07:00 UTC from the first command's week: before business hours everywhere in Europe.
    const first = DateTime.fromISO(commands[0].at, { zone: 'utc' }).startOf('week').plus({ hours: 7 });
    let next = 0;
    for (let tick = first.toMillis(); tick <= this.end.toMillis(); tick += WEEK_MILLIS) {
      const now = DateTime.fromMillis(tick, { zone: 'utc' });
      for (; next < commands.length && DateTime.fromISO(commands[next].at).toMillis() <= tick; next++) {
        this.execute(commands[next].command, DateTime.fromISO(commands[next].at, { zone: 'utc' }));
      }
      if (this.account.status === 'registered') this.runCollections(now);
      this.weeks++;
    }
    return this.outcome();
  }

  private execute(command: GeneratedClient['commands'][number]['command'], at: DateTime): void {
    try {
      this.record(clientAccountDecider.decide(command, this.account, at));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.refused++;
    }
  }

  /** One run of the process, as `decideClientRun` makes it: behaviour and solvency from the facts, then the pure decision. */
  private runCollections(now: DateTime): void {
    const behaviour = computePaymentBehaviour(this.facts, now, this.metrics);
    const solvency = assessSolvency(this.facts, now, this.metrics, behaviour);
    const today = now.toISODate() as IsoDate;
    const beforeBaseline = behaviour.paymentChange.usualDaysLate === null;
    this.predictOpenInvoices(today);
    this.onWeek?.({ client: this.client, today, behaviour, solvency });
    if (RISK_ORDER.indexOf(solvency.riskLevel) > RISK_ORDER.indexOf(this.worstRisk)) this.worstRisk = solvency.riskLevel;
    if (RISK_ORDER.indexOf(solvency.riskLevel) >= RISK_ORDER.indexOf('high'))
      this.warnings.push({ on: today, kind: 'risk_high', beforeBaseline });
    const commands = decideCollections({
      account: { invoices: this.facts.invoices, payments: this.facts.payments, collections: this.process },
      behaviour,
      solvency: { riskScore: solvency.riskScore, riskLevel: solvency.riskLevel },
      policy: DEFAULT_COLLECTIONS_POLICY,
      now,
    });
    for (const command of commands) {
      const kind = warningOf(command);
      if (kind) this.warnings.push({ on: today, kind, beforeBaseline });
      this.record(collectionsDecider.decide(command, this.process, now));
    }
  }

  /** The model's and the naive prediction of every invoice seen open for the first time. */
  private predictOpenInvoices(today: IsoDate): void {
    const fresh = this.facts.invoices.filter((invoice) => !this.predicted.has(invoice.invoiceId) && toMinor(invoice.outstanding) > 0n);
    if (fresh.length === 0) return;
    const delays = paymentDelays(this.facts.invoices);
    const average = delays.length === 0 ? 0 : Math.round(delays.reduce((sum, delay) => sum + delay, 0) / delays.length);
    for (const invoice of fresh) {
      const prediction = predictPayment(invoice.dueOn, delays, today);
      this.predicted.set(invoice.invoiceId, { ...prediction, naiveOn: addDays(invoice.dueOn, average) });
    }
  }

  private predictionScores(): PredictionScore[] {
    return this.facts.invoices.flatMap((invoice) => {
      const prediction = this.predicted.get(invoice.invoiceId);
      if (!prediction || invoice.paidOn === undefined) return [];
      const paidOn = invoice.paidOn;
      return [
        {
          modelError: Math.abs(daysBetween(prediction.predictedOn, paidOn)),
          naiveError: Math.abs(daysBetween(prediction.naiveOn, paidOn)),
          inRange: paidOn >= prediction.earliestOn && paidOn <= prediction.latestOn,
        },
      ];
    });
  }

  private record(events: readonly ClientAccountEvent[]): void {
    for (const event of events) {
      this.account = clientAccountDecider.evolve(this.account, event);
      this.process = collectionsDecider.evolve(this.process, event);
      this.facts = evolveBehaviourFacts(this.facts, event);
    }
  }

  private outcome(): ClientOutcome {
    const { clientId, personality, defaultsOn } = this.client;
    const counted = defaultsOn
      ? this.warnings.find((warning) => {
          const lead = daysBetween(warning.on, defaultsOn);
          return lead >= 0 && lead <= WARNING_HORIZON_DAYS;
        })
      : this.warnings[0];
    return {
      clientId,
      personality,
      ...(defaultsOn && { defaultsOn }),
      ...(counted && { firstWarning: counted }),
      ...(counted && defaultsOn && { leadDays: daysBetween(counted.on, defaultsOn) }),
      warnings: this.warnings.length,
      worstRisk: this.worstRisk,
      refused: this.refused,
      predictions: this.predictionScores(),
    };
  }
}

const warningOf = (command: CollectionsCommand): WarningKind | undefined => {
  switch (command.type) {
    case 'EscalateCollections':
      if (command.level !== 'account_review') return undefined;
      return command.trigger === 'engagement' ? 'engagement_review' : 'account_review';
    case 'TightenTerms':
      return 'terms_tightened';
    case 'PlaceCreditHold':
      return command.trigger === 'risk' ? 'risk_hold' : undefined;
    default:
      return undefined;
  }
};

/** The figures of one group of clients (a personality, or all). */
export interface GroupFigures {
  clients: number;
  defaulters: number;
  flagged60: number;
  flagged30: number;
  medianLeadDays: number | null;
  nonDefaulters: number;
  falseAlarms: number;
  /** Of those, first raised before the client had a payment baseline. */
  falseAlarmsBeforeBaseline: number;
  /** Mean absolute error of the predicted payment dates, in days, and of the naive prediction; share paid within the range. */
  predictedInvoices: number;
  predictionMae: number | null;
  naiveMae: number | null;
  inRangeShare: number | null;
}

export function groupFigures(outcomes: readonly ClientOutcome[]): GroupFigures {
  const defaulters = outcomes.filter((outcome) => outcome.defaultsOn !== undefined);
  const others = outcomes.filter((outcome) => outcome.defaultsOn === undefined);
  // A defaulter never warned before its default has no lead: it counts as a lead of 0 for the median.
  const leads = defaulters.map((outcome) => outcome.leadDays ?? 0).sort((a, b) => a - b);
  return {
    clients: outcomes.length,
    defaulters: defaulters.length,
    flagged60: defaulters.filter((outcome) => (outcome.leadDays ?? -1) >= EARLY_WARNING_DAYS).length,
    flagged30: defaulters.filter((outcome) => (outcome.leadDays ?? -1) >= 30).length,
    medianLeadDays: leads.length === 0 ? null : median(leads),
    nonDefaulters: others.length,
    falseAlarms: others.filter((outcome) => outcome.firstWarning !== undefined).length,
    falseAlarmsBeforeBaseline: others.filter((outcome) => outcome.firstWarning?.beforeBaseline).length,
    ...predictionFigures(outcomes.flatMap((outcome) => outcome.predictions)),
  };
}

const predictionFigures = (scores: readonly PredictionScore[]) => {
  const mean = (values: number[]) =>
    scores.length === 0 ? null : Math.round((10 * values.reduce((a, b) => a + b, 0)) / values.length) / 10;
  return {
    predictedInvoices: scores.length,
    predictionMae: mean(scores.map((score) => score.modelError)),
    naiveMae: mean(scores.map((score) => score.naiveError)),
    inRangeShare: mean(scores.map((score) => (score.inRange ? 100 : 0))),
  };
};

const median = (sorted: readonly number[]): number => {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
