import { runOverHttp } from './support/drivers';
import { startViewsApp, type ViewsTestApp } from './support/views-app';
import { mixedWorkload } from './support/workload';

describe('projection operations: status, rebuild, verify (embedded PGlite)', () => {
  let t: ViewsTestApp;
  let events = 0;
  beforeAll(async () => {
    t = await startViewsApp({ now: '2025-01-01T00:00:00Z' });
    await runOverHttp(t, mixedWorkload({ clients: 8, months: 4 }));
    events = (await t.store.readAll()).length;
    await t.settled();
  });
  afterAll(async () => t?.close());

  it('shows each projection with its checkpoint, lag and state; admins only', async () => {
    const { body } = await t.as('admin').get('/v1/admin/projections').expect(200);
    expect(body.projections).toEqual([
      {
        name: 'client_facts',
        version: 3,
        state: 'live',
        runningHere: true,
        runner: expect.stringMatching(/:\d+$/),
        checkpoint: { position: expect.any(String), eventsHandled: events, generation: 0, updatedAt: expect.any(String) },
        lag: { events: 0, capped: false, seconds: 0 },
        eventsPerSecond: expect.any(Number),
        rebuild: null,
        lastError: null,
        quarantine: { count: 0, first: [] },
      },
      // The outbox's delivery bookkeeping is a projection like the views: same runner, same checkpoint, same status.
      {
        name: 'reminder_deliveries',
        version: 1,
        state: 'live',
        runningHere: true,
        runner: expect.stringMatching(/:\d+$/),
        checkpoint: { position: expect.any(String), eventsHandled: events, generation: 0, updatedAt: expect.any(String) },
        lag: { events: 0, capped: false, seconds: 0 },
        eventsPerSecond: expect.any(Number),
        rebuild: null,
        lastError: null,
        quarantine: { count: 0, first: [] },
      },
    ]);
    await t.as('auditor').get('/v1/admin/projections').expect(403);
    await t.as('clerk').post('/v1/admin/projections/rebuild').send({}).expect(403);
    await t.as('auditor').post('/v1/admin/verify').expect(403);
  });

  it('verify finds no difference after a mixed workload, and names a row altered in the database', async () => {
    const clean = await t.as('admin').post('/v1/admin/verify').expect(200);
    expect(clean.body).toMatchObject({ checked: 8, differences: [] });
    expect(clean.body.projections).toEqual([
      { projection: 'client_facts', position: expect.any(String), eventsReplayed: events, rows: 8, differences: [] },
      // No transport is configured here: no reminder has a delivery to book.
      { projection: 'reminder_deliveries', position: expect.any(String), eventsReplayed: events, rows: 0, differences: [] },
    ]);

    // Someone with database access marks a paid invoice unpaid and bumps the client's balance.
    await t.storage.views.query(
      `update client_facts_items set data = jsonb_set(data, '{outstanding}', '"100000"') where client_id = 'client-2' and kind = 'invoices' and item_key = 'INV-0'`,
    );
    await t.storage.views.query(`update client_facts set outstanding = outstanding + 100000 where client_id = 'client-2'`);
    const tampered = await t.as('admin').post('/v1/admin/verify').expect(200);
    expect(tampered.body).toMatchObject({
      checked: 8,
      differences: [{ projection: 'client_facts', key: 'client-2', kind: 'different', fields: ['outstanding', 'facts.invoices'] }],
    });
    // The views serve the tampered figure until they are rebuilt.
    await t
      .as('clerk')
      .get('/v1/clients/client-2/payment-behavior')
      .expect(200)
      .expect(({ body }) => expect(body.outstanding).toBe('1000.00'));
  });

  it('rebuilds from zero on request, shows the rebuild, and the views are right again', async () => {
    const requested = await t
      .as('admin')
      .post('/v1/admin/projections/rebuild')
      .send({ projections: ['client_facts'] })
      .expect(202);
    expect(requested.body.projections).toEqual([
      expect.objectContaining({ name: 'client_facts', checkpoint: expect.objectContaining({ generation: 1 }) }),
    ]);
    await t.settled();
    const { body } = await t.as('admin').get('/v1/admin/projections').expect(200);
    expect(body.projections[0]).toMatchObject({
      state: 'live',
      checkpoint: { eventsHandled: events, generation: 1 },
      rebuild: { startedAt: expect.any(String), finishedAt: expect.any(String) },
    });
    expect((await t.as('admin').post('/v1/admin/verify').expect(200)).body.differences).toEqual([]);
    await t
      .as('clerk')
      .get('/v1/clients/client-2/payment-behavior')
      .expect(200)
      .expect(({ body }) => expect(body.outstanding).toBe('0.00'));
  });

  it('reports the projections and their lag in GET /health', async () => {
    const health = await t.http.get('/health').expect(200);
    expect(health.body.info.projections).toEqual({
      status: 'up',
      client_facts: { state: 'live', lagEvents: 0, lagCapped: false, lagSeconds: 0 },
      reminder_deliveries: { state: 'live', lagEvents: 0, lagCapped: false, lagSeconds: 0 },
    });
  });

  it('refuses to rebuild a projection that does not exist', async () => {
    const response = await t
      .as('admin')
      .post('/v1/admin/projections/rebuild')
      .send({ projections: ['nonsense'] })
      .expect(400);
    expect(response.body).toMatchObject({ code: 'invalid_input', errors: [{ field: 'projections' }] });
    await t.as('admin').post('/v1/admin/projections/rebuild').send({ projections: 'client_facts' }).expect(400);
  });
});
