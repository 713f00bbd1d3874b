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

  it('reports the revision of an event edited directly in the database', async () => {
    await t.as('auditor').get('/v1/clients/acme/history/verify').expect(200, { valid: true, events: 4 });
    // Someone with database access lowers the invoice amount behind the application's back.
    const edited = await t.storage.views.query(
      `update events set data = jsonb_set(data, '{amount}', '"100000"') where stream_id = 'client-acme' and revision = 1`,
    );
    expect(edited.rowCount).toBe(1);
    await t.as('auditor').get('/v1/clients/acme/history/verify').expect(200, { valid: false, events: 4, firstInvalidRevision: '1' });
  });

  it('reports a later revision when only its metadata is altered', async () => {
    await t.storage.views.query(
      `update events set data = jsonb_set(data, '{amount}', '"125000"') where stream_id = 'client-acme' and revision = 1`,
    );
    await t.as('auditor').get('/v1/clients/acme/history/verify').expect(200, { valid: true, events: 4 });
    await t.storage.views.query(
      `update events set metadata = jsonb_set(metadata, '{actor}', '"someone-else"') where stream_id = 'client-acme' and revision = 3`,
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
});
