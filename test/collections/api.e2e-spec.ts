import { type TestApp } from '../support/test-app';
import { startCollectionsApp } from './support/collections-app';
import { CollectionsDriver, withoutBookingLag } from './support/collections-driver';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

/** The collections routes (SPEC 7) and the process running inside the API in embedded mode. */
describe('collections API', () => {
  let smtp: SmtpSink;
  let webhook: WebhookReceiver;
  let app: TestApp;
  let drive: CollectionsDriver;
  beforeAll(async () => {
    [smtp, webhook] = await Promise.all([startSmtpSink(), startWebhookReceiver()]);
    app = await startCollectionsApp({
      now: '2026-02-01T09:00:00Z',
      env: { SMTP_URL: smtp.url, WEBHOOK_URL: webhook.url, WEBHOOK_SECRET: 'api-test-secret' },
    });
    drive = new CollectionsDriver(app);
    drive.at('2026-02-01');
    // Client-facing steps at least 5 days apart (agreed; 7 by default): the firm reminder falls on Saturday 7 March.
    // No booking lag agreed: the reminder follows the ladder's 1 business day.
    await drive.register('acme', withoutBookingLag('acme', { minimumStepSpacingDays: 5 }));
    // Due Friday 27 Feb: the first reminder is due on Monday 2 Mar.
    await drive.invoice('acme', 'INV-1', '1000.00', { issuedOn: '2026-02-01', dueOn: '2026-02-27' });
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([smtp.close(), webhook.close()]);
  });

  describe('POST /v1/admin/collections/run', () => {
    it('is for admins only', async () => {
      await app.as('collector').post('/v1/admin/collections/run').send({}).expect(403);
      await app.as('clerk').post('/v1/admin/collections/run').send({}).expect(403);
      await app.http.post('/v1/admin/collections/run').send({}).expect(401);
    });

    it('refuses an asOf that is not an instant, a dryRun that is not a boolean, and unknown fields, as problem+json', async () => {
      const response = await app
        .as('admin')
        .post('/v1/admin/collections/run')
        .send({ asOf: '2026-03-02', dryRun: 'yes', dry: true })
        .expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['asOf', 'dry', 'dryRun']);
    });

    it("answers the cycle's summary, deciding for asOf", async () => {
      drive.at('2026-03-02', '12:00');
      const summary = await drive.run('2026-03-02T10:00:00+01:00');
      expect(summary).toMatchObject({
        asOf: '2026-03-02T09:00:00.000Z',
        clientsExamined: 1,
        clientsActedOn: 1,
        commandsDecided: { EscalateCollections: 1, ScheduleReminder: 1 },
        eventsAppended: 2,
        failures: [],
      });
      expect(summary.durationMs).toEqual(expect.any(Number));
    });
  });

  describe('GET /v1/clients/{id}/collections', () => {
    it('shows the case: level, steps, the next step and when, reminders, charges', async () => {
      drive.at('2026-03-03');
      expect(await drive.case('acme')).toMatchObject({
        clientId: 'acme',
        currency: 'EUR',
        level: 'reminder',
        status: 'open',
        steps: [{ level: 'reminder', trigger: 'overdue', invoiceId: 'INV-1', decidedAt: '2026-03-02T09:00:00.000Z' }],
        // 7 days after Friday 27 Feb is Friday 6 Mar, but 5 days after the reminder is Saturday 7 Mar:
        // sent at the next opening of business hours, Monday 9 Mar 09:00 Amsterdam.
        nextStep: { level: 'firm_reminder', invoiceId: 'INV-1', on: '2026-03-07', at: '2026-03-09T08:00:00.000Z' },
        reminders: [{ reminderId: 'reminder:acme:reminder:INV-1:2026-03-02', level: 'reminder', sendAt: '2026-03-02T09:00:00.000Z' }],
        charges: { lateFees: '0.00', interest: '0.00', total: '0.00', invoices: [] },
        creditHold: null,
        pause: null,
        promises: [],
        disputedInvoices: [],
      });
    });

    it('is 404 for an unknown client and 400 for a malformed id', async () => {
      const missing = await app.as('auditor').get('/v1/clients/nobody/collections').expect(404);
      expect(missing.body).toMatchObject({ status: 404, code: 'client_not_found' });
      await app.as('auditor').get('/v1/clients/bad%20id/collections').expect(400);
    });
  });

  describe('GET /v1/collections/worklist', () => {
    it('is readable by every role and validates its limit', async () => {
      for (const role of ['collector', 'clerk', 'auditor', 'admin'] as const)
        await app.as(role).get('/v1/collections/worklist').expect(200);
      await app.as('collector').get('/v1/collections/worklist?limit=0').expect(400);
      await app.as('collector').get('/v1/collections/worklist?limit=many').expect(400);
    });
  });

  describe('delivery inside the API process', () => {
    it('delivers a due reminder by itself, by email and webhook, and records it', async () => {
      // The reminder decided above is due since 2 Mar 10:00 local; the clock says 3 Mar. No drain: the dispatcher runs on its own.
      drive.at('2026-03-03');
      const deadline = Date.now() + 10_000;
      while ((smtp.received.length < 1 || webhook.received.length < 1) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].to).toEqual(['ada@client.example']);
      expect(smtp.received[0].header('Subject')).toBe('Payment reminder: INV-1');
      expect(webhook.received).toHaveLength(1);
      while ((await drive.events('acme', 'ReminderDelivered')).length < 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await drive.events('acme', 'ReminderDelivered')).map((event) => event.data.transport).sort()).toEqual(['email', 'webhook']);
    });

    it('holds a reminder decided on a Saturday until Monday 09:00 local', async () => {
      drive.at('2026-03-07', '11:00'); // Saturday: 8 days past due, the firm reminder
      await drive.run();
      await drive.deliver();
      expect(smtp.received).toHaveLength(1);
      drive.at('2026-03-09', '08:59');
      await drive.deliver();
      expect(smtp.received).toHaveLength(1);
      drive.at('2026-03-09', '09:00');
      await drive.deliver();
      expect(smtp.received).toHaveLength(2);
      expect(smtp.received[1].header('Subject')).toBe('Second reminder: overdue invoice INV-1');
    });

    it('withdraws a reminder whose invoices were settled before its send time, and sends it nowhere', async () => {
      drive.at('2026-03-06');
      await drive.register('weekend', withoutBookingLag('weekend'));
      await drive.invoice('weekend', 'INV-1', '500.00', { issuedOn: '2026-02-01', dueOn: '2026-03-06' });
      drive.at('2026-03-09', '07:00'); // Monday before opening: the reminder is decided for 09:00
      await drive.run();
      const [scheduled] = await drive.events('weekend', 'ReminderScheduled');
      expect(scheduled.data).toMatchObject({ invoiceIds: ['INV-1'], sendAt: '2026-03-09T08:00:00.000Z' });
      await drive.pay('weekend', 'PAY-1', '500.00'); // paid at 07:30, before the reminder goes out
      const [emails, hooks] = [smtp.received.length, webhook.received.length];
      drive.at('2026-03-09', '09:00');
      await drive.deliver();
      await drive.deliver();
      expect([smtp.received.length, webhook.received.length]).toEqual([emails, hooks]);
      const withdrawn = await drive.events('weekend', 'ReminderWithdrawn', 'ReminderDelivered', 'ReminderDeliveryFailed');
      expect(withdrawn.map((event) => [event.type, event.data.reminderId, event.data.reason])).toEqual([
        ['ReminderWithdrawn', scheduled.data.reminderId, 'nothing_left_open'],
      ]);
      expect((await drive.case('weekend')).reminders).toEqual([
        expect.objectContaining({ reminderId: scheduled.data.reminderId, status: 'withdrawn' }),
      ]);
    });
  });
});
