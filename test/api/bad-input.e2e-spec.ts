import type { Response } from 'supertest';
import { clientBody, startTestApp, type TestApp } from '../support/test-app';

/** SPEC 7: every bad input gets its status with a problem+json body, and the stream does not change. */
describe('bad input (embedded PGlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.as('clerk').post('/v1/clients').send(clientBody('acme')).expect(201);
    const tokyo = clientBody('tokyo', { currency: 'JPY' });
    tokyo.agreement.lateFeePolicy.fixedFee = '4000';
    await t.as('clerk').post('/v1/clients').send(tokyo).expect(201);
    await t
      .as('clerk')
      .post('/v1/clients/acme/invoices')
      .send({ invoiceId: 'INV-1', amount: '100.00', currency: 'EUR', issuedOn: '2026-03-02' })
      .expect(201);
    await t.as('clerk').post('/v1/clients/acme/payments').send({ paymentId: 'PAY-1', amount: '40.00', currency: 'EUR' }).expect(201);
  });
  afterAll(async () => t?.close());

  const streams = async () => ({
    acme: (await t.store.readStream('client-acme')).length,
    tokyo: (await t.store.readStream('client-tokyo')).length,
    nobody: (await t.store.readStream('client-nobody')).length,
  });

  /** Sends a bad request and checks status, problem body and that no stream changed. */
  async function expectRejected(send: () => Promise<Response>, status: number, code?: string | RegExp) {
    const before = await streams();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status,
      type: expect.stringMatching(/^urn:settle:problem:/),
      title: expect.any(String),
      detail: expect.any(String),
    });
    if (code) expect(response.body.code).toEqual(code instanceof RegExp ? expect.stringMatching(code) : code);
    expect(await streams()).toEqual(before);
    return response.body;
  }
  const invoice = (body: Record<string, unknown>) =>
    t
      .as('clerk')
      .post('/v1/clients/acme/invoices')
      .send({ invoiceId: 'INV-NEW', amount: '10.00', currency: 'EUR', ...body });

  it('malformed JSON → 400', async () => {
    await expectRejected(
      () => t.as('clerk').post('/v1/clients/acme/invoices').set('Content-Type', 'application/json').send('{"invoiceId": "X", "amount": '),
      400,
      'malformed_json',
    );
  });

  it('unknown field → 400 naming the field', async () => {
    const problem = await expectRejected(() => invoice({ discount: '5.00' }), 400, 'invalid_input');
    expect(problem.errors).toEqual([{ field: 'discount', message: expect.stringContaining('should not exist') }]);
  });

  it('zero and negative amounts → 400', async () => {
    for (const amount of ['0', '0.00', '-10.00']) {
      const problem = await expectRejected(() => invoice({ amount }), 400, 'invalid_input');
      expect(problem.errors[0].field).toBe('amount');
    }
  });

  it('more decimals than the currency allows → 400 (EUR 2, JPY 0)', async () => {
    await expectRejected(() => invoice({ amount: '10.001' }), 400, 'invalid_input');
    await expectRejected(
      () => t.as('clerk').post('/v1/clients/tokyo/invoices').send({ invoiceId: 'J-1', amount: '1000.5', currency: 'JPY' }),
      400,
      'invalid_input',
    );
  });

  it('a currency other than the account’s → 422', async () => {
    await expectRejected(() => invoice({ currency: 'USD' }), 422, 'currency_mismatch');
    await expectRejected(
      () => t.as('clerk').post('/v1/clients/acme/payments').send({ paymentId: 'PAY-USD', amount: '10.00', currency: 'USD' }),
      422,
      'currency_mismatch',
    );
  });

  it('an impossible date → 400', async () => {
    const problem = await expectRejected(() => invoice({ issuedOn: '2026-02-30' }), 400, 'invalid_input');
    expect(problem.errors[0].field).toBe('issuedOn');
    await expectRejected(() => invoice({ issuedOn: '2026-03-10', dueOn: '2026-03-01' }), 400);
  });

  it('unknown client or invoice → 404', async () => {
    await expectRejected(
      () => t.as('clerk').post('/v1/clients/nobody/invoices').send({ invoiceId: 'X', amount: '10.00', currency: 'EUR' }),
      404,
      'client_not_found',
    );
    await expectRejected(() => t.as('auditor').get('/v1/clients/nobody'), 404, 'client_not_found');
    await expectRejected(
      () =>
        t.as('clerk').post('/v1/clients/acme/invoices/NOPE/credit-notes').send({ creditNoteId: 'CN-1', amount: '1.00', currency: 'EUR' }),
      404,
      'invoice_not_found',
    );
  });

  it('over-allocation → 422', async () => {
    await expectRejected(
      () =>
        t
          .as('clerk')
          .post('/v1/clients/acme/payments')
          .send({ paymentId: 'PAY-2', amount: '100.00', currency: 'EUR', allocations: [{ invoiceId: 'INV-1', amount: '100.00' }] }),
      422,
      'over_allocation',
    );
  });

  it('a collections ladder that does not climb, or names no rung → 400 naming the field', async () => {
    const withLadder = (collectionsLadder: object) => ({ ...clientBody('acme').agreement, collectionsLadder });
    // call at 14 days by default: a firm reminder agreed at 20 days would come after it.
    const outOfOrder = await expectRejected(
      () =>
        t
          .as('admin')
          .put('/v1/clients/acme/agreement')
          .send(withLadder({ firm_reminder: { days: 20 } })),
      400,
      'ladder_out_of_order',
    );
    expect(outOfOrder.errors).toEqual([
      {
        field: 'agreement.collectionsLadder.firm_reminder',
        message: 'agreement.collectionsLadder.firm_reminder (20 days) must come before call (14 days, the default)',
      },
    ]);
    await expectRejected(
      () =>
        t
          .as('admin')
          .put('/v1/clients/acme/agreement')
          .send(withLadder({ reminder: { days: 0 } })),
      400,
      'invalid_input',
    );
    await expectRejected(
      () =>
        t
          .as('admin')
          .put('/v1/clients/acme/agreement')
          .send(withLadder({ dunning: { days: 3 } })),
      400,
      'invalid_input',
    );
  });

  it('an id reused with different content → 409', async () => {
    await expectRejected(
      () => t.as('clerk').post('/v1/clients/acme/payments').send({ paymentId: 'PAY-1', amount: '41.00', currency: 'EUR' }),
      409,
      'id_reused',
    );
  });

  it('no key → 401, unknown key → 401', async () => {
    await expectRejected(() => t.http.post('/v1/clients/acme/invoices').send({ invoiceId: 'X', amount: '10.00', currency: 'EUR' }), 401);
    await expectRejected(() => t.http.get('/v1/clients/acme').set('Authorization', 'Bearer not-a-key'), 401);
  });

  it('a role that may not do this → 403', async () => {
    await expectRejected(
      () => t.as('auditor').post('/v1/clients/acme/payments').send({ paymentId: 'PAY-3', amount: '1.00', currency: 'EUR' }),
      403,
    );
    await expectRejected(
      () => t.as('collector').post('/v1/clients/acme/invoices').send({ invoiceId: 'X', amount: '10.00', currency: 'EUR' }),
      403,
    );
    await expectRejected(() => t.as('clerk').post('/v1/clients/acme/invoices/INV-1/write-off').send({ reason: 'nope' }), 403);
    await expectRejected(() => t.as('clerk').put('/v1/clients/acme/agreement').send(clientBody('acme').agreement), 403);
  });

  it('an oversized body → 413', async () => {
    await expectRejected(() => invoice({ description: 'x'.repeat(300 * 1024) }), 413, 'body_too_large');
  });
});
