import { clientBody, startTestApp, type TestApp } from '../support/test-app';

describe('audit: history and tamper evidence (embedded PGlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.as('clerk').post('/v1/clients').send(clientBody('acme')).expect(201);
    await t
      .as('clerk')
      .post('/v1/clients/acme/invoices')
      .send({ invoiceId: 'INV-1', amount: '1250.00', currency: 'EUR', issuedOn: '2026-03-02' })
      .expect(201);
    await t.as('clerk').post('/v1/clients/acme/payments').send({ paymentId: 'PAY-1', amount: '250.00', currency: 'EUR' }).expect(201);
  });
  afterAll(async () => t?.close());

  it('shows each event once with the role that recorded it; auditors may read but not write', async () => {
    const history = await t.as('auditor').get('/v1/clients/acme/history').expect(200);
    expect(history.body.events.map((event: { type: string; metadata: { actor: string } }) => [event.type, event.metadata.actor])).toEqual([
      ['ClientRegistered', 'clerk-key'],
      ['InvoiceIssued', 'clerk-key'],
      ['PaymentReceived', 'clerk-key'],
      ['PaymentAllocated', 'clerk-key'],
    ]);
    expect(history.body.events[1].data).toMatchObject({ invoiceId: 'INV-1', amount: '125000', currency: 'EUR' });
  });

  it('pages newest first with order=desc and before, and refuses a bad order or before', async () => {
    const types = (page: { body: { events: { type: string; revision: string }[] } }) =>
      page.body.events.map((event) => `${event.revision}:${event.type}`);
    const newest = await t.as('auditor').get('/v1/clients/acme/history?order=desc&limit=3').expect(200);
    expect(types(newest)).toEqual(['3:PaymentAllocated', '2:PaymentReceived', '1:InvoiceIssued']);
    expect(newest.body.next).toEqual({ before: '1' });
    const older = await t.as('auditor').get(`/v1/clients/acme/history?order=desc&limit=3&before=${newest.body.next.before}`).expect(200);
    expect(types(older)).toEqual(['0:ClientRegistered']);
    expect(older.body.next).toBeNull();
    await t
      .as('auditor')
      .get('/v1/clients/acme/history?order=desc&before=0')
      .expect(200, { clientId: 'acme', streamId: 'client-acme', events: [], next: null });
    await t.as('auditor').get('/v1/clients/nobody/history?order=desc').expect(404);
    const documented = (await t.http.get('/docs-json').expect(200)).body.paths['/v1/clients/{clientId}/history'].get.parameters;
    expect(documented.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['order', 'after', 'before', 'limit', 'asOf']),
    );
    // The default order is unchanged: oldest first.
    expect(types(await t.as('auditor').get('/v1/clients/acme/history?order=asc&limit=1').expect(200))).toEqual(['0:ClientRegistered']);
    for (const [query, field] of [
      ['order=newest', 'order'],
      ['order=desc&before=-1', 'before'],
      ['order=desc&before=9223372036854775808', 'before'],
      ['order=desc&after=1', 'after'],
      ['before=2', 'before'],
      ['after=x', 'after'],
    ]) {
      const problem = await t.as('auditor').get(`/v1/clients/acme/history?${query}`).expect(400);
      expect(problem.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(problem.body).toMatchObject({ code: 'invalid_input', errors: [expect.objectContaining({ field })] });
    }
  });

  it('reports the revision of an event edited directly in the database', async () => {
    await t.as('auditor').get('/v1/clients/acme/history/verify').expect(200, { valid: true, events: 4 });
    // Someone with database access lowers the invoice amount behind the application's back.
    const edited = await t.storage.views.query(
      `update events set data = jsonb_set(data::jsonb, '{amount}', '"100000"') where stream_id = 'client-acme' and revision = 1`,
    );
    expect(edited.rowCount).toBe(1);
    await t.as('auditor').get('/v1/clients/acme/history/verify').expect(200, { valid: false, events: 4, firstInvalidRevision: '1' });
  });

  it('reports a later revision when only its metadata is altered', async () => {
    await t.storage.views.query(
      `update events set data = jsonb_set(data::jsonb, '{amount}', '"125000"') where stream_id = 'client-acme' and revision = 1`,
    );
    await t.as('auditor').get('/v1/clients/acme/history/verify').expect(200, { valid: true, events: 4 });
    await t.storage.views.query(
      `update events set metadata = jsonb_set(metadata::jsonb, '{actor}', '"someone-else"') where stream_id = 'client-acme' and revision = 3`,
    );
    await t.as('auditor').get('/v1/clients/acme/history/verify').expect(200, { valid: false, events: 4, firstInvalidRevision: '3' });
  });

  it('shows the account as it was known at an earlier instant', async () => {
    t.clock.set('2026-04-10T10:00:00Z');
    await t.as('clerk').post('/v1/clients/acme/payments').send({ paymentId: 'PAY-2', amount: '1000.00', currency: 'EUR' }).expect(201);
    const now = await t.as('auditor').get('/v1/clients/acme').expect(200);
    expect(now.body).toMatchObject({ balance: '0.00' });
    const before = await t.as('auditor').get('/v1/clients/acme?asOf=2026-04-05T00:00:00Z').expect(200);
    // Due 2026-04-01, unpaid 1000.00 then: 4 days overdue as of that instant.
    expect(before.body).toMatchObject({ balance: '1000.00', overdue: '1000.00' });
    expect(before.body.invoices[0]).toMatchObject({ invoiceId: 'INV-1', outstanding: '1000.00', daysOverdue: 4, status: 'overdue' });
    await t.as('auditor').get('/v1/clients/acme?asOf=2026-01-01T00:00:00Z').expect(404);
    await t.as('auditor').get('/v1/clients/acme?asOf=yesterday').expect(400);
  });

  it('pages newest first as known at an earlier instant, passing over what was recorded later', async () => {
    const latest = await t.as('auditor').get('/v1/clients/acme/history?order=desc&limit=1').expect(200);
    expect(latest.body.events[0]).toMatchObject({ revision: '5', type: 'PaymentAllocated', data: { paymentId: 'PAY-2' } });
    const asOf = encodeURIComponent('2026-04-05T00:00:00Z');
    const then = await t.as('auditor').get(`/v1/clients/acme/history?order=desc&limit=2&asOf=${asOf}`).expect(200);
    expect(then.body.events.map((event: { revision: string }) => event.revision)).toEqual(['3', '2']);
    expect(then.body.next).toEqual({ before: '2' });
    const rest = await t.as('auditor').get(`/v1/clients/acme/history?order=desc&limit=2&before=2&asOf=${asOf}`).expect(200);
    expect(rest.body.events.map((event: { revision: string }) => event.revision)).toEqual(['1', '0']);
    expect(rest.body.next).toBeNull();
    await t.as('auditor').get('/v1/clients/acme/history?order=desc&asOf=2026-01-01T00:00:00Z').expect(404);
  });
});
