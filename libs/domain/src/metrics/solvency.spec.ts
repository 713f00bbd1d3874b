import { DateTime } from 'luxon';
import { addDays, addMonths } from '../shared/dates';
import { DEFAULT_METRICS_CONFIG } from './config';
import { clientEvent, factsFrom, interaction, invoice, registered } from './fixtures/behaviour-events';
import { computePaymentBehaviour } from './payment-behaviour';
import { type RiskFactor, assessSolvency, riskLevelFor, scaleToMaxScore } from './solvency';

const NOW = DateTime.fromISO('2026-06-30T12:00:00Z', { zone: 'utc' });

/** A 1000.00 invoice issued 30 days before `dueOn`, paid `daysLate` after it (omit to leave it open). */
const monthly = (id: string, dueOn: string, daysLate?: number) =>
  invoice(id, '100000', addDays(dueOn, -30), dueOn, daysLate === undefined ? undefined : addDays(dueOn, daysLate));

const pointsOf = (factors: RiskFactor[]) => Object.fromEntries(factors.map((factor) => [factor.code, factor.points]));

describe('assessSolvency — overdue_exposure against the client’s usual lateness', () => {
  // A client always 20 days late (twelve invoices due before the last 120 days), paying the recent ones as late.
  const steadyLate = [
    ...Array.from({ length: 12 }, (_, n) => monthly(`b-${n}`, addMonths('2025-04-01', n), 20)),
    monthly('r-1', '2026-04-01', 20),
    monthly('r-2', '2026-05-01', 20),
  ].flat();
  const exposure = (config = DEFAULT_METRICS_CONFIG, ...open: Parameters<typeof factsFrom>) =>
    assessSolvency(factsFrom(registered(), steadyLate, ...open), NOW, config).factors.find((factor) => factor.code === 'overdue_exposure');

  it('given a client always 20 days late, when an invoice is 15 days past due, then nothing counts: it is late as usual', () => {
    const fifteenDays = monthly('r-3', '2026-06-15');
    expect(exposure(DEFAULT_METRICS_CONFIG, fifteenDays)).toBeUndefined();
    const everyOverdue = { ...DEFAULT_METRICS_CONFIG.risk.overdueExposure, beyondUsualLateness: false };
    // 1000.00 of 11,000.00 invoiced in the last 365 days: 1000 × 365 / (11000 × 30) = 1.11 months → 11 points when every overdue invoice counts
    expect(
      exposure({ ...DEFAULT_METRICS_CONFIG, risk: { ...DEFAULT_METRICS_CONFIG.risk, overdueExposure: everyOverdue } }, fifteenDays),
    ).toEqual({
      code: 'overdue_exposure',
      points: 11,
      detail: '1000.00 EUR overdue is 1.1 months of average invoicing (904.10 EUR a month).',
    });
  });

  it('given a client always 20 days late, when one invoice is 29 and one 15 days past due, then the 29 days count', () => {
    // 1000.00 beyond the usual of 2000.00 overdue; 12,000.00 invoiced in the last 365 days: 1000 × 365 / (12000 × 30) = 1.01 → 10
    expect(exposure(DEFAULT_METRICS_CONFIG, monthly('r-3', '2026-06-01'), monthly('r-4', '2026-06-15'))).toEqual({
      code: 'overdue_exposure',
      points: 10,
      detail: '1000.00 EUR overdue longer than the usual 20 days late is 1.0 months of average invoicing (986.30 EUR a month).',
    });
  });
});

