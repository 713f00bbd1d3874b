import { createHmac } from 'node:crypto';
import { DateTime } from 'luxon';
import { type CommandContext, ManualClock, StreamCommandExecutor } from '@settle/command-pipeline';
import {
  type CollectionsSubject,
  collectionsSubjectFold,
  DeliveryTable,
  type DispatcherOptions,
  EmailTransport,
  migrateCollectionsOutbox,
  REMINDER_DELIVERIES,
  ReminderDeliveriesProjection,
  ReminderDispatcher,
  WebhookTransport,
} from '@settle/collections';
import { type ReminderScheduled } from '@settle/domain';
import { inProcessLock, ProjectionHost } from '@settle/projections';
import { openPgliteDatabase, type PgliteDatabase } from '../projections/support/pglite-database';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'webhook-secret-for-tests';
const context: CommandContext = { actor: 'collections', role: 'system', source: 'collections', correlationId: 'test' };

const reminder = (reminderId: string, sendAt: string, channel = 'email'): ReminderScheduled['data'] => ({
  clientId: 'acme',
  reminderId,
  level: 'reminder',
  channel,
  to: { name: 'Ada Client', email: 'ada@client.example' },
  invoiceIds: ['INV-1'],
  sendAt,
  message: `Dear Ada Client, ${reminderId} is past due.`,
});

/**
 * The dispatcher on its own with its bookkeeping projection (run by a projection host, as in the apps):
 * a real PGlite store, a real SMTP server, a real HTTP receiver.
 */
