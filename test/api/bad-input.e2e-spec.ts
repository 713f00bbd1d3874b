import { gzipSync } from 'node:zlib';
import type { Response } from 'supertest';
import { clientBody, type RoleName, startTestApp, type TestApp } from '../support/test-app';

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
    all: (await t.store.readAll()).length,
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
    await expectRejected(() => invoice({ issuedOn: '2026-02-20', dueOn: '2026-02-10' }), 400);
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
  /** A JSON text sent as it is (supertest would re-serialise a string or a Buffer). */
  const raw = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    t
      .as('admin')
      .post(path)
      .set({ 'Content-Type': 'application/json', ...headers })
      // As it is: superagent passes a Buffer through unchanged too (its typing says string).
      .serialize((data: string | Buffer) => data as string)
      .send(body);

  describe('input that used to crash (500) is refused', () => {
    it('a client without an agreement → 400 naming it', async () => {
      const { agreement: _agreement, ...withoutAgreement } = clientBody('no-agreement');
      const problem = await expectRejected(() => t.as('clerk').post('/v1/clients').send(withoutAgreement), 400, 'invalid_input');
      expect(problem.errors).toEqual([{ field: 'agreement', message: expect.any(String) }]);
    });

    it('a NUL character or a lone surrogate in any string → 400 naming the field', async () => {
      const withName = (name: string) => JSON.stringify(clientBody('nul')).replace('"Client nul"', name);
      for (const name of ['"a\\u0000b"', '"a\\ud800b"', '"\\udc00"']) {
        const problem = await expectRejected(() => raw('/v1/clients', withName(name)), 400, 'invalid_input');
        expect(problem.errors).toEqual([{ field: 'name', message: expect.stringContaining('NUL characters or unpaired surrogates') }]);
      }
      const nested = await expectRejected(() => invoice({ reference: 'PO\u0000-1' }), 400, 'invalid_input');
      expect(nested.errors).toEqual([{ field: 'reference', message: expect.any(String) }]);
      const inKey = await expectRejected(
        () => raw('/v1/clients/acme/invoices', '{"invoiceId":"X","amount":"1.00","currency":"EUR","a\\u0000":1}'),
        400,
      );
      expect(inKey.errors).toEqual([{ field: 'a\\u0000', message: expect.any(String) }]);
      // A surrogate pair (an emoji) is a character like any other.
      await t
        .as('clerk')
        .post('/v1/clients/acme/invoices')
        .send({ invoiceId: 'INV-EMOJI', amount: '1.00', currency: 'EUR', reference: '\u{1F4B6}' })
        .expect(201);
    });

    it('JSON nested 10,000 levels → 400, refused before validation', async () => {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const problem = await expectRejected(
        () => raw('/v1/clients/acme/invoices', `{"invoiceId":"X","amount":"1.00","currency":"EUR","reference":${deep}}`),
        400,
        'invalid_input',
      );
      expect(problem.errors[0]).toEqual({
        field: expect.stringMatching(/^reference\.0\.0/),
        message: expect.stringContaining('nests deeper than'),
      });
    });

    it('a corrupt gzip or brotli body → 400; an unsupported encoding → 415; a sound gzip body is read', async () => {
      const garbage = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('not deflate data at all')]);
      await expectRejected(() => raw('/v1/clients/acme/invoices', garbage, { 'Content-Encoding': 'gzip' }), 400, 'unreadable_body');
      await expectRejected(
        () => raw('/v1/clients/acme/invoices', Buffer.from('garbage'), { 'Content-Encoding': 'br' }),
        400,
        'unreadable_body',
      );
      await expectRejected(
        () => raw('/v1/clients/acme/invoices', Buffer.from('{}'), { 'Content-Encoding': 'zstd' }),
        415,
        'unsupported_encoding',
      );
      const sound = gzipSync(JSON.stringify({ invoiceId: 'INV-GZ', amount: '1.00', currency: 'EUR' }));
      await raw('/v1/clients/acme/invoices', sound, { 'Content-Encoding': 'gzip' }).expect(201);
    });

    it('__proto__, constructor, prototype, valueOf… keys → 400 as unknown fields, at any depth, nothing recorded', async () => {
      const body = JSON.stringify(clientBody('proto'));
      for (const [text, field] of [
        [body.replace('{', '{"__proto__":{"isAdmin":true},'), '__proto__'],
        [body.replace('{', '{"constructor":{"prototype":{"isAdmin":true}},'), 'constructor'],
        [body.replace('"agreement":{', '"agreement":{"prototype":1,'), 'agreement.prototype'],
        [body.replace('"contact":{', '"contact":{"__proto__":{"email":"x@y.z"},'), 'agreement.contact.__proto__'],
        // class-transformer would skip a key naming an inherited function, and the command would be recorded.
        [body.replace('{', '{"valueOf":1,'), 'valueOf'],
        [body.replace('"agreement":{', '"agreement":{"toString":"x",'), 'agreement.toString'],
      ]) {
        const problem = await expectRejected(() => raw('/v1/clients', text), 400, 'invalid_input');
        expect(problem.errors).toEqual([{ field, message: expect.stringContaining('should not exist') }]);
      }
      await t.as('auditor').get('/v1/clients/proto').expect(404);
    });

    it('a body that is not JSON → 415', async () => {
      await expectRejected(
        () =>
          t
            .as('clerk')
            .post('/v1/clients')
            .set('Content-Type', 'text/plain')
            .send(JSON.stringify(clientBody('text'))),
        415,
        'unsupported_media_type',
      );
      await expectRejected(() => t.as('clerk').post('/v1/clients').type('form').send({ clientId: 'form' }), 415, 'unsupported_media_type');
    });

    it('null for a field → 400 (an optional field is left out)', async () => {
      const problem = await expectRejected(() => invoice({ reference: null }), 400, 'invalid_input');
      expect(problem.errors).toEqual([{ field: 'reference', message: expect.stringContaining('must not be null') }]);
      await expectRejected(
        () =>
          t
            .as('admin')
            .put('/v1/clients/acme/agreement')
            .send({ ...clientBody('acme').agreement, lateFeePolicy: null }),
        400,
        'invalid_input',
      );
    });
  });

  describe('dates (SPEC 3.2): the clock says Monday 2 March 2026, 10:00 UTC', () => {
    it('a date or instant before 1900 or after 2200 → 400, whatever the route', async () => {
      for (const issuedOn of ['9999-12-31', '0000-01-01', '1899-12-31', '2201-01-01']) {
        const problem = await expectRejected(() => invoice({ issuedOn }), 400, 'invalid_input');
        expect(problem.errors).toEqual([{ field: 'issuedOn', message: 'issuedOn must lie between 1900-01-01 and 2200-12-31' }]);
      }
      await expectRejected(() => invoice({ dueOn: '2201-01-01' }), 400, 'invalid_input');
      const outOfRange: ['post' | 'put', string, object][] = [
        ['post', '/v1/clients/acme/payments', { paymentId: 'P-OLD', amount: '1.00', currency: 'EUR', receivedOn: '1800-01-01' }],
        ['post', '/v1/clients/acme/interactions', { interactionId: 'N-1', kind: 'note', occurredAt: '0001-01-01T00:00:00Z' }],
        ['put', '/v1/clients/acme/agreement', { ...clientBody('acme').agreement, holidays: ['2300-12-25'] }],
      ];
      for (const [method, path, body] of outOfRange)
        await expectRejected(() => t.as('admin')[method](path).send(body), 400, 'invalid_input');
      await expectRejected(() => t.as('auditor').get('/v1/clients/acme?asOf=1899-12-31T23:00:00Z'), 400, 'invalid_input');
      await expectRejected(
        () => t.as('admin').post('/v1/admin/collections/run').send({ asOf: '0000-01-01T00:00:00Z' }),
        400,
        'invalid_input',
      );
    });

    it('a business date more than a day after today in the client’s time zone → 422 date_in_future; up to a day ahead is accepted', async () => {
      const problem = await expectRejected(() => invoice({ issuedOn: '2026-03-04' }), 422, 'date_in_future');
      expect(problem.errors).toEqual([{ field: 'issuedOn', message: expect.stringContaining('2026-03-04') }]);
      const later: [RoleName, string, object][] = [
        ['clerk', '/v1/clients/acme/payments', { paymentId: 'P-LATER', amount: '1.00', currency: 'EUR', receivedOn: '2030-01-01' }],
        ['clerk', '/v1/clients/acme/payments/PAY-1/reversal', { reason: 'Bounced', reversedOn: '2026-03-10' }],
        [
          'clerk',
          '/v1/clients/acme/invoices/INV-1/credit-notes',
          { creditNoteId: 'CN-L', amount: '1.00', currency: 'EUR', issuedOn: '2026-04-01' },
        ],
        ['admin', '/v1/clients/acme/invoices/INV-1/write-off', { reason: 'Gone', writtenOffOn: '2026-03-05' }],
        ['clerk', '/v1/clients/acme/interactions', { interactionId: 'N-L', kind: 'note', occurredAt: '2026-03-04T00:30:00+01:00' }],
      ];
      for (const [role, path, body] of later) await expectRejected(() => t.as(role).post(path).send(body), 422, 'date_in_future');
      // A day ahead (a caller a time zone east, a clock a little fast) is still today's business; what is planned may lie ahead.
      await invoice({ invoiceId: 'INV-TOMORROW', issuedOn: '2026-03-03', dueOn: '2027-03-03' }).expect(201);
    });

    it('asOf later than the clock → 422 as_of_in_future, for views and the collections run alike', async () => {
      for (const path of ['/v1/clients/acme', '/v1/clients/acme/payment-behavior', '/v1/clients/acme/solvency'])
        await expectRejected(() => t.as('auditor').get(`${path}?asOf=2026-03-02T10:00:01Z`), 422, 'as_of_in_future');
      await expectRejected(
        () => t.as('admin').post('/v1/admin/collections/run').send({ asOf: '2026-07-21T09:00:00Z' }),
        422,
        'as_of_in_future',
      );
      await t.as('auditor').get('/v1/clients/acme?asOf=2026-03-02T10:00:00Z').expect(200);
    });
  });
});
