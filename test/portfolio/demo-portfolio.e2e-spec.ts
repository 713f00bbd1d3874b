import { awaitViews, type CallApi, generatePortfolio, seedOverHttp } from '../../scripts/portfolio';
import { startTestApp, type TestApp } from '../support/test-app';

const NOW = '2026-03-02T10:00:00.000Z';

interface ListedClient {
  clientId: string;
  riskLevel: string;
  riskScore: number;
  trend: { direction: string };
}
interface WorklistItem {
  clientId: string;
  goingSouth: boolean;
  riskLevel: string;
}

/**
 * What `npm run demo` does, on a smaller portfolio and a fixed clock: seed through the public API,
 * run the collections cycle, let the views catch up — and the clients going south must show as
 * deteriorating at high or critical risk, at the top of the worklist.
 */
describe('the demo portfolio, seeded through the API', () => {
  const portfolio = generatePortfolio({ clients: 20, now: NOW, seed: 'demo-e2e', prefix: 'demo' });
  const goingSouth = portfolio.clients.filter((client) => client.personality === 'going_south').map((client) => client.clientId);
  let t: TestApp;
  let callApi: CallApi;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    callApi = async ({ method, path, body }) => {
      const request =
        method === 'GET'
          ? t.as('admin').get(path)
          : method === 'PUT'
            ? t.as('admin').put(path).send(body)
            : t.as('admin').post(path).send(body);
      const response = await request;
      return { status: response.status, body: response.body };
    };
    const summary = await seedOverHttp(portfolio.clients, callApi, { concurrency: 4 });
    expect(summary.failures).toEqual([]);
    expect(summary.seeded).toBe(20);
    const cycle = await callApi({ method: 'POST', path: '/v1/admin/collections/run', body: {} });
    expect(cycle.status).toBe(200);
    await awaitViews(callApi, 60_000);
  }, 300_000);

  afterAll(async () => t?.close());

  it('has clients going south in the portfolio', () => {
    expect(goingSouth).toHaveLength(2);
  });

  it('shows every client going south as deteriorating at high or critical risk, the riskiest of the portfolio', async () => {
    const { status, body } = await callApi({ method: 'GET', path: '/v1/clients?sort=-riskScore&limit=100' });
    expect(status).toBe(200);
    const clients = (body as { clients: ListedClient[] }).clients;
    expect(clients).toHaveLength(20);
    for (const clientId of goingSouth) {
      expect(clients.find((client) => client.clientId === clientId)).toMatchObject({
        trend: { direction: 'deteriorating' },
        riskLevel: expect.stringMatching(/^(high|critical)$/),
      });
    }
    expect(
      clients
        .slice(0, goingSouth.length)
        .map((client) => client.clientId)
        .sort(),
    ).toEqual([...goingSouth].sort());
  });

  it('puts the clients going south at the top of the worklist', async () => {
    const { status, body } = await callApi({ method: 'GET', path: '/v1/collections/worklist' });
    expect(status).toBe(200);
    const items = (body as { items: WorklistItem[] }).items;
    const top = items.slice(0, goingSouth.length);
    expect(top.map((item) => item.clientId).sort()).toEqual([...goingSouth].sort());
    expect(top.every((item) => item.goingSouth)).toBe(true);
  });

  it('leaves the good payers at low risk', async () => {
    const { body } = await callApi({ method: 'GET', path: '/v1/clients?riskLevel=low&limit=100' });
    const low = new Set((body as { clients: ListedClient[] }).clients.map((client) => client.clientId));
    const goodPayers = portfolio.clients.filter((client) => client.personality === 'good_payer');
    expect(goodPayers.length).toBeGreaterThan(5);
    expect(goodPayers.filter((client) => !low.has(client.clientId))).toEqual([]);
  });
});