describe('ReminderDispatcher (outbox delivery)', () => {
  let database: PgliteDatabase;
  let smtp: SmtpSink;
  let webhook: WebhookReceiver;
  let clock: ManualClock;
  let executor: StreamCommandExecutor<CollectionsSubject>;
  let dispatcher: ReminderDispatcher;
  let host: ProjectionHost;

  const startDispatcher = async (options: DispatcherOptions = {}) => {
    host.startRunners();
    dispatcher = new ReminderDispatcher(
      database.store,
      new DeliveryTable(database.sql),
      executor,
      [new WebhookTransport({ url: webhook.url, secret: SECRET }), new EmailTransport({ smtpUrl: smtp.url })],
      clock,
      { backoff: { initialMs: 30, maxMs: 200 }, maxAttempts: 3, pollIntervalMs: 20, ...options },
    );
    dispatcher.start();
  };
  const stopDispatcher = async () => {
    await dispatcher.stop();
    await host.stopRunners();
  };
  const schedule = (...reminders: ReminderScheduled['data'][]) =>
    executor.executeBatch(
      {
        streamId: 'client-acme',
        decide: () =>
          reminders.map((data) => ({
            commandId: `schedule:${data.reminderId}`,
            content: data,
            events: [{ type: 'ReminderScheduled', data }],
          })),
      },
      context,
    );
  const outcomes = async () =>
    (await database.store.readStream('client-acme'))
      .filter((event) => event.type !== 'ReminderScheduled')
      .map((event) => ({ type: event.type, ...(event.data as { transport: string; reminderId: string }) }));
  const waitFor = async (condition: () => Promise<boolean> | boolean, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeEach(async () => {
    [database, smtp, webhook] = await Promise.all([openPgliteDatabase(), startSmtpSink(), startWebhookReceiver()]);
    await migrateCollectionsOutbox(database.sql);
    host = new ProjectionHost({
      store: database.store,
      sql: database.sql,
      projections: [new ReminderDeliveriesProjection(['webhook', 'email'])],
      lock: inProcessLock(),
      runner: { checkIntervalMs: 50 },
    });
    await host.migrate();
    clock = new ManualClock(DateTime.fromISO('2026-03-07T08:00:00Z', { zone: 'utc' }));
    executor = new StreamCommandExecutor(database.store, collectionsSubjectFold, clock);
  });
  afterEach(async () => {
    await dispatcher?.stop();
    await host?.stopRunners();
    await Promise.all([database.close(), smtp.close(), webhook.close()]);
  });

  it('delivers a reminder once its sendAt has come, by signed webhook and by email, and records each delivery', async () => {
    await startDispatcher();
    await schedule(reminder('R-1', '2026-03-09T08:00:00.000Z'));
    await dispatcher.drain();
    expect(webhook.received).toHaveLength(0);
    expect(smtp.received).toHaveLength(0);

    clock.set('2026-03-09T08:00:00Z');
    await dispatcher.drain();
    const [scheduled] = await database.store.readStream('client-acme');
    expect(webhook.received).toHaveLength(1);
    const [hook] = webhook.received;
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['x-settle-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(hook.body).digest('hex')}`);
    expect(hook.headers['x-settle-event-id']).toBe(scheduled.id);
    expect(JSON.parse(hook.body)).toMatchObject({
      type: 'ReminderScheduled',
      eventId: scheduled.id,
      reminderId: 'R-1',
      to: { email: 'ada@client.example' },
    });

    expect(smtp.received).toHaveLength(1);
    const [email] = smtp.received;
    expect(email.to).toEqual(['ada@client.example']);
    expect(email.header('Message-ID')).toBe(`<${scheduled.id}@settle>`);
    expect(email.header('X-Settle-Event-Id')).toBe(scheduled.id);
    expect(email.raw).toContain('R-1 is past due');

    expect(await outcomes()).toEqual([
      expect.objectContaining({
        type: 'ReminderDelivered',
        reminderId: 'R-1',
        transport: expect.any(String),
        attempts: 1,
        deliveredAt: '2026-03-09T08:00:00.000Z',
      }),
      expect.objectContaining({ type: 'ReminderDelivered', reminderId: 'R-1', transport: expect.any(String), attempts: 1 }),
    ]);
    expect((await outcomes()).map((outcome) => outcome.transport).sort()).toEqual(['email', 'webhook']);
    expect(await new DeliveryTable(database.sql).countByStatus()).toEqual({ pending: 0, delivered: 2, failed: 0, withdrawn: 0 });
  });

  it('emails only a contact whose agreed channel is email; the webhook gets every reminder', async () => {
    await startDispatcher();
    clock.set('2026-03-09T08:00:00Z');
    await schedule(reminder('R-phone', '2026-03-09T08:00:00.000Z', 'phone'));
    await dispatcher.drain();
    expect(webhook.received).toHaveLength(1);
    expect(smtp.received).toHaveLength(0);
  });

  it('retries a failed delivery with exponential back-off, with the same dedupe key, until it is taken', async () => {
    webhook.answer = ({ index }) => (index < 2 ? 503 : 204);
    await startDispatcher();
    clock.set('2026-03-09T08:00:00Z');
    await schedule(reminder('R-1', '2026-03-09T08:00:00.000Z', 'phone'));
    await waitFor(async () => (await outcomes()).length > 0);
    expect(webhook.received.map((hook) => hook.status)).toEqual([503, 503, 204]);
    expect(new Set(webhook.received.map((hook) => hook.headers['x-settle-event-id'])).size).toBe(1);
    expect(webhook.received.map((hook) => hook.headers['x-settle-delivery-attempt'])).toEqual(['1', '2', '3']);
    // Back-off of 30 ms after the first failure, 60 ms after the second.
    const [first, second, third] = webhook.received.map((hook) => hook.receivedAt);
    expect(second - first).toBeGreaterThanOrEqual(30);
    expect(third - second).toBeGreaterThanOrEqual(60);
    expect(await outcomes()).toEqual([expect.objectContaining({ type: 'ReminderDelivered', transport: 'webhook', attempts: 3 })]);
  });

  it('records ReminderDeliveryFailed after the last attempt, and tries no more', async () => {
    webhook.answer = () => 500;
    await startDispatcher();
    clock.set('2026-03-09T08:00:00Z');
    await schedule(reminder('R-1', '2026-03-09T08:00:00.000Z', 'phone'));
    await waitFor(async () => (await outcomes()).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(webhook.received).toHaveLength(3);
    expect(await outcomes()).toEqual([
      expect.objectContaining({
        type: 'ReminderDeliveryFailed',
        transport: 'webhook',
        attempts: 3,
        error: 'webhook answered 500 Internal Server Error',
      }),
    ]);
  });

  it('never sends a reminder whose outcome is in the stream, even while its row still says pending', async () => {
    await startDispatcher();
    clock.set('2026-03-09T08:00:00Z');
    await schedule(reminder('R-1', '2026-03-09T08:00:00.000Z', 'phone'));
    await dispatcher.drain();
    expect(webhook.received).toHaveLength(1);
    // As after a crash between recording the outcome and the projection reading it, or a rebuild that has not
    // read the outcome again yet: the row says pending, the checkpoint is at the ReminderScheduled.
    await host.stopRunners();
    const [scheduled] = await database.store.readStream('client-acme');
    await database.sql.query(`update ${REMINDER_DELIVERIES} set status = 'pending', attempts = 0, finished_at = null`);
    await database.sql.query(`update projection_checkpoints set position = $2 where name = $1`, [REMINDER_DELIVERIES, scheduled.position]);
    await dispatcher.deliverDue();
    expect(webhook.received).toHaveLength(1);
    host.startRunners();
    await dispatcher.drain();
    expect(await new DeliveryTable(database.sql).countByStatus()).toEqual({ pending: 0, delivered: 1, failed: 0, withdrawn: 0 });
    expect(await outcomes()).toHaveLength(1);
  });

  it('sends nothing again after a restart, a replay of the log from zero, or a rebuilt delivery table', async () => {
    await startDispatcher();
    clock.set('2026-03-09T08:00:00Z');
    await schedule(reminder('R-1', '2026-03-09T08:00:00.000Z'), reminder('R-2', '2026-03-09T08:00:00.000Z'));
    await dispatcher.drain();
    expect([webhook.received.length, smtp.received.length]).toEqual([2, 2]);

    await stopDispatcher();
    await startDispatcher(); // restart from the stored checkpoint
    await dispatcher.drain();
    await stopDispatcher();
    await host.rebuild(); // rebuilt from zero
    await startDispatcher();
    await dispatcher.drain();
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect([webhook.received.length, smtp.received.length]).toEqual([2, 2]);
    expect(await outcomes()).toHaveLength(4);
    expect(await new DeliveryTable(database.sql).countByStatus()).toEqual({ pending: 0, delivered: 4, failed: 0, withdrawn: 0 });
    // The bookkeeping is the log's: another rebuild beside it finds the very same rows.
    expect(await host.verify()).toMatchObject({ checked: 4, differences: [] });
  });
});
