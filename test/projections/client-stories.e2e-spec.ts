import { clientBody } from '../support/test-app';
import { send, startViewsApp, type ViewsTestApp } from './support/views-app';

/**
 * The three clients of SPEC 2, told through the API with the clock moving month by month, and read
 * back from the payment-behaviour and solvency views. Expectations are worked out by hand in the
 * comments (net 30 terms, Europe/Amsterdam, 2 business days to answer, default risk model).
 */
describe('client stories from the seeds (SPEC 2) through the API', () => {
  let t: ViewsTestApp;
  beforeAll(async () => {
    t = await startViewsApp({ now: '2025-01-01T08:00:00Z' });
  });
  afterAll(async () => t?.close());

  const at = (instant: string) => t.clock.set(instant);
  const register = (clientId: string) => send(t, 'post', '/v1/clients', clientBody(clientId, { name: clientId }));
  const invoice = (clientId: string, invoiceId: string) =>
    send(t, 'post', `/v1/clients/${clientId}/invoices`, { invoiceId, amount: '1000.00', currency: 'EUR' });
  const pay = (clientId: string, paymentId: string, invoiceId: string) =>
    send(t, 'post', `/v1/clients/${clientId}/payments`, {
      paymentId,
      amount: '1000.00',
      currency: 'EUR',
      allocations: [{ invoiceId, amount: '1000.00' }],
    });
  const interaction = (clientId: string, interactionId: string, kind: string, extra: object = {}) =>
    send(t, 'post', `/v1/clients/${clientId}/interactions`, { interactionId, kind, occurredAt: t.clock.now().toISO(), ...extra });
  const read = async (clientId: string, view: 'payment-behavior' | 'solvency', asOf?: string) => {
    await t.settled();
    const response = await t
      .as('auditor')
      .get(`/v1/clients/${clientId}/${view}${asOf ? `?asOf=${asOf}` : ''}`)
      .expect(200);
    return response.body;
  };
  const month = (index: number, day: number) => `2025-${String(index).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00Z`;

  it('a good payer, paying every invoice five days early, is a low risk', async () => {
    at('2025-01-01T08:00:00Z');
    await register('steady');
    for (let m = 1; m <= 6; m++) {
      at(month(m, 1));
      await invoice('steady', `S-${m}`);
      // 25 days after issue: always before the due date (issue + 30, or the Monday after).
      at(month(m, 26));
      await pay('steady', `SP-${m}`, `S-${m}`);
      await interaction('steady', `SQ-${m}`, 'outbound_contact', { channel: 'email' });
      t.clock.advance({ hours: 3 });
      await interaction('steady', `SA-${m}`, 'client_response', { channel: 'email', respondsTo: `SQ-${m}` });
    }
    at('2025-07-15T10:00:00Z');
    const behaviour = await read('steady', 'payment-behavior');
    expect(behaviour).toMatchObject({
      clientId: 'steady',
      invoicesIssued: 6,
      invoicesPaid: 6,
      openInvoices: 0,
      onTimeRate: 1,
      averageDaysToPay: 25,
      weightedAverageDaysLate: 0,
      // Days beyond terms −5 five times and −7 once (S-5 due Saturday 31 May → Monday 2 June):
      // −32 ÷ 6 = −5.33 → 100 − (30 − 5.33) × 20 ÷ 30 = 83.55 → 84.
      paydex: 84,
      outstanding: '0.00',
      overdue: '0.00',
      aging: { current: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d91_plus: '0.00' },
      trend: { direction: 'stable', slopeDaysPerInvoice: 0 },
      engagement: {
        unansweredStreak: 0,
        unansweredLast90Days: 0,
        meetingsMissedLast90Days: 0,
        lastClientResponseAt: '2025-06-26T13:00:00.000Z',
      },
    });
    expect(behaviour.trend.observations).toHaveLength(6);
    const solvency = await read('steady', 'solvency');
    expect(solvency).toEqual({ clientId: 'steady', riskScore: 0, riskLevel: 'low', factors: [], asOf: '2025-07-15T10:00:00.000Z' });
  });

  it('a client going south — slower and slower payments, missed meetings, unanswered emails — deteriorates to a high risk, factors named', async () => {
    at('2025-01-01T08:00:00Z');
    await register('decline');
    // Invoices on the 1st of January to October; the first four are paid on their due date, then
    // 5, 12, 20 and 30 days late; September's and October's are never paid.
    const dueDates = ['2025-01-31', '2025-03-03', '2025-03-31', '2025-05-01', '2025-06-02', '2025-07-01', '2025-07-31', '2025-09-01'];
    const lateBy = [0, 0, 0, 0, 5, 12, 20, 30];
    const payments: { at: string; invoice: number }[] = dueDates.map((due, index) => ({
      at: new Date(Date.parse(`${due}T10:00:00Z`) + lateBy[index] * 86_400_000).toISOString(),
      invoice: index + 1,
    }));
    const timeline: { at: string; act: () => Promise<unknown> }[] = [
      ...Array.from({ length: 10 }, (_, index) => ({ at: month(index + 1, 1), act: () => invoice('decline', `D-${index + 1}`) })),
      ...payments.map(({ at: paidAt, invoice: number }) => ({ at: paidAt, act: () => pay('decline', `DP-${number}`, `D-${number}`) })),
      { at: '2025-03-10T09:00:00Z', act: () => interaction('decline', 'DM-HELD', 'meeting_held') },
      { at: '2025-03-12T09:00:00Z', act: () => interaction('decline', 'DQ-0', 'outbound_contact', { channel: 'email' }) },
      {
        at: '2025-03-12T15:00:00Z',
        act: () => interaction('decline', 'DA-0', 'client_response', { channel: 'email', respondsTo: 'DQ-0' }),
      },
      { at: '2025-10-01T09:00:00Z', act: () => interaction('decline', 'DQ-1', 'outbound_contact', { channel: 'email' }) },
      { at: '2025-10-10T09:00:00Z', act: () => interaction('decline', 'DM-1', 'meeting_missed') },
      { at: '2025-10-15T09:00:00Z', act: () => interaction('decline', 'DQ-2', 'outbound_contact', { channel: 'email' }) },
      { at: '2025-11-03T09:00:00Z', act: () => interaction('decline', 'DQ-3', 'outbound_contact', { channel: 'phone' }) },
      { at: '2025-11-05T09:00:00Z', act: () => interaction('decline', 'DM-2', 'meeting_missed') },
    ].sort((a, b) => a.at.localeCompare(b.at));

    const seenInJune: { solvency?: unknown; behaviour?: unknown } = {};
    for (const step of timeline) {
      if (step.at > '2025-06-15T12:00:00Z' && seenInJune.solvency === undefined) {
        at('2025-06-15T12:00:00Z');
        seenInJune.solvency = await read('decline', 'solvency');
        seenInJune.behaviour = await read('decline', 'payment-behavior');
      }
      at(step.at);
      await step.act();
    }

    at('2025-11-20T10:00:00Z');
    const behaviour = await read('decline', 'payment-behavior');
    // Last six observations: paid 5, 12, 20, 30 days late, then the open ones so far: October's 20, September's 50.
    // Slope over index 0…5 of [5, 12, 20, 30, 20, 50]: Σ(x − 2.5)(y − 22.83) = 129.5, Σ(x − 2.5)² = 17.5 → 7.4.
    expect(behaviour.trend).toEqual({
      direction: 'deteriorating',
      slopeDaysPerInvoice: 7.4,
      observations: [
        { invoiceId: 'D-5', daysLate: 5, open: false },
        { invoiceId: 'D-6', daysLate: 12, open: false },
        { invoiceId: 'D-7', daysLate: 20, open: false },
        { invoiceId: 'D-8', daysLate: 30, open: false },
        { invoiceId: 'D-10', daysLate: 20, open: true },
        { invoiceId: 'D-9', daysLate: 50, open: true },
      ],
    });
    expect(behaviour).toMatchObject({
      overdue: '2000.00',
      oldestOverdueDays: 50,
      aging: { current: '0.00', d1_30: '1000.00', d31_60: '1000.00', d61_90: '0.00', d91_plus: '0.00' },
      // (0 + 0 + 0 + 0 + 5 + 12 + 20 + 30 + 50 + 20) ÷ 10 = 13.7 days beyond terms → 80 − 13.7 × 10 ÷ 15 = 70.87 → 71.
      paydex: 71,
      engagement: {
        unansweredStreak: 3,
        unansweredLast90Days: 3,
        meetingsMissedLast90Days: 2,
        lastClientResponseAt: '2025-03-12T15:00:00.000Z',
      },
    });

    const solvency = await read('decline', 'solvency');
    const points = Object.fromEntries(solvency.factors.map((factor: { code: string; points: number }) => [factor.code, factor.points]));
    // Before scaling to 100: payment_trend 27 (deteriorating: 10 + 2 × 7.4 → 25; PAYDEX 71 < 80: (80 − 71) ÷ 4 → 2);
    // overdue_exposure 22 (2000.00 overdue against 10,000.00 invoiced over 324 days: 2.16 months); oldest_overdue 10
    // (50 days past due); unresponsive 12 (3 unanswered in 90 days × 2 + a streak of 3 × 2); missed_meetings 8 (2 × 4);
    // payment_change 30 (capped: due before 2025-07-23 it paid 0, 0, 0, 0, 5, 12 days late, usually up to 12; since then
    // 20, 30 and 50 and 20 so far, four invoices more than 12 + 7 days late × 8 = 32). 109 points × 100 ÷ 109, largest
    // remainder: 24.8 → 25, 20.2 → 20, 9.2 → 9, 11.0 → 11, 7.3 → 7, 27.5 → 28.
    expect(points).toEqual({
      payment_trend: 25,
      overdue_exposure: 20,
      oldest_overdue: 9,
      unresponsive: 11,
      missed_meetings: 7,
      payment_change: 28,
    });
    expect(solvency).toMatchObject({ riskScore: 100, riskLevel: 'critical' });
    for (const factor of solvency.factors) expect(factor.detail).toEqual(expect.any(String));

    // In June the same client was still fine — D-5 paid 5 days late, nothing overdue, lateness 0, 0, 0, 0, 5:
    // slope Σ(x − 2)(y − 1) ÷ Σ(x − 2)² = 10 ÷ 10 = 1, stable — and asOf shows exactly what was known then.
    expect(seenInJune.solvency).toMatchObject({ riskLevel: 'low' });
    expect(seenInJune.behaviour).toMatchObject({
      invoicesIssued: 6,
      invoicesPaid: 5,
      overdue: '0.00',
      trend: { direction: 'stable', slopeDaysPerInvoice: 1 },
    });
    expect(await read('decline', 'solvency', '2025-06-15T12:00:00Z')).toEqual(seenInJune.solvency);
    expect(await read('decline', 'payment-behavior', '2025-06-15T12:00:00Z')).toEqual(seenInJune.behaviour);
  });

  it('a disengaged decision maker who stops answering shows as unresponsive', async () => {
    at('2025-01-01T08:00:00Z');
    await register('quiet');
    at('2025-08-01T10:00:00Z');
    await invoice('quiet', 'Q-1');
    at('2025-08-20T10:00:00Z');
    await pay('quiet', 'QP-1', 'Q-1');
    at('2025-09-05T10:00:00Z');
    await interaction('quiet', 'QDM', 'decision_maker_changed', { newContact: { name: 'Part-time Pete' } });
    for (const [index, day] of ['2025-09-10', '2025-09-24', '2025-10-08', '2025-10-22'].entries()) {
      at(`${day}T09:00:00Z`);
      await interaction('quiet', `QQ-${index}`, 'outbound_contact', { channel: 'email' });
    }
    at('2025-11-03T10:00:00Z');
    const behaviour = await read('quiet', 'payment-behavior');
    expect(behaviour.engagement).toEqual({
      unansweredStreak: 4,
      unansweredLast90Days: 4,
      meetingsMissedLast90Days: 0,
      lastClientResponseAt: null,
    });
    const solvency = await read('quiet', 'solvency');
    // 4 × 2 + 4 × 2 = 16, capped at 15; the decision maker changed within 180 days: 5.
    expect(solvency.factors.map((factor: { code: string; points: number }) => [factor.code, factor.points])).toEqual([
      ['unresponsive', 15],
      ['decision_maker_changed', 5],
    ]);
    expect(solvency.factors[0].detail).toMatch(/4 contacts not answered within 2 business days/);
    expect(solvency).toMatchObject({ riskScore: 20, riskLevel: 'low' });
  });

  it('answers 404 for an unknown client and for one not yet registered at asOf, 400 for a bad asOf', async () => {
    await t.as('clerk').get('/v1/clients/nobody/payment-behavior').expect(404);
    const unknown = await t.as('clerk').get('/v1/clients/nobody/solvency').expect(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 404, code: 'client_not_found' });
    await t.as('clerk').get('/v1/clients/steady/solvency?asOf=2024-12-31T00:00:00Z').expect(404);
    await t.as('clerk').get('/v1/clients/steady/payment-behavior?asOf=last-week').expect(400);
  });
});
