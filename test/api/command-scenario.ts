import { ClientAccounts } from '@settle/command-pipeline';
import { streamIdForClient } from '@settle/domain';
import { clientBody, startTestApp, type TestApp, type TestAppOptions } from '../support/test-app';

/**
 * The foundation's command scenario over HTTP, written once and run in every storage mode
 * (PGlite, PostgreSQL, EventStoreDB): register, invoice, pay, interact, read, audit.
 */
/** The clock: on or after every business date of the scenario, since none may lie in the future (SPEC 3.2). */
const NOW = '2026-03-21T10:00:00Z';

export function describeCommandScenario(mode: string, options: () => TestAppOptions | Promise<TestAppOptions>): void {
  describe(`command scenario over HTTP (${mode})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ now: NOW, ...(await options()) });
    });
    afterAll(async () => t?.close());

    const streamLength = async (clientId: string) => (await t.store.readStream(streamIdForClient(clientId))).length;

    it('registers a client once: 201, then 200 for the same body, 409 for other content', async () => {
      const created = await t.as('clerk').post('/v1/clients').send(clientBody('acme')).expect(201);
      expect(created.body).toMatchObject({ clientId: 'acme', currency: 'EUR', balance: '0.00', invoices: [] });
      const repeated = await t.as('clerk').post('/v1/clients').send(clientBody('acme')).expect(200);
      expect(repeated.body).toEqual(created.body);
      const reused = await t
        .as('clerk')
        .post('/v1/clients')
        .send(clientBody('acme', { name: 'Someone else' }))
        .expect(409);
      expect(reused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(reused.body).toMatchObject({ status: 409, code: 'id_reused' });
      expect(await streamLength('acme')).toBe(1);
    });

    it('issues invoices with due dates from the terms, rolling weekends to Monday', async () => {
      const first = await t
        .as('clerk')
        .post('/v1/clients/acme/invoices')
        .send({ invoiceId: 'INV-1', amount: '1250.00', currency: 'EUR', issuedOn: '2026-03-02' })
        .expect(201);
      expect(first.body).toMatchObject({
        invoiceId: 'INV-1',
        issuedOn: '2026-03-02',
        dueOn: '2026-04-01',
        amount: '1250.00',
        outstanding: '1250.00',
        status: 'open',
      });
      // 2026-03-05 + 30 days = Saturday 2026-04-04 → Monday 2026-04-06.
      const second = await t
        .as('clerk')
        .post('/v1/clients/acme/invoices')
        .send({ invoiceId: 'INV-2', amount: '500.00', currency: 'EUR', issuedOn: '2026-03-05' })
        .expect(201);
      expect(second.body).toMatchObject({ invoiceId: 'INV-2', dueOn: '2026-04-06' });
    });

    it('allocates a payment oldest due first and records it exactly once when sent twice', async () => {
      const payment = { paymentId: 'PAY-1', amount: '1500.00', currency: 'EUR', receivedOn: '2026-03-20' };
      const first = await t.as('clerk').post('/v1/clients/acme/payments').send(payment).expect(201);
      expect(first.body.applications).toEqual([
        { invoiceId: 'INV-1', amount: '1250.00', via: 'allocation' },
        { invoiceId: 'INV-2', amount: '250.00', via: 'allocation' },
      ]);
      const before = await streamLength('acme');
      const again = await t.as('clerk').post('/v1/clients/acme/payments').send(payment).expect(200);
      expect(again.body).toEqual(first.body);
      expect(await streamLength('acme')).toBe(before);
    });

    it('logs an interaction and shows the account with balances and statuses', async () => {
      await t
        .as('collector')
        .post('/v1/clients/acme/interactions')
        .send({
          interactionId: 'INT-1',
          kind: 'outbound_contact',
          occurredAt: '2026-03-21T09:30:00+01:00',
          channel: 'email',
          summary: 'Asked about INV-2',
        })
        .expect(201);
      const account = await t.as('auditor').get('/v1/clients/acme').expect(200);
      expect(account.body).toMatchObject({
        clientId: 'acme',
        balance: '250.00',
        overdue: '0.00',
        unappliedCredit: '0.00',
        creditHold: false,
      });
      expect(account.body.invoices.map((invoice: { invoiceId: string; status: string }) => [invoice.invoiceId, invoice.status])).toEqual([
        ['INV-1', 'paid'],
        ['INV-2', 'partially_paid'],
      ]);
    });

    it('lists the history with full metadata, and its hash chain verifies', async () => {
      const history = await t.as('auditor').get('/v1/clients/acme/history').expect(200);
      const types = history.body.events.map((event: { type: string }) => event.type);
      expect(types).toEqual([
        'ClientRegistered',
        'InvoiceIssued',
        'InvoiceIssued',
        'PaymentReceived',
        'PaymentAllocated',
        'PaymentAllocated',
        'InteractionLogged',
      ]);
      for (const [index, event] of history.body.events.entries()) {
        expect(event.revision).toBe(String(index));
        expect(typeof event.position).toBe('string');
        expect(event.metadata).toMatchObject({ source: 'api', schemaVersion: 1 });
        expect(event.metadata.actor).toMatch(/^(clerk|collector)-key$/);
        expect(event.metadata.role).toMatch(/^(clerk|collector)$/);
        expect(event.metadata.commandId).toEqual(expect.any(String));
        expect(event.metadata.correlationId).toEqual(expect.any(String));
        expect(event.metadata.recordedAt).toBe('2026-03-21T10:00:00.000Z');
        expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(history.body.events[3].metadata.commandId).toBe('RecordPayment:PAY-1');
      const page = await t.as('auditor').get('/v1/clients/acme/history?after=4&limit=1').expect(200);
      expect(page.body.events.map((event: { revision: string }) => event.revision)).toEqual(['5']);
      expect(page.body.next).toEqual({ after: '5' });
      await t.as('auditor').get('/v1/clients/acme/history/verify').expect(200, { valid: true, events: 7 });
    });

    it('records 20 payments sent in parallel exactly once each, with the right balance', async () => {
      await t.as('clerk').post('/v1/clients').send(clientBody('busy')).expect(201);
      await t
        .as('clerk')
        .post('/v1/clients/busy/invoices')
        .send({ invoiceId: 'BIG', amount: '1000.00', currency: 'EUR', issuedOn: '2026-03-02' })
        .expect(201);
      const send = (n: number) =>
        t
          .as('clerk')
          .post('/v1/clients/busy/payments')
          .send({ paymentId: `P-${n}`, amount: '10.00', currency: 'EUR' });
      const responses = await Promise.all([...Array(20).keys()].map(send));
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
      const again = await Promise.all([...Array(20).keys()].map(send));
      expect(again.map((response) => response.status)).toEqual(Array(20).fill(200));
      const account = await t.as('clerk').get('/v1/clients/busy').expect(200);
      expect(account.body.balance).toBe('800.00');
      const events = await t.store.readStream('client-busy');
      expect(events.filter((event) => event.type === 'PaymentReceived')).toHaveLength(20);
    });

    it('retries a command that loses a race and answers 409 once the retries are spent, appending nothing of it', async () => {
      // A rival writer (as another API process would) appends to the same stream just before each of our appends.
      const rival = new ClientAccounts(t.store, t.clock);
      const context = { actor: 'rival', role: 'clerk' as const, source: 'api' as const, correlationId: 'rival' };
      let rivalWrites = 0;
      let racesToLose = 2;
      const append = t.store.append.bind(t.store);
      let inRival = false;
      const spy = jest.spyOn(t.store, 'append').mockImplementation(async (streamId, events, expected) => {
        if (!inRival && streamId === 'client-acme' && racesToLose > 0) {
          racesToLose--;
          inRival = true;
          try {
            await rival.execute(
              {
                type: 'LogInteraction',
                data: { clientId: 'acme', interactionId: `RIVAL-${++rivalWrites}`, kind: 'note', occurredAt: '2026-03-02T10:00:00Z' },
              },
              context,
            );
          } finally {
            inRival = false;
          }
        }
        return append(streamId, events, expected);
      });
      try {
        // Two lost races, then success on the third attempt.
        await t
          .as('collector')
          .post('/v1/clients/acme/interactions')
          .send({ interactionId: 'INT-2', kind: 'note', occurredAt: '2026-03-02T10:00:00Z' })
          .expect(201);
        expect(rivalWrites).toBe(2);

        // Always losing: the decision on the unread cache (not a race lost on fresh state), then 1 attempt + 3 retries, then 409.
        racesToLose = 5;
        const before = await streamLength('acme');
        const lost = await t
          .as('collector')
          .post('/v1/clients/acme/interactions')
          .send({ interactionId: 'INT-3', kind: 'note', occurredAt: '2026-03-02T10:00:00Z' })
          .expect(409);
        expect(lost.body).toMatchObject({ status: 409, code: 'concurrency_conflict' });
        expect(rivalWrites).toBe(7);
        const events = await t.store.readStream('client-acme');
        expect(events).toHaveLength(before + 5);
        expect(events.some((event) => (event.data as { interactionId?: string }).interactionId === 'INT-3')).toBe(false);
      } finally {
        spy.mockRestore();
      }
    });
  });
}
