import { clientBody, type TestApp } from '../../support/test-app';

/** The service's "now" in the stories (NOW of the test app). */
export const NOW = '2026-03-02T10:00:00Z';

const client = (clientId: string, name: string, phone: string) => {
  const body = clientBody(clientId, { name });
  return { ...body, agreement: { ...body.agreement, contact: { ...body.agreement.contact, phone } } };
};

/**
 * A small portfolio recorded through the API at the instants it happened (the clock is moved), then
 * the collections cycle run at NOW:
 * - acme: 2,400.00 due since early February, escalated to a call: the top of the worklist;
 * - dune: 900.00 due since mid-February, escalated to a call too: still on the worklist once acme's promise takes acme off it;
 * - bolt: 300.00 a little overdue;
 * - cado: 1,000.00 invoiced on 2 February, 400.00 paid on 20 February (time travel);
 * - echo: two open invoices, 500.00 and 800.00, not yet due (the clerk's payment).
 */
export async function seedPortfolio(t: TestApp): Promise<void> {
  const clerk = t.as('clerk');
  const at = async (instant: string, record: () => Promise<unknown>) => {
    t.clock.set(instant);
    await record();
  };
  await at('2026-01-02T09:00:00Z', async () => {
    await clerk
      .post('/v1/clients')
      .send(client('acme', 'Acme B.V.', '+31 20 555 0101'))
      .expect(201);
    await clerk
      .post('/v1/clients/acme/invoices')
      .send({ invoiceId: 'A-1', amount: '2400.00', currency: 'EUR', issuedOn: '2026-01-02' })
      .expect(201);
  });
  await at('2026-01-12T09:00:00Z', async () => {
    await clerk
      .post('/v1/clients')
      .send(client('dune', 'Dune Media', '+31 20 555 0404'))
      .expect(201);
    await clerk
      .post('/v1/clients/dune/invoices')
      .send({ invoiceId: 'D-1', amount: '900.00', currency: 'EUR', issuedOn: '2026-01-12' })
      .expect(201);
  });
  await at('2026-01-20T09:00:00Z', async () => {
    await clerk
      .post('/v1/clients')
      .send(client('bolt', 'Bolt Logistics', '+31 20 555 0202'))
      .expect(201);
    await clerk
      .post('/v1/clients/bolt/invoices')
      .send({ invoiceId: 'B-1', amount: '300.00', currency: 'EUR', issuedOn: '2026-01-20' })
      .expect(201);
  });
  await at('2026-02-02T09:00:00Z', async () => {
    await clerk
      .post('/v1/clients')
      .send(client('cado', 'Cado Foods', '+31 20 555 0303'))
      .expect(201);
    await clerk
      .post('/v1/clients/cado/invoices')
      .send({ invoiceId: 'C-1', amount: '1000.00', currency: 'EUR', issuedOn: '2026-02-02' })
      .expect(201);
  });
  await at('2026-02-16T09:00:00Z', async () => {
    await clerk
      .post('/v1/clients')
      .send(client('echo', 'Echo Studio', '+31 20 555 0505'))
      .expect(201);
    await clerk
      .post('/v1/clients/echo/invoices')
      .send({ invoiceId: 'E-1', amount: '500.00', currency: 'EUR', issuedOn: '2026-02-16' })
      .expect(201);
    await clerk
      .post('/v1/clients/echo/invoices')
      .send({ invoiceId: 'E-2', amount: '800.00', currency: 'EUR', issuedOn: '2026-02-16' })
      .expect(201);
  });
  await at('2026-02-20T09:00:00Z', async () => {
    await clerk
      .post('/v1/clients/cado/payments')
      .send({ paymentId: 'C-PAY-1', amount: '400.00', currency: 'EUR', receivedOn: '2026-02-20' })
      .expect(201);
  });
  t.clock.set(NOW);
  await t
    .as('admin')
    .post('/v1/admin/collections/run')
    .send({})
    .expect((response) => {
      if (response.status >= 300) throw new Error(`collections run: ${response.status} ${JSON.stringify(response.body)}`);
    });
}
