import { clientBody, startTestApp, type TestApp } from '../support/test-app';

/** The commands beyond the basic scenario, each through HTTP with its events and rules. */
describe('account lifecycle over HTTP (embedded PGlite)', () => {
  let t: TestApp;
  const types = async () => (await t.store.readStream('client-acme')).map((event) => event.type);
  const lastEvents = async (n: number) =>
    (await t.store.readStream('client-acme')).slice(-n).map((event) => ({ type: event.type, data: event.data }));

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T10:00:00Z' });
    await t.as('clerk').post('/v1/clients').send(clientBody('acme')).expect(201);
    for (const [invoiceId, amount] of [
      ['INV-1', '1000.00'],
      ['INV-2', '400.00'],
      ['INV-3', '300.00'],
    ]) {
      await t
        .as('clerk')
        .post('/v1/clients/acme/invoices')
        .send({ invoiceId, amount, currency: 'EUR', issuedOn: '2026-03-02' })
        .expect(201);
    }
  });
  afterAll(async () => t?.close());

  it('changes the agreement; a fee change takes effect only after the notice period', async () => {
    const agreement = {
      ...clientBody('acme').agreement,
      lateFeePolicy: { fixedFee: '60.00', annualInterestRate: '12.00', compounding: 'annual', graceDays: 5 },
    };
    const tooEarly = await t
      .as('admin')
      .put('/v1/clients/acme/agreement')
      .send({ ...agreement, lateFeePolicyEffectiveFrom: '2026-03-15' })
      .expect(422);
    expect(tooEarly.body.code).toBe('notice_period');
    // A PUT answers 200, whether it changed the agreement or not.
    await t.as('admin').put('/v1/clients/acme/agreement').send(agreement).expect(200);
    expect(await lastEvents(1)).toEqual([
      { type: 'AgreementChanged', data: expect.objectContaining({ lateFeePolicyEffectiveFrom: '2026-04-01' }) },
    ]);
    // The same change again records nothing.
    const before = (await types()).length;
    await t.as('admin').put('/v1/clients/acme/agreement').send(agreement).expect(200);
    expect(await types()).toHaveLength(before);
  });

  it('issues a credit note up to the outstanding amount', async () => {
    const over = await t
      .as('clerk')
      .post('/v1/clients/acme/invoices/INV-2/credit-notes')
      .send({ creditNoteId: 'CN-X', amount: '400.01', currency: 'EUR' })
      .expect(422);
    expect(over.body.code).toBe('credit_exceeds_outstanding');
    const account = await t
      .as('clerk')
      .post('/v1/clients/acme/invoices/INV-2/credit-notes')
      .send({ creditNoteId: 'CN-1', amount: '100.00', currency: 'EUR', reason: 'Late delivery' })
      .expect(201);
    expect(account.body.invoices.find((invoice: { invoiceId: string }) => invoice.invoiceId === 'INV-2')).toMatchObject({
      credited: '100.00',
      outstanding: '300.00',
    });
  });

  it('reverses a bounced payment: its allocations are undone and the invoice reopens', async () => {
    await t
      .as('clerk')
      .post('/v1/clients/acme/payments')
      .send({ paymentId: 'PAY-1', amount: '1000.00', currency: 'EUR', allocations: [{ invoiceId: 'INV-1', amount: '1000.00' }] })
      .expect(201);
    const reversed = await t.as('clerk').post('/v1/clients/acme/payments/PAY-1/reversal').send({ reason: 'Bounced' }).expect(201);
    expect(reversed.body).toMatchObject({ paymentId: 'PAY-1', reversed: { reason: 'Bounced' } });
    expect(await lastEvents(1)).toEqual([
      { type: 'PaymentReversed', data: expect.objectContaining({ deallocations: [{ invoiceId: 'INV-1', amount: '100000' }] }) },
    ]);
    const account = await t.as('clerk').get('/v1/clients/acme').expect(200);
    expect(account.body.invoices[0]).toMatchObject({ invoiceId: 'INV-1', paid: '0.00', outstanding: '1000.00', status: 'open' });
    await t.as('clerk').post('/v1/clients/acme/payments/PAY-1/reversal').send({ reason: 'Bounced' }).expect(200);
    await t.as('clerk').post('/v1/clients/acme/payments/NOPE/reversal').send({ reason: 'x' }).expect(404);
  });

  it('records a promise to pay and a dispute, and resolves the dispute with a credit', async () => {
    await t
      .as('collector')
      .post('/v1/clients/acme/interactions')
      .send({
        interactionId: 'PTP-1',
        kind: 'promise_to_pay',
        occurredAt: '2026-03-02T09:00:00Z',
        amount: '500.00',
        currency: 'EUR',
        promisedOn: '2026-03-20',
      })
      .expect(201);
    expect(await lastEvents(2)).toEqual([
      { type: 'InteractionLogged', data: expect.objectContaining({ kind: 'promise_to_pay' }) },
      { type: 'PromiseToPayMade', data: expect.objectContaining({ amount: '50000', promisedOn: '2026-03-20' }) },
    ]);
    await t
      .as('collector')
      .post('/v1/clients/acme/interactions')
      .send({ interactionId: 'D-1', kind: 'dispute_raised', occurredAt: '2026-03-02T09:05:00Z', invoiceId: 'INV-3', reason: 'Wrong hours' })
      .expect(201);
    let account = await t.as('clerk').get('/v1/clients/acme').expect(200);
    expect(account.body.invoices.find((invoice: { invoiceId: string }) => invoice.invoiceId === 'INV-3').status).toBe('disputed');
    await t
      .as('collector')
      .post('/v1/clients/acme/interactions')
      .send({
        interactionId: 'D-2',
        kind: 'dispute_resolved',
        occurredAt: '2026-03-02T09:30:00Z',
        invoiceId: 'INV-3',
        outcome: 'upheld',
        creditAmount: '50.00',
      })
      .expect(201);
    expect((await lastEvents(3)).map((event) => event.type)).toEqual(['InteractionLogged', 'DisputeResolved', 'CreditNoteIssued']);
    account = await t.as('clerk').get('/v1/clients/acme').expect(200);
    expect(account.body.invoices.find((invoice: { invoiceId: string }) => invoice.invoiceId === 'INV-3')).toMatchObject({
      status: 'open',
      credited: '50.00',
      outstanding: '250.00',
    });
    const missing = await t
      .as('collector')
      .post('/v1/clients/acme/interactions')
      .send({ interactionId: 'PTP-2', kind: 'promise_to_pay', occurredAt: '2026-03-02T09:00:00Z' })
      .expect(400);
    expect(missing.body.code).toEqual(expect.any(String));
  });

  it('pauses and resumes collections (collector), with the pause shown on the account', async () => {
    await t.as('clerk').post('/v1/clients/acme/collections/pause').send({ pauseId: 'PZ-1', until: '2026-04-01', reason: 'x' }).expect(403);
    await t
      .as('collector')
      .post('/v1/clients/acme/collections/pause')
      .send({ pauseId: 'PZ-1', until: '2026-04-01', reason: 'Payment plan talks' })
      .expect(201);
    let account = await t.as('clerk').get('/v1/clients/acme').expect(200);
    expect(account.body.collections).toMatchObject({ pausedUntil: '2026-04-01' });
    await t.as('collector').post('/v1/clients/acme/collections/resume').send({ resumeId: 'R-1', reason: 'Plan agreed' }).expect(201);
    await t.as('collector').post('/v1/clients/acme/collections/resume').send({ resumeId: 'R-1', reason: 'Plan agreed' }).expect(200);
    account = await t.as('clerk').get('/v1/clients/acme').expect(200);
    expect(account.body.collections.pausedUntil).toBeNull();
    const notPaused = await t.as('collector').post('/v1/clients/acme/collections/resume').send({}).expect(422);
    expect(notPaused.body.code).toBe('not_paused');
  });

  it('writes off what is left of an invoice (admin only)', async () => {
    const account = await t.as('admin').post('/v1/clients/acme/invoices/INV-2/write-off').send({ reason: 'Client insolvent' }).expect(201);
    expect(account.body.invoices.find((invoice: { invoiceId: string }) => invoice.invoiceId === 'INV-2')).toMatchObject({
      writtenOff: '300.00',
      outstanding: '0.00',
      status: 'written_off',
    });
    const again = await t.as('admin').post('/v1/clients/acme/invoices/INV-2/write-off').send({ reason: 'Client insolvent' }).expect(200);
    expect(again.body.invoices.find((invoice: { invoiceId: string }) => invoice.invoiceId === 'INV-2').status).toBe('written_off');
    expect(await types()).toContain('InvoiceWrittenOff');
  });
});
