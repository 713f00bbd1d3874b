import { type TestApp } from '../support/test-app';
import { startCollectionsApp } from './support/collections-app';
import { CollectionsDriver } from './support/collections-driver';

interface WorklistBody {
  items: { clientId: string; actions: { code: string; detail: string }[] }[];
}

/** SPEC 5 / issue 10 item 9: the worklist holds only work still to do, worded with today's figures. */
describe('GET /v1/collections/worklist: a steady late payer who paid', () => {
  let app: TestApp;
  let drive: CollectionsDriver;
  const worklist = async () => (await app.as('collector').get('/v1/collections/worklist').expect(200)).body as WorklistBody;
  const itemOf = async (clientId: string) => (await worklist()).items.find((item) => item.clientId === clientId);

  beforeAll(async () => {
    app = await startCollectionsApp({ now: '2026-01-01T09:00:00Z' });
    drive = new CollectionsDriver(app);
    drive.at('2026-01-01');
    await drive.register('late');
    await drive.invoice('late', 'INV-1', '1000.00', { issuedOn: '2026-01-01', dueOn: '2026-01-30' });
  });
  afterAll(async () => app.close());

  it('asks for a call once the call step is reached, with the amount and days overdue of today', async () => {
    drive.at('2026-02-16');
    await drive.run();
    expect((await itemOf('late'))?.actions).toContainEqual({
      code: 'call_client',
      detail: 'Call Ada Client about EUR 1000.00 overdue, 17 days past due.',
    });
  });

  it('drops the call once the invoice is paid, before the next cycle closes the case and after', async () => {
    drive.at('2026-02-18');
    await drive.pay('late', 'PAY-1', '1000.00', { receivedOn: '2026-02-18' });
    expect(await itemOf('late')).toBeUndefined();
    await drive.run();
    expect((await drive.events('late', 'CollectionsResolved')).length).toBe(1);
    expect(await itemOf('late')).toBeUndefined();
  });
});
