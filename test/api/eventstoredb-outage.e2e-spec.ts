import { type EsdbTestServer, startEsdbTestServer } from '../esdb-test-server';
import { clientBody, startTestApp, type TestApp } from '../support/test-app';

describe('EventStoreDB mode: the store goes away and comes back', () => {
  let server: EsdbTestServer;
  let t: TestApp;
  beforeAll(async () => {
    server = await startEsdbTestServer();
    t = await startTestApp({ esdbUrl: server.url });
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('answers 503 problem+json while the node is down and records normally once it is back', async () => {
    await t.as('clerk').post('/v1/clients').send(clientBody('acme')).expect(201);
    await server.stop();
    const down = await t
      .as('clerk')
      .post('/v1/clients/acme/invoices')
      .send({ invoiceId: 'INV-1', amount: '10.00', currency: 'EUR' })
      .expect(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.body).toMatchObject({ status: 503, code: 'store_unavailable' });
    await t.http.get('/health').expect(503);

    await server.restart();
    await t.as('clerk').post('/v1/clients/acme/invoices').send({ invoiceId: 'INV-1', amount: '10.00', currency: 'EUR' }).expect(201);
    const events = await t.store.readStream('client-acme');
    expect(events.map((event) => event.type)).toEqual(['ClientRegistered', 'InvoiceIssued']);
  });
});
