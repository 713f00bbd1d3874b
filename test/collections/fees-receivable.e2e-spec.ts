import { streamIdForClient } from '@settle/domain';
import { clientBody, type TestApp } from '../support/test-app';
import { startCollectionsApp } from './support/collections-app';
import { CollectionsDriver } from './support/collections-driver';

/**
 * Issue 10 item 3, by the API: fees and interest are receivables. Each client owes 10,000.00 due
 * Tuesday 31 March 2026 under a 40.00 fixed fee and 15.75 % simple interest. The run of Monday 4 May
 * charges the fee (the call rung, 14 days past due) and April's interest:
 * 10,000.00 × 15.75 % × 30 / 365 = 129.452… → 129.45. Then a payment of 5,000.00, by each allocation order.
 */
const policy = { fixedFee: '40.00', annualInterestRate: '15.75', compounding: 'simple', graceDays: 0 };

describe('fees and interest as receivables (allocation orders, waivers, reversal)', () => {
  let app: TestApp;
  let drive: CollectionsDriver;
  const account = async (clientId: string) => (await app.as('clerk').get(`/v1/clients/${clientId}`).expect(200)).body;
  const eventCount = async (clientId: string) => (await app.store.readStream(streamIdForClient(clientId))).length;
  const waive = (clientId: string, body: Record<string, unknown>, role: 'admin' | 'clerk' = 'admin') =>
    app
      .as(role)
      .post(`/v1/clients/${clientId}/invoices/INV-1/fee-waivers`)
      .send({ reason: 'goodwill', ...body });

  beforeAll(async () => {
    app = await startCollectionsApp({ now: '2026-03-02T09:00:00Z' });
    drive = new CollectionsDriver(app);
    drive.at('2026-03-02');
    for (const [clientId, paymentAllocationOrder] of [
      ['principal-first', 'principal_first'],
      ['costs-first', 'costs_interest_principal'],
    ]) {
      const body = clientBody(clientId);
      await app
        .as('clerk')
        .post('/v1/clients')
        .send({ ...body, agreement: { ...body.agreement, lateFeePolicy: policy, paymentAllocationOrder } })
        .expect(201);
      await drive.invoice(clientId, 'INV-1', '10000.00', { issuedOn: '2026-03-02', dueOn: '2026-03-31' });
    }
    drive.at('2026-05-04');
    await drive.run();
    await drive.pay('principal-first', 'PAY-1', '5000.00');
    await drive.pay('costs-first', 'PAY-1', '5000.00');
  });
  afterAll(() => app.close());

  it('charges the fee and April’s interest to the cent', async () => {
    for (const clientId of ['principal-first', 'costs-first']) {
      const charged = await drive.events(clientId, 'LateFeeCharged', 'LateInterestCharged');
      expect(charged.map((event) => [event.type, event.data.amount])).toEqual([
        ['LateFeeCharged', '4000'],
        ['LateInterestCharged', '12945'],
      ]);
    }
  });

  it('principal_first: the 5,000.00 settles principal; 5,000.00 principal and 169.45 fees stay outstanding', async () => {
    expect(await drive.events('principal-first', 'FeesSettled')).toEqual([]);
    expect(await account('principal-first')).toMatchObject({
      balance: '5169.45',
      overdue: '5000.00',
      fees: {
        lateFees: { charged: '40.00', paid: '0.00', waived: '0.00', outstanding: '40.00' },
        interest: { charged: '129.45', paid: '0.00', waived: '0.00', outstanding: '129.45' },
        outstanding: '169.45',
      },
      invoices: [{ invoiceId: 'INV-1', paid: '5000.00', outstanding: '5000.00' }],
    });
  });

  it('costs_interest_principal: fee 40.00, interest 129.45, then 4,830.55 principal: 5,169.45 principal outstanding', async () => {
    const settled = await drive.events('costs-first', 'PaymentAllocated', 'FeesSettled');
    expect(settled.map((event) => [event.type, event.data])).toEqual([
      ['PaymentAllocated', expect.objectContaining({ invoiceId: 'INV-1', amount: '483055' })],
      ['FeesSettled', expect.objectContaining({ invoiceId: 'INV-1', lateFee: '4000', interest: '12945' })],
    ]);
    expect(await account('costs-first')).toMatchObject({
      balance: '5169.45',
      overdue: '5169.45',
      fees: { lateFees: { paid: '40.00', outstanding: '0.00' }, interest: { paid: '129.45', outstanding: '0.00' }, outstanding: '0.00' },
      invoices: [{ invoiceId: 'INV-1', paid: '4830.55', outstanding: '5169.45' }],
    });
  });

  it('waivers: an admin only; partial, too much (422, nothing appended), then all', async () => {
    await waive('principal-first', { waiverId: 'WV-0', interest: '1.00' }, 'clerk').expect(403);
    await waive('principal-first', { waiverId: 'WV-1', interest: '29.45' }).expect(201);
    expect(await account('principal-first')).toMatchObject({
      balance: '5140.00',
      fees: { interest: { waived: '29.45', outstanding: '100.00' } },
    });

    const before = await eventCount('principal-first');
    const tooMuch = await waive('principal-first', { waiverId: 'WV-2', lateFee: '40.01' }).expect(422);
    expect(tooMuch.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooMuch.body).toMatchObject({ code: 'waiver_exceeds_outstanding' });
    await waive('principal-first', { waiverId: 'WV-2', interest: 'some' }).expect(400);
    expect(await eventCount('principal-first')).toBe(before);

    await waive('principal-first', { waiverId: 'WV-3', lateFee: 'all', interest: 'all' }).expect(201);
    const waived = await drive.events('principal-first', 'LateFeeWaived', 'LateInterestWaived');
    expect(waived.map((event) => [event.type, event.data.waiverId, event.data.amount])).toEqual([
      ['LateInterestWaived', 'WV-1', '2945'],
      ['LateFeeWaived', 'WV-3', '4000'],
      ['LateInterestWaived', 'WV-3', '10000'],
    ]);
    expect(await account('principal-first')).toMatchObject({ balance: '5000.00', fees: { outstanding: '0.00' } });
    const nothing = await waive('principal-first', { waiverId: 'WV-4', lateFee: 'all' }).expect(422);
    expect(nothing.body).toMatchObject({ code: 'nothing_to_waive' });
  });

  it('a reversal of the payment that settled fees owes them again', async () => {
    await app.as('clerk').post('/v1/clients/costs-first/payments/PAY-1/reversal').send({ reason: 'bounced' }).expect(201);
    const [reversal] = await drive.events('costs-first', 'PaymentReversed');
    expect(reversal.data).toMatchObject({ feesRestored: [{ invoiceId: 'INV-1', lateFee: '4000', interest: '12945' }] });
    expect(await account('costs-first')).toMatchObject({
      balance: '10169.45',
      fees: { lateFees: { paid: '0.00', outstanding: '40.00' }, interest: { paid: '0.00', outstanding: '129.45' } },
      invoices: [{ outstanding: '10000.00' }],
    });
  });
});
