import { clientBody } from '../support/test-app';
import { send, startViewsApp, type ViewsTestApp } from './support/views-app';

/**
 * A small portfolio read at Tuesday 2026-03-31 14:00 in Amsterdam. Due dates are issue + 30 days,
 * rolled to Monday: A-1 2026-02-02, B-1 2025-12-31, C-1 2026-03-23, D-1 2026-02-09, F-1 2025-10-31,
 * A-2 2026-04-01, E-1 (USD) 2025-12-03.
 */
describe('portfolio list, aging and DSO reports', () => {
  let t: ViewsTestApp;
  const NOW = '2026-03-31T12:00:00Z';

  beforeAll(async () => {
    t = await startViewsApp({ now: '2025-01-01T08:00:00Z' });
    const at = (instant: string) => t.clock.set(instant);
    const invoice = (clientId: string, invoiceId: string, amount: string, issuedOn: string, currency = 'EUR') => {
      at(`${issuedOn}T10:00:00Z`);
      return send(t, 'post', `/v1/clients/${clientId}/invoices`, { invoiceId, amount, currency });
    };
    const pay = (clientId: string, paymentId: string, amount: string, receivedOn: string, currency = 'EUR') => {
      at(`${receivedOn}T10:00:00Z`);
      return send(t, 'post', `/v1/clients/${clientId}/payments`, { paymentId, amount, currency });
    };
    at('2025-01-01T08:00:00Z');
    for (const id of ['alpha', 'bravo', 'charlie', 'delta', 'foxtrot', 'golf'])
      await send(t, 'post', '/v1/clients', clientBody(id, { name: id.toUpperCase() }));
    await send(t, 'post', '/v1/clients', clientBody('echo', { name: 'ECHO', currency: 'USD' }));
    // golf pays its 2025 invoices later and later: 0, 10 and 25 days after the due date.
    await invoice('golf', 'G-1', '100.00', '2025-01-02');
    await pay('golf', 'GP-1', '100.00', '2025-02-03');
    await invoice('golf', 'G-2', '100.00', '2025-02-02');
    await pay('golf', 'GP-2', '100.00', '2025-03-14');
    await invoice('golf', 'G-3', '100.00', '2025-03-02');
    await pay('golf', 'GP-3', '100.00', '2025-04-26');
    await invoice('foxtrot', 'F-1', '400.00', '2025-10-01');
    await invoice('echo', 'E-1', '700.00', '2025-11-03', 'USD');
    await invoice('bravo', 'B-1', '2000.00', '2025-12-01');
    await invoice('alpha', 'A-1', '1000.00', '2026-01-02');
    await invoice('delta', 'D-1', '800.00', '2026-01-10');
    await pay('delta', 'DP-1', '800.00', '2026-02-05');
    await invoice('charlie', 'C-1', '300.00', '2026-02-20');
    await invoice('alpha', 'A-2', '500.00', '2026-03-02');
    await pay('charlie', 'CP-1', '100.00', '2026-03-10');
    at(NOW);
    await t.settled();
  });
  afterAll(async () => t?.close());

  const get = async (path: string) => (await t.as('collector').get(path).expect(200)).body;
  const ids = (body: { clients: { clientId: string }[] }) => body.clients.map((client) => client.clientId);

  it('lists every client with its headline figures and totals per currency', async () => {
    const list = await get('/v1/clients');
    expect(list).toMatchObject({ asOf: '2026-03-31T12:00:00.000Z', total: 7, limit: 100, offset: 0 });
    expect(ids(list)).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf']);
    const bravo = list.clients.find((client: { clientId: string }) => client.clientId === 'bravo');
    // PAYDEX of 90 days beyond terms is 30: (80 − 30) ÷ 4 → 13; 4.03 months of invoicing overdue → capped 25; 90 days → 15.
    expect(bravo).toEqual({
      clientId: 'bravo',
      name: 'BRAVO',
      currency: 'EUR',
      balance: '2000.00',
      outstanding: '2000.00',
      overdue: '2000.00',
      unappliedCredit: '0.00',
      openInvoices: 1,
      oldestOverdueDays: 90,
      riskScore: 53,
      riskLevel: 'high',
      trend: { direction: 'insufficient_data', slopeDaysPerInvoice: 0 },
      paydex: 30,
      onTimeRate: null,
      dso: null,
      // Nothing ever paid and B-1 90 days past due: predicted two weeks from today, within four.
      nextPayment: { invoiceId: 'B-1', predictedOn: '2026-04-14', earliestOn: '2026-03-31', latestOn: '2026-04-28' },
    });
    // golf paid 0, 10 and 25 days late and owes nothing: no next payment.
    expect(list.clients.find((client: { clientId: string }) => client.clientId === 'golf').nextPayment).toBeNull();
    expect(list.totalsByCurrency).toEqual([
      { currency: 'EUR', clients: 6, balance: '4100.00', outstanding: '4100.00', overdue: '3600.00' },
      { currency: 'USD', clients: 1, balance: '700.00', outstanding: '700.00', overdue: '700.00' },
    ]);
  });

  it('filters by overdue and sorts by overdue amount, comparing currencies in major units', async () => {
    const overdue = await get('/v1/clients?overdue=true&sort=-overdue');
    expect(overdue.clients.map((client: { clientId: string; overdue: string }) => [client.clientId, client.overdue])).toEqual([
      ['bravo', '2000.00'],
      ['alpha', '1000.00'],
      ['echo', '700.00'],
      ['foxtrot', '400.00'],
      ['charlie', '200.00'],
    ]);
    expect(ids(await get('/v1/clients?overdue=false&currency=EUR'))).toEqual(['delta', 'golf']);
  });

  it('filters by risk level and trend, sorts by risk score, and pages', async () => {
    // foxtrot 18 + 25 + 20 = 63; echo 15 + 25 + 20 = 60; bravo 53; alpha 10 + 20 + 10 = 40; charlie 13; golf 6 (PAYDEX); delta 0.
    const risky = await get('/v1/clients?riskLevel=high,critical&sort=-riskScore');
    expect(risky.clients.map((client: { clientId: string; riskScore: number }) => [client.clientId, client.riskScore])).toEqual([
      ['foxtrot', 63],
      ['echo', 60],
      ['bravo', 53],
    ]);
    expect(ids(await get('/v1/clients?riskLevel=medium'))).toEqual(['alpha']);
    // golf slowed 0 → 10 → 25 days, but a year ago: with no invoice due in the last 120 days its payments do not
    // bear the decline out (a client without a payment baseline, issue 14), so the slope adds no risk points.
    const deteriorating = await get('/v1/clients?trend=deteriorating');
    expect(ids(deteriorating)).toEqual(['golf']);
    expect(deteriorating.clients[0]).toMatchObject({
      trend: { direction: 'deteriorating', slopeDaysPerInvoice: 12.5 },
      riskLevel: 'low',
      riskScore: 6,
    });
    const page = await get('/v1/clients?sort=-riskScore&limit=2&offset=2');
    expect(page).toMatchObject({ total: 7, limit: 2, offset: 2 });
    expect(ids(page)).toEqual(['bravo', 'alpha']);
  });

  it('refuses bad query parameters with 400 and the field', async () => {
    for (const query of [
      'riskLevel=severe',
      'trend=up',
      'overdue=yes',
      'sort=balance2',
      'limit=0',
      'limit=1001',
      'offset=-1',
      'currency=eur',
      'colour=red',
    ]) {
      const response = await t.as('clerk').get(`/v1/clients?${query}`).expect(400);
      expect(response.body).toMatchObject({ status: 400, code: 'invalid_input' });
      expect(response.body.errors[0].field).toBe(query.split('=')[0]);
    }
  });

  it('ages the outstanding amounts of one currency per client, largest first, with totals', async () => {
    const aging = await get('/v1/reports/aging?currency=EUR');
    const zero = { current: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d91_plus: '0.00' };
    expect(aging).toEqual({
      currency: 'EUR',
      asOf: '2026-03-31T12:00:00.000Z',
      clients: [
        { clientId: 'bravo', name: 'BRAVO', buckets: { ...zero, d61_90: '2000.00' }, total: '2000.00' },
        { clientId: 'alpha', name: 'ALPHA', buckets: { ...zero, current: '500.00', d31_60: '1000.00' }, total: '1500.00' },
        { clientId: 'foxtrot', name: 'FOXTROT', buckets: { ...zero, d91_plus: '400.00' }, total: '400.00' },
        { clientId: 'charlie', name: 'CHARLIE', buckets: { ...zero, d1_30: '200.00' }, total: '200.00' },
      ],
      totals: {
        buckets: { current: '500.00', d1_30: '200.00', d31_60: '1000.00', d61_90: '2000.00', d91_plus: '400.00' },
        total: '4100.00',
      },
    });
    expect((await get('/v1/reports/aging?currency=USD')).totals).toEqual({ buckets: { ...zero, d91_plus: '700.00' }, total: '700.00' });
  });

  it('reports monthly DSO, countback DSO, best possible DSO, ADD and CEI', async () => {
    const dso = await get('/v1/reports/dso?currency=EUR&months=3');
    expect(dso).toMatchObject({ currency: 'EUR', asOf: '2026-03-31T12:00:00.000Z', timezone: 'UTC' });
    expect(dso.months).toEqual([
      // Sales 1800 (A-1, D-1); AR 2400 (B-1, F-1) → 4200, of which 1800 not yet due.
      // DSO 4200 × 31 ÷ 1800; countback: 1800 (Jan, 31 d) + 2000 (Dec, 31 d) + 0 (Nov, 30 d) + 400 of 400 (Oct, 31 d) = 123 d.
      {
        month: '2026-01',
        from: '2026-01-01',
        to: '2026-01-31',
        days: 31,
        sales: '1800.00',
        beginAr: '2400.00',
        endAr: '4200.00',
        endCurrentAr: '1800.00',
        dso: 72.3,
        countbackDso: 123,
        bestPossibleDso: 31,
        add: 41.3,
        cei: 0,
      },
      // D-1 paid (−800), C-1 issued (+300); CEI (4200 + 300 − 3700) ÷ (4200 + 300 − 300) = 19.0 %.
      // Countback: 300 (Feb, 28 d) + 1800 (Jan, 31 d) + 1600 of 2000 (Dec: 24.8 d) = 83.8 d.
      {
        month: '2026-02',
        from: '2026-02-01',
        to: '2026-02-28',
        days: 28,
        sales: '300.00',
        beginAr: '4200.00',
        endAr: '3700.00',
        endCurrentAr: '300.00',
        dso: 345.3,
        countbackDso: 83.8,
        bestPossibleDso: 28,
        add: 317.3,
        cei: 19,
      },
      // A-2 issued (+500), 100 paid on C-1; CEI 100 ÷ 3700 = 2.7 %. Countback: 500 + 300 + 1800 + 1500 of 2000 (23.25 d) = 113.25 → 113.3.
      {
        month: '2026-03',
        from: '2026-03-01',
        to: '2026-03-31',
        days: 31,
        sales: '500.00',
        beginAr: '3700.00',
        endAr: '4100.00',
        endCurrentAr: '500.00',
        dso: 254.2,
        countbackDso: 113.3,
        bestPossibleDso: 31,
        add: 223.2,
        cei: 2.7,
      },
    ]);
    expect((await get('/v1/reports/dso?currency=EUR')).months).toHaveLength(6);
  });

  it('refuses reports without a valid currency, months or time zone', async () => {
    for (const path of [
      '/v1/reports/aging',
      '/v1/reports/aging?currency=eur',
      '/v1/reports/dso?currency=EUR&months=0',
      '/v1/reports/dso?currency=EUR&timezone=Mars/Base',
      '/v1/reports/dso?currency=EUR&months=six',
    ]) {
      const response = await t.as('auditor').get(path).expect(400);
      expect(response.body).toMatchObject({ code: 'invalid_input' });
    }
  });
});