describe('assessSolvency — a new client’s payment trend needs persistence', () => {
  // No payment baseline: every invoice is due in the last 120 days (from 2026-03-02 on).
  const newClient = (...lateness: number[]) =>
    factsFrom(
      registered(),
      ...lateness.map((daysLate, n) => monthly(`n-${n}`, addMonths('2026-03-15', n), daysLate)),
      monthly('n-open', '2026-06-15'), // open, 15 days past due
    );
  const trendFactor = (facts: ReturnType<typeof factsFrom>, config = DEFAULT_METRICS_CONFIG) =>
    assessSolvency(facts, NOW, config).factors.find((factor) => factor.code === 'payment_trend');
  const everyTrendCounts = {
    ...DEFAULT_METRICS_CONFIG,
    risk: {
      ...DEFAULT_METRICS_CONFIG.risk,
      paymentTrend: { ...DEFAULT_METRICS_CONFIG.risk.paymentTrend, newClientNeedsConfirmation: false },
    },
  };

  it('given a new client punctual, then one month 20 days late and one open 15 days, then the slope weighs nothing yet: two late invoices are not a decline', () => {
    // Lateness [0 (paid early), 1, 20, 15 (open)]: deteriorating (slope 6.4), but only 2 of the 3 invoices it takes are at least 3 days late.
    const facts = newClient(-2, 1, 20);
    expect(computePaymentBehaviour(facts, NOW).trend).toMatchObject({ direction: 'deteriorating', slopeDaysPerInvoice: 6.4 });
    const factor = trendFactor(facts);
    expect(factor?.detail).toMatch(
      /^Payments slowed by 6.4 days per invoice, not yet a decline for a new client: 2 recent invoices at least 3 days late of the 3 it takes\. PAYDEX/,
    );
    // Without the rule the slope adds 10 + 2 × 6.4 ≈ 23 points to the same PAYDEX points.
    expect(trendFactor(facts, everyTrendCounts)!.points - (factor?.points ?? 0)).toBe(23);
  });

  it('given a new client paying 0 → 4 → 8 days late and one open 15 days (SPEC 2, going south), then the slope counts: three late invoices are', () => {
    const facts = newClient(0, 4, 8);
    const factor = trendFactor(facts)!;
    expect(factor.detail).toMatch(/^Payments are deteriorating by 4\.9 days per invoice over the last 4 invoices/);
    expect(factor).toEqual(trendFactor(facts, everyTrendCounts));
  });
});

