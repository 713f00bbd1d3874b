import { type EsdbTestServer, startEsdbTestServer } from '../esdb-test-server';
import { runOverHttp } from './support/drivers';
import { startViewsApp, type ViewsTestApp } from './support/views-app';
import { mixedWorkload } from './support/workload';

/** EventStoreDB mode: events in EventStoreDB (the gRPC test server), views and checkpoints in PGlite. */
describe('views in EventStoreDB mode', () => {
  let server: EsdbTestServer;
  let t: ViewsTestApp;
  beforeAll(async () => {
    server = await startEsdbTestServer();
    t = await startViewsApp({ esdbUrl: server.url, now: '2025-01-01T00:00:00Z' });
    await runOverHttp(t, mixedWorkload({ clients: 4, months: 3 }));
    await t.settled();
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('projects $all from its stored checkpoint and verifies against a rebuild', async () => {
    const events = (await t.store.readAll()).length;
    const { body } = await t.as('admin').get('/v1/admin/projections').expect(200);
    expect(body.projections[0]).toMatchObject({ state: 'live', checkpoint: { eventsHandled: events }, lag: { events: 0 } });
    expect((await t.as('admin').post('/v1/admin/verify').expect(200)).body).toMatchObject({ checked: 4, differences: [] });
    const list = await t.as('clerk').get('/v1/clients?sort=-overdue').expect(200);
    expect(list.body.total).toBe(4);
  });

  it('rebuilds from zero', async () => {
    await t.as('admin').post('/v1/admin/projections/rebuild').send({}).expect(202);
    await t.settled();
    expect((await t.as('admin').post('/v1/admin/verify').expect(200)).body).toMatchObject({ checked: 4, differences: [] });
  });
});
