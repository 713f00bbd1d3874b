import { ProjectionHost } from '@settle/projections';
import { clientBody, startTestApp, type TestApp } from '../support/test-app';

/** Issue 10, items 4 and 5: credit control that holds, and an agreement that shows what applies, over HTTP. */
describe('credit control and the agreement in force over HTTP (embedded PGlite)', () => {
  let t: TestApp;
  const eventsOf = async (clientId: string) => t.store.readStream(`client-${clientId}`);
  const invoice = (clientId: string, body: Record<string, unknown>, role: 'clerk' | 'admin' = 'clerk') =>
    t
      .as(role)
      .post(`/v1/clients/${clientId}/invoices`)
      .send({ currency: 'EUR', ...body });

  beforeAll(async () => {
    // Monday 2 March 2026.
    t = await startTestApp({ now: '2026-03-02T10:00:00Z' });
  });
  afterAll(async () => t?.close());

  describe('a credit hold, and the collections case and history as known before it', () => {
    beforeAll(async () => {
      await t.as('clerk').post('/v1/clients').send(clientBody('held')).expect(201);
      // Due 14 January: 47 days past due, past the credit-hold rung (30 days).
      await invoice('held', { invoiceId: 'INV-OLD', amount: '1000.00', issuedOn: '2025-12-15' }).expect(201);
      t.clock.set('2026-03-02T11:00:00Z');
      await t.as('admin').post('/v1/admin/collections/run').send({}).expect(200);
    });

    it('records a new invoice due on receipt with prepaymentRequired while the hold is on; the account and worklist show it', async () => {
      expect((await t.as('clerk').get('/v1/clients/held').expect(200)).body.creditHold).toBe(true);
      const issued = await invoice('held', { invoiceId: 'INV-NEW', amount: '500.00', dueOn: '2026-04-30' }).expect(201);
      expect(issued.body).toMatchObject({ invoiceId: 'INV-NEW', dueOn: '2026-03-02', prepaymentRequired: true });
      expect((await eventsOf('held')).at(-1)).toMatchObject({
        type: 'InvoiceIssued',
        data: { invoiceId: 'INV-NEW', dueOn: '2026-03-02', prepaymentRequired: true },
      });

      const account = await t.as('clerk').get('/v1/clients/held').expect(200);
      const prepaid = account.body.invoices.map((row: { invoiceId: string; prepaymentRequired: boolean }) => [
        row.invoiceId,
        row.prepaymentRequired,
      ]);
      expect(prepaid).toEqual([
        ['INV-OLD', false],
        ['INV-NEW', true],
      ]);
      const worklist = await t.as('collector').get('/v1/collections/worklist').expect(200);
      const entry = worklist.body.items.find((item: { clientId: string }) => item.clientId === 'held');
      expect(entry.actions).toContainEqual({ code: 'prepayment_required', detail: expect.stringContaining('INV-NEW (EUR 500.00 open)') });
      const collectionsCase = await t.as('collector').get('/v1/clients/held/collections').expect(200);
      expect(collectionsCase.body.prepaymentRequired).toEqual(['INV-NEW']);
    });

    it('shows the collections case and the history as known at an earlier instant, and refuses a future one', async () => {
      const now = await t.as('auditor').get('/v1/clients/held/collections').expect(200);
      expect(now.body.creditHold).not.toBeNull();
      const before = await t.as('auditor').get('/v1/clients/held/collections?asOf=2026-03-02T10:30:00Z').expect(200);
      expect(before.body).toMatchObject({ asOf: '2026-03-02T10:30:00.000Z', level: 'none', steps: [], creditHold: null });

      const recordedBefore = (await eventsOf('held')).filter((event) => String(event.metadata.recordedAt) <= '2026-03-02T10:30:00.000Z');
      const history = await t.as('auditor').get('/v1/clients/held/history?asOf=2026-03-02T10:30:00Z').expect(200);
      expect(history.body.events.map((event: { type: string }) => event.type)).toEqual(['ClientRegistered', 'InvoiceIssued']);
      expect(history.body.events).toHaveLength(recordedBefore.length);
      const full = await t.as('auditor').get('/v1/clients/held/history').expect(200);
      expect(full.body.events.length).toBeGreaterThan(recordedBefore.length);

      await t.as('auditor').get('/v1/clients/held/history?asOf=2026-03-01T00:00:00Z').expect(404);
      for (const path of ['/v1/clients/held/collections', '/v1/clients/held/history']) {
        const future = await t.as('auditor').get(`${path}?asOf=2026-03-03T00:00:00Z`).expect(422);
        expect(future.body.code).toBe('as_of_in_future');
        const bad = await t.as('auditor').get(`${path}?asOf=yesterday`).expect(400);
        expect(bad.body.code).toBe('invalid_input');
      }
    });
  });

  describe('a credit limit', () => {
    beforeAll(async () => {
      const body = clientBody('capped');
      await t
        .as('clerk')
        .post('/v1/clients')
        .send({ ...body, agreement: { ...body.agreement, creditLimit: '5000.00' } })
        .expect(201);
      await invoice('capped', { invoiceId: 'INV-1', amount: '4000.00' }).expect(201);
    });

    it('refuses an invoice that takes the open balance above it, appending nothing', async () => {
      const before = (await eventsOf('capped')).length;
      const refused = await invoice('capped', { invoiceId: 'INV-2', amount: '1000.01' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'credit_limit_exceeded', errors: [{ field: 'amount', message: expect.any(String) }] });
      // Only an admin may override the limit.
      const forbidden = await invoice('capped', { invoiceId: 'INV-2', amount: '1000.01', overrideCreditLimit: true }).expect(403);
      expect(forbidden.body.code).toBe('forbidden');
      await invoice('capped', { invoiceId: 'INV-2', amount: '1000.01', overrideCreditLimit: 'yes' }).expect(400);
      expect(await eventsOf('capped')).toHaveLength(before);
    });

    it("accepts an admin's override, recorded on the event, and weighs the usage on solvency", async () => {
      await invoice('capped', { invoiceId: 'INV-2', amount: '1000.00' }).expect(201); // exactly the limit
      await invoice('capped', { invoiceId: 'INV-3', amount: '250.00', overrideCreditLimit: true }, 'admin').expect(201);
      expect((await eventsOf('capped')).at(-1)).toMatchObject({
        type: 'InvoiceIssued',
        data: { invoiceId: 'INV-3', creditLimitOverridden: true },
        metadata: { role: 'admin' },
      });

      await t.app.get(ProjectionHost).waitUntilCaughtUp();
      const solvency = await t.as('auditor').get('/v1/clients/capped/solvency').expect(200);
      expect(solvency.body.factors).toContainEqual({
        code: 'credit_limit_usage',
        points: 10,
        detail: '5250.00 EUR open is 105.0 % of the credit limit of 5000.00 EUR.',
      });
    });
  });

  it('shows an announced late-fee policy as scheduled until its effective date, then as in force; PUT answers 200', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const body = clientBody('fees');
    await t.as('clerk').post('/v1/clients').send(body).expect(201);
    const raised = { fixedFee: '60.00', annualInterestRate: '12.00', compounding: 'annual', graceDays: 5 };
    await t
      .as('admin')
      .put('/v1/clients/fees/agreement')
      .send({ ...body.agreement, lateFeePolicy: raised })
      .expect(200);

    const announced = await t.as('clerk').get('/v1/clients/fees').expect(200);
    expect(announced.body.agreement.lateFeePolicy).toEqual(body.agreement.lateFeePolicy);
    // 30 days' notice from Monday 2 March.
    expect(announced.body.agreement.scheduledLateFeePolicy).toEqual({ effectiveFrom: '2026-04-01', ...raised });

    // The agreement as shown, sent back unchanged, changes nothing: the announcement stands.
    const before = (await eventsOf('fees')).length;
    await t.as('admin').put('/v1/clients/fees/agreement').send(announced.body.agreement).expect(200);
    expect(await eventsOf('fees')).toHaveLength(before);

    t.clock.set('2026-03-31T21:59:00Z'); // still 31 March in Amsterdam
    expect((await t.as('clerk').get('/v1/clients/fees').expect(200)).body.agreement.scheduledLateFeePolicy).toBeDefined();
    t.clock.set('2026-04-01T08:00:00Z');
    const inForce = await t.as('clerk').get('/v1/clients/fees').expect(200);
    expect(inForce.body.agreement.lateFeePolicy).toEqual(raised);
    expect(inForce.body.agreement).not.toHaveProperty('scheduledLateFeePolicy');
    // As known before it took effect, the old policy was in force.
    const then = await t.as('auditor').get('/v1/clients/fees?asOf=2026-03-15T00:00:00Z').expect(200);
    expect(then.body.agreement.lateFeePolicy).toEqual(body.agreement.lateFeePolicy);
  });
});