describe('assessSolvency', () => {
  it('rates a good payer low, with nothing to explain', () => {
    const facts = factsFrom(
      registered(),
      ...['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'].map((dueOn, n) =>
        monthly(`g-${n}`, dueOn, -2),
      ),
      monthly('g-open', '2026-07-01'),
      interaction('outbound_contact', '2026-06-01T10:00:00Z'),
      interaction('client_response', '2026-06-01T15:00:00Z'),
      interaction('meeting_held', '2026-06-10T10:00:00Z'),
    );
    expect(assessSolvency(facts, NOW)).toEqual({ riskScore: 0, riskLevel: 'low', factors: [], asOf: '2026-06-30T12:00:00.000Z' });
  });

  it('rates a client going south (later and later than it used to, missed meetings, unanswered emails) deteriorating and critical', () => {
    const facts = factsFrom(
      registered(),
      monthly('s-1', '2025-12-01', 0),
      monthly('s-2', '2026-01-01', 5),
      monthly('s-3', '2026-02-01', 12),
      monthly('s-4', '2026-03-01', 20),
      monthly('s-5', '2026-04-01', 30),
      monthly('s-6', '2026-05-01', 45),
      monthly('s-7', '2026-06-01'), // open, 29 days past due
      monthly('s-8', '2026-07-01'), // open, not yet due
      interaction('meeting_held', '2026-03-10T10:00:00Z'),
      interaction('outbound_contact', '2026-04-30T10:00:00Z'), // Thu; deadline Mon 05-04 10:00
      interaction('client_response', '2026-05-04T09:00:00Z'), // answered in time: the last response
      interaction('meeting_missed', '2026-05-20T10:00:00Z'),
      interaction('outbound_contact', '2026-06-01T10:00:00Z'), // unanswered
      interaction('meeting_missed', '2026-06-10T10:00:00Z'),
      interaction('outbound_contact', '2026-06-15T10:00:00Z'), // unanswered
    );
    const behaviour = computePaymentBehaviour(facts, NOW);
    // observations (last 6): 5, 12, 20, 30, 45 paid, then s-7 open at 29; ȳ = 141 / 6 = 23.5
    // Σxy = 0 + 12 + 40 + 90 + 180 + 145 = 467; n·x̄·ȳ = 6 · 2.5 · 23.5 = 352.5; slope = 114.5 / 17.5 = 6.54
    expect(behaviour.trend).toMatchObject({ direction: 'deteriorating', slopeDaysPerInvoice: 6.54 });

    const solvency = assessSolvency(facts, NOW);
    // payment_trend: 10 + round(2 × 6.54) = 23; PAYDEX: (0+5+12+20+30+45 paid + 29 open) / 7 = 20.14 days → 62.65 → 63,
    //   round((80 − 63) / 4) = 4 → 27
    // overdue_exposure: 1000.00 overdue for longer than its usual 20 days (see payment_change); 8000.00 invoiced since 2025-11-01, 242 days → 1000 × 242 / (8000 × 30) = 1.008 months → 10
    // oldest_overdue: 29 days → 6; unresponsive: 2 × 2 unanswered + 2 × 2 in a row = 8; missed_meetings: 2 × 4 = 8
    // payment_change: due before 2026-03-02 (120 days back) it paid 0, 5, 12, 20 days late (90th percentile 20); since then
    //   30, 45 and 29 so far: three invoices more than 20 + 7 days late × 8 = 24 (engagement_change: no baseline, 0)
    expect(pointsOf(solvency.factors)).toEqual({
      payment_trend: 27,
      payment_change: 24,
      overdue_exposure: 10,
      oldest_overdue: 6,
      unresponsive: 8,
      missed_meetings: 8,
    });
    expect(solvency.riskScore).toBe(83);
    expect(solvency.riskLevel).toBe('critical');
    expect(solvency.factors.map((factor) => factor.code)).toEqual([
      'payment_trend',
      'payment_change',
      'overdue_exposure',
      'unresponsive',
      'missed_meetings',
      'oldest_overdue',
    ]);
    expect(solvency.factors[0].detail).toBe(
      'Payments are deteriorating by 6.54 days per invoice over the last 6 invoices, the latest 29 days late and still unpaid. PAYDEX 63 (80 = pays on time).',
    );
    expect(solvency.factors.find((factor) => factor.code === 'overdue_exposure')?.detail).toBe(
      '1000.00 EUR overdue longer than the usual 20 days late is 1.0 months of average invoicing (991.73 EUR a month).',
    );
  });

  it('gives a disengaged decision maker who still pays on time a clear unresponsive factor', () => {
    const facts = factsFrom(
      registered(),
      ...['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'].map((dueOn, n) => monthly(`d-${n}`, dueOn, 0)),
      interaction('outbound_contact', '2026-04-06T10:00:00Z'), // Mon, answered Tue
      interaction('client_response', '2026-04-07T10:00:00Z'),
      interaction('outbound_contact', '2026-04-20T10:00:00Z'), // unanswered (the answer came a week late)
      interaction('client_response', '2026-04-27T10:00:00Z'),
      interaction('outbound_contact', '2026-05-11T10:00:00Z'), // unanswered
      interaction('meeting_missed', '2026-05-15T10:00:00Z'),
      interaction('decision_maker_changed', '2026-05-20T10:00:00Z'),
      interaction('outbound_contact', '2026-06-01T10:00:00Z'), // unanswered
      interaction('meeting_missed', '2026-06-05T10:00:00Z'),
      interaction('outbound_contact', '2026-06-15T10:00:00Z'), // unanswered
    );
    const solvency = assessSolvency(facts, NOW);
    // unresponsive: 2 × 4 unanswered + 2 × 3 in a row since the last response = 14; missed_meetings 2 × 4 = 8; decision maker 5
    expect(pointsOf(solvency.factors)).toEqual({ unresponsive: 14, missed_meetings: 8, decision_maker_changed: 5 });
    expect(solvency).toMatchObject({ riskScore: 27, riskLevel: 'medium' });
    expect(solvency.factors[0].detail).toBe(
      '4 contacts not answered within 2 business days in the last 90 days; 3 unanswered in a row since the last client response (2026-04-27T10:00:00Z).',
    );
  });

  it('weighs broken promises, open disputes and price pushback', () => {
    const facts = factsFrom(
      registered(),
      monthly('x-1', '2026-07-15'),
      clientEvent('DisputeRaised', { interactionId: 'd', invoiceId: 'x-1', reason: 'scope', raisedAt: '2026-06-20T10:00:00Z' }),
      clientEvent('PromiseToPayMade', { interactionId: 'p1', amount: '1000', promisedOn: '2026-05-01', madeAt: '2026-04-20T10:00:00Z' }),
      clientEvent('PromiseToPayMade', { interactionId: 'p2', amount: '1000', promisedOn: '2026-06-01', madeAt: '2026-05-20T10:00:00Z' }),
      interaction('price_pushback', '2026-01-10T10:00:00Z'),
      interaction('price_pushback', '2025-01-10T10:00:00Z'), // older than 365 days
    );
    // broken promises 2 × 5 = 10; open disputes 1 × 3 = 3; one pushback in the last 365 days × 3 = 3
    expect(pointsOf(assessSolvency(facts, NOW).factors)).toEqual({ broken_promises: 10, open_disputes: 3, negotiation_red_flags: 3 });
  });

  it('caps each factor and the score; the factors still sum exactly to it', () => {
    const facts = factsFrom(
      registered(),
      monthly('c-1', '2026-01-01', 0),
      monthly('c-2', '2026-02-01', 30),
      monthly('c-3', '2026-03-01'),
      monthly('c-4', '2026-04-01'),
      monthly('c-5', '2026-05-01'),
      ...['2026-04-01', '2026-04-15', '2026-05-01', '2026-05-15', '2026-06-01'].map((day) =>
        interaction('outbound_contact', `${day}T10:00:00Z`),
      ),
      ...['2026-04-10', '2026-05-10', '2026-06-10'].map((day) => interaction('meeting_missed', `${day}T10:00:00Z`)),
      ...['2026-04-01', '2026-05-01', '2026-06-01'].map((day, n) =>
        clientEvent('PromiseToPayMade', {
          interactionId: `p${n}`,
          amount: '100000',
          promisedOn: day,
          madeAt: `${addDays(day, -5)}T10:00:00Z`,
        }),
      ),
      clientEvent('DisputeRaised', { interactionId: 'd1', invoiceId: 'c-3', reason: 'x', raisedAt: '2026-04-01T10:00:00Z' }),
      clientEvent('DisputeRaised', { interactionId: 'd2', invoiceId: 'c-4', reason: 'x', raisedAt: '2026-04-01T10:00:00Z' }),
      interaction('decision_maker_changed', '2026-06-01T10:00:00Z'),
      interaction('price_pushback', '2026-01-01T10:00:00Z'),
      interaction('price_pushback', '2026-02-01T10:00:00Z'),
    );
    const solvency = assessSolvency(facts, NOW);
    expect(solvency.riskScore).toBe(100);
    expect(solvency.riskLevel).toBe('critical');
    expect(solvency.factors.reduce((sum, factor) => sum + factor.points, 0)).toBe(100);
    expect(solvency.factors).toHaveLength(9);
  });
});

