import { type RecordedEvent, type SqlExecutor } from '@settle/event-store';
import { ClientFactsProjection } from '@settle/projections';
import { clientBody } from '../support/test-app';
import { appendUnvalidated, failLikeTheOldReader, farFutureInvoice, yearZeroInvoice } from './support/poison';
import { send, startViewsApp, type ViewsTestApp } from './support/views-app';

/**
 * SPEC 10, issue 11: an event the client facts view cannot apply, stored straight in the log (as
 * commands accepted before they refused such dates). The reader is first put back as it was before
 * the fix, so the event fails; then the fix is in place, and the client is rebuilt.
 */
describe('a poison event quarantines its client only (embedded PGlite)', () => {
  let t: ViewsTestApp;
  const fixedApply = ClientFactsProjection.prototype.apply;
  let oldReader: jest.SpyInstance | undefined;

  beforeAll(async () => {
    t = await startViewsApp({ now: '2026-03-02T10:00:00Z' });
    oldReader = jest.spyOn(ClientFactsProjection.prototype, 'apply').mockImplementation(async function (
      this: ClientFactsProjection,
      tx: SqlExecutor,
      events: readonly RecordedEvent[],
    ) {
      failLikeTheOldReader(events);
      return fixedApply.call(this, tx, events);
    });
    await send(t, 'post', '/v1/clients', clientBody('acme'));
    await send(t, 'post', '/v1/clients', clientBody('beta'));
    await send(t, 'post', '/v1/clients/beta/invoices', { invoiceId: 'B-1', amount: '100.00', currency: 'EUR', issuedOn: '2026-02-01' });
  });
  afterAll(async () => {
    oldReader?.mockRestore();
    await t?.close();
  });

  it('reports the client stale, keeps every other client live and says degraded', async () => {
    await appendUnvalidated(t.store, 'acme', 'InvoiceIssued', farFutureInvoice('acme', 'FAR-1'));
    // Registered after the poison: its views must follow all the same.
    await send(t, 'post', '/v1/clients', clientBody('late'));
    await send(t, 'post', '/v1/clients/late/invoices', { invoiceId: 'L-1', amount: '250.00', currency: 'EUR', issuedOn: '2026-02-20' });
    await send(t, 'post', '/v1/clients/beta/invoices', { invoiceId: 'B-2', amount: '50.00', currency: 'EUR', issuedOn: '2026-02-25' });
    await t.settled();

    const stale = {
      state: 'stale',
      reason: 'date/time field value out of range: "+010000-01-30"',
      since: expect.any(String),
      projections: [
        { projection: 'client_facts', revision: '1', eventType: 'InvoiceIssued', reason: expect.any(String), since: expect.any(String) },
      ],
    };
    expect((await t.as('clerk').get('/v1/clients/acme').expect(200)).body.views).toEqual(stale);
    expect((await t.as('clerk').get('/v1/clients/acme/payment-behavior').expect(200)).body.views).toEqual(stale);
    expect((await t.as('clerk').get('/v1/clients/acme/solvency').expect(200)).body.views).toEqual(stale);
    // The account itself is folded from the stream: it shows the invoice.
    expect((await t.as('clerk').get('/v1/clients/acme').expect(200)).body.invoices.map((i: { invoiceId: string }) => i.invoiceId)).toEqual([
      'FAR-1',
    ]);

    const late = await t.as('clerk').get('/v1/clients/late/payment-behavior').expect(200);
    expect(late.body).toMatchObject({ invoicesIssued: 1, outstanding: '250.00' });
    expect(late.body.views).toBeUndefined();
    expect((await t.as('clerk').get('/v1/clients/beta/payment-behavior').expect(200)).body).toMatchObject({ invoicesIssued: 2 });
    const list = await t.as('clerk').get('/v1/clients').expect(200);
    expect(list.body.clients.map((item: { clientId: string }) => item.clientId)).toEqual(['acme', 'beta', 'late']);

    const { body } = await t.as('admin').get('/v1/admin/projections').expect(200);
    const [clientFacts, reminders] = body.projections;
    expect(clientFacts).toMatchObject({
      name: 'client_facts',
      state: 'live',
      lastError: null,
      lag: { events: 0 },
      quarantine: {
        count: 1,
        first: [
          {
            clientId: 'acme',
            streamId: 'client-acme',
            revision: '1',
            eventType: 'InvoiceIssued',
            reason: stale.reason,
            since: expect.any(String),
          },
        ],
      },
    });
    expect(reminders).toMatchObject({ name: 'reminder_deliveries', quarantine: { count: 0, first: [] } });

    const health = await t.http.get('/health').expect(200);
    expect(health.body).toMatchObject({
      status: 'degraded',
      info: {
        eventStore: { status: 'up' },
        projections: {
          status: 'up',
          degraded: true,
          client_facts: { state: 'live', quarantinedClients: 1, quarantined: [{ clientId: 'acme', reason: stale.reason }] },
          reminder_deliveries: { state: 'live' },
        },
      },
    });
  });

  it('after the fix, a rebuild of the client recovers it; a client that fails no more is live everywhere', async () => {
    // Commands go on meanwhile: the quarantined client's new events are passed by, not lost.
    await send(t, 'post', '/v1/clients/acme/invoices', { invoiceId: 'A-2', amount: '70.00', currency: 'EUR', issuedOn: '2026-02-26' });
    await t.settled();
    const stillFailing = await t
      .as('admin')
      .post('/v1/admin/projections/rebuild')
      .send({ clients: ['acme'] })
      .expect(202);
    expect(stillFailing.body.clients).toEqual([
      { clientId: 'acme', projection: 'client_facts', outcome: 'still_failing', revision: '1', reason: expect.any(String) },
      { clientId: 'acme', projection: 'reminder_deliveries', outcome: 'not_quarantined' },
    ]);

    oldReader!.mockRestore();
    oldReader = undefined;
    const recovered = await t
      .as('admin')
      .post('/v1/admin/projections/rebuild')
      .send({ clients: ['acme'] })
      .expect(202);
    expect(recovered.body.clients).toEqual([
      { clientId: 'acme', projection: 'client_facts', outcome: 'recovered', eventsReplayed: 3 },
      { clientId: 'acme', projection: 'reminder_deliveries', outcome: 'not_quarantined' },
    ]);
    await send(t, 'post', '/v1/clients/acme/invoices', { invoiceId: 'A-3', amount: '30.00', currency: 'EUR', issuedOn: '2026-02-27' });
    await t.settled();

    const behaviour = await t.as('clerk').get('/v1/clients/acme/payment-behavior').expect(200);
    expect(behaviour.body).toMatchObject({ invoicesIssued: 3, openInvoices: 3 });
    expect(behaviour.body.views).toBeUndefined();
    expect((await t.as('clerk').get('/v1/clients/acme').expect(200)).body.views).toBeUndefined();
    const { body } = await t.as('admin').get('/v1/admin/projections').expect(200);
    expect(body.projections.map((projection: { quarantine: unknown }) => projection.quarantine)).toEqual([
      { count: 0, first: [] },
      { count: 0, first: [] },
    ]);
    expect((await t.http.get('/health').expect(200)).body.status).toBe('ok');
    expect((await t.as('admin').post('/v1/admin/verify').expect(200)).body.differences).toEqual([]);
  });

  it('reads dates outside the years 0001–9999 without failing (the fixed reader)', async () => {
    await appendUnvalidated(t.store, 'beta', 'InvoiceIssued', yearZeroInvoice('beta', 'ZERO-1'));
    await t.settled();
    expect((await t.as('admin').get('/v1/admin/projections').expect(200)).body.projections[0].quarantine.count).toBe(0);
    const behaviour = await t.as('clerk').get('/v1/clients/beta/payment-behavior').expect(200);
    expect(behaviour.body).toMatchObject({ invoicesIssued: 3 });
    expect(behaviour.body.views).toBeUndefined();
    await t.as('clerk').get('/v1/clients/beta/solvency').expect(200);
    // Due in the year 0, open: overdue, and found by the overdue filter (its due date stored as 0001-01-31 BC).
    const overdue = await t.as('clerk').get('/v1/clients?overdue=true').expect(200);
    expect(overdue.body.clients.map((item: { clientId: string }) => item.clientId)).toContain('beta');
    await t.as('clerk').get('/v1/reports/aging?currency=EUR').expect(200);
    await t.as('clerk').get('/v1/reports/dso?currency=EUR&months=6').expect(200);
    expect((await t.as('admin').post('/v1/admin/verify').expect(200)).body.differences).toEqual([]);
  });
});
