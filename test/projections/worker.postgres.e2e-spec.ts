import { type INestApplicationContext } from '@nestjs/common';
import { ProjectionHost } from '@settle/projections';
import { createWorker } from '../../apps/worker/src/bootstrap';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { clientBody, TEST_KEYS } from '../support/test-app';
import { send, startViewsApp, type ViewsTestApp } from './support/views-app';

const API_KEYS = Object.entries(TEST_KEYS)
  .map(([role, secret]) => `${role}-key:${role}:${secret}`)
  .join(',');

async function eventually(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('postgres mode: the worker runs the projections, the API serves them', () => {
  let database: TestDatabase;
  let api: ViewsTestApp;
  const workers: INestApplicationContext[] = [];
  const startWorker = async () => {
    const worker = await createWorker({
      DATABASE_URL: database.url,
      API_KEYS,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      NOW: '2026-03-02T10:00:00Z',
    });
    workers.push(worker);
    return worker;
  };
  const stateIn = async (worker: INestApplicationContext) => (await worker.get(ProjectionHost).status())[0].state;
  const outstandingOf = async (clientId: string) =>
    (await api.as('clerk').get(`/v1/clients/${clientId}/payment-behavior`).expect(200)).body.outstanding;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startViewsApp({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await api?.close();
    await database?.drop();
  });

  it('without a worker the API records commands; the views wait for one', async () => {
    await send(api, 'post', '/v1/clients', clientBody('acme'));
    await send(api, 'post', '/v1/clients/acme/invoices', {
      invoiceId: 'INV-1',
      amount: '1250.00',
      currency: 'EUR',
      issuedOn: '2026-03-02',
    });
    const { body } = await api.as('admin').get('/v1/admin/projections').expect(200);
    expect(body.projections[0]).toMatchObject({
      name: 'client_facts',
      runningHere: false,
      runner: null,
      state: 'catching_up',
      lag: { events: 2 },
    });
    // A client the view does not hold yet is folded from its stream.
    expect(await outstandingOf('acme')).toBe('1250.00');
    expect((await api.as('clerk').get('/v1/clients').expect(200)).body.total).toBe(0);
  });

  it('a worker catches the views up and follows; a second one stands by and takes over when the first stops', async () => {
    const first = await startWorker();
    await api.settled();
    expect(
      (await api.as('clerk').get('/v1/clients').expect(200)).body.clients.map((client: { clientId: string }) => client.clientId),
    ).toEqual(['acme']);
    const { body } = await api.as('admin').get('/v1/admin/projections').expect(200);
    expect(body.projections[0]).toMatchObject({
      runningHere: false,
      runner: expect.stringMatching(/:\d+$/),
      state: 'live',
      lag: { events: 0 },
    });

    const second = await startWorker();
    await eventually(async () => (await stateIn(second)) === 'standby');
    expect(await stateIn(first)).toBe('live');
    await send(api, 'post', '/v1/clients/acme/payments', {
      paymentId: 'PAY-1',
      amount: '250.00',
      currency: 'EUR',
      receivedOn: '2026-03-02',
    });
    await api.settled();
    expect(await outstandingOf('acme')).toBe('1000.00');

    await first.close();
    workers.splice(workers.indexOf(first), 1);
    await eventually(async () => (await stateIn(second)) === 'live');
    await send(api, 'post', '/v1/clients/acme/payments', {
      paymentId: 'PAY-2',
      amount: '1000.00',
      currency: 'EUR',
      receivedOn: '2026-03-02',
    });
    await api.settled();
    expect(await outstandingOf('acme')).toBe('0.00');
    expect((await api.as('admin').post('/v1/admin/verify').expect(200)).body).toMatchObject({ checked: 1, differences: [] });
  });

  it('a rebuild requested through the API is carried out by the worker', async () => {
    const requested = await api.as('admin').post('/v1/admin/projections/rebuild').send({}).expect(202);
    expect(requested.body.projections[0].checkpoint).toMatchObject({ generation: 1 });
    await api.settled();
    const { body } = await api.as('admin').get('/v1/admin/projections').expect(200);
    expect(body.projections[0]).toMatchObject({
      state: 'live',
      checkpoint: { generation: 1 },
      rebuild: { finishedAt: expect.any(String) },
    });
    expect(await outstandingOf('acme')).toBe('0.00');
  });

  it('refuses to start a worker without PostgreSQL views', async () => {
    await expect(createWorker({ LOG_LEVEL: 'silent' })).rejects.toThrow(/DATABASE_URL/);
  });
});

describe('postgres mode with RUN_WORKERS=true: the API runs the projections itself', () => {
  let database: TestDatabase;
  let api: ViewsTestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startViewsApp({ databaseUrl: database.url, env: { RUN_WORKERS: 'true' } });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('keeps the views current without a worker', async () => {
    await send(api, 'post', '/v1/clients', clientBody('solo'));
    await api.settled();
    const { body } = await api.as('admin').get('/v1/admin/projections').expect(200);
    expect(body.projections[0]).toMatchObject({ runningHere: true, state: 'live' });
    expect((await api.as('clerk').get('/v1/clients').expect(200)).body.total).toBe(1);
  });

  it('refuses a RUN_WORKERS that is not true or false', async () => {
    await expect(startViewsApp({ databaseUrl: database.url, env: { RUN_WORKERS: 'yes' } })).rejects.toThrow(
      /RUN_WORKERS must be true or false/,
    );
  });
});