describe('credit_limit_usage', () => {
  // Limit 10,000.00; one invoice not yet due, so that no other factor weighs.
  const usage = (open: string, creditLimit: string | null = '1000000') =>
    assessSolvency(
      factsFrom(registered(creditLimit === null ? {} : { creditLimit }), ...invoice('i-1', open, '2026-06-20', '2026-07-20')),
      NOW,
    ).factors;

  it.each([
    ['7999.99', 0],
    ['8000.00', 0],
    ['8100.00', 1], // 81 %: half a point, rounded half away from zero
    ['9000.00', 5],
    ['9500.00', 8], // 95 %: 7.5 → 8
    ['10000.00', 10],
    ['25000.00', 10], // the cap
  ])('an open balance of %s weighs %i points', (open, points) => {
    const minor = open.replace('.', '');
    expect(usage(minor).find((factor) => factor.code === 'credit_limit_usage')?.points ?? 0).toBe(points);
  });

  it('says what share of the limit is used', () => {
    expect(usage('900000')).toEqual([
      { code: 'credit_limit_usage', points: 5, detail: '9000.00 EUR open is 90.0 % of the credit limit of 10000.00 EUR.' },
    ]);
  });

  it('weighs nothing without a limit, and the cap on anything open against a limit of zero', () => {
    expect(usage('2500000', null)).toEqual([]);
    expect(usage('100', '0')).toEqual([expect.objectContaining({ code: 'credit_limit_usage', points: 10 })]);
  });
});

describe('scaleToMaxScore', () => {
  it('scales factors over the maximum by largest remainder so they sum exactly to it', () => {
    const caps = DEFAULT_METRICS_CONFIG.risk.caps;
    // The nine factors of SPEC 4.3 at their caps.
    const factors = Object.entries(caps)
      .filter(([code]) => !['credit_limit_usage', 'engagement_change', 'payment_change'].includes(code))
      .map(([code, points]) => ({ code, points, detail: '' }) as RiskFactor);
    // 130 points → × 100 / 130: floors 23, 19, 15, 11, 11, 7, 3, 3, 3 = 95; remainders (of 130) 10, 30, 50, 70, 70, 90, 110, 110, 110
    // the 5 points left go to the three 5-point factors (110), the 10-point one (90) and the first 15-point one (70)
    expect(scaleToMaxScore(factors, 100).map((factor) => factor.points)).toEqual([23, 19, 15, 12, 11, 8, 4, 4, 4]);
  });

  it('leaves a total within the maximum alone', () => {
    const factors: RiskFactor[] = [{ code: 'unresponsive', points: 14, detail: '' }];
    expect(scaleToMaxScore(factors, 100)).toEqual(factors);
  });
});

describe('riskLevelFor', () => {
  it.each([
    [0, 'low'],
    [24, 'low'],
    [25, 'medium'],
    [49, 'medium'],
    [50, 'high'],
    [74, 'high'],
    [75, 'critical'],
    [100, 'critical'],
  ])('%d is %s', (score, level) => {
    expect(riskLevelFor(score, DEFAULT_METRICS_CONFIG.risk.levels)).toBe(level);
  });
});
