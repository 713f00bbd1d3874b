import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { addDays, type IsoDate } from '@settle/domain';
import { type CycleSummary, REMINDER_DELIVERIES } from '@settle/collections';
import { preparedDataDir } from '../projections/support/pglite-database';
import { startTestApp, type TestApp } from '../support/test-app';
import { CollectionsDriver, withoutBookingLag } from './support/collections-driver';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

/**
 * SPEC 5: "fees and interest are charged exactly once per invoice and period, whatever the number of
 * runs, restarts or replays", and a reminder is delivered once. Three months day by day, the cycle run
 * three times each day, the process restarted on the same DATA_DIR, the views and the outbox's
 * delivery table rebuilt from zero, past instants replayed — then everything is counted: at the SMTP
 * server, at the webhook receiver, and in the stream.
 */
describe('exactly once: fees, interest and reminders across re-runs, restarts, rebuilds and replays', () => {
  let data: { dataDir: string; remove(): Promise<void> };
  let smtp: SmtpSink;
  let webhook: WebhookReceiver;
  let app: TestApp;
  let drive: CollectionsDriver;
  const repeatRuns: CycleSummary[] = [];

  const boot = async (now: string) => {
    app = await startTestApp({
      dataDir: data.dataDir,
      now,
      env: { SMTP_URL: smtp.url, WEBHOOK_URL: webhook.url, WEBHOOK_SECRET: 'exactly-once-secret', COLLECTIONS_SCHEDULE: 'off' },
    });
    drive = new CollectionsDriver(app);
  };
  const restart = async () => {
    await drive.deliver();
    const now = app.clock.now().toUTC().toISO()!;
    await app.close();
    await boot(now);
  };
  /** Each day: the day's business, then the cycle three times for the same instant, then delivery. */
  const days = async (from: IsoDate, through: IsoDate, business: (today: IsoDate) => Promise<void> = async () => undefined) => {
    for (let today = from; today <= through; today = addDays(today, 1)) {
      drive.at(today);
      await business(today);
      await drive.run();
      repeatRuns.push(await drive.run(), await drive.run());
      await drive.deliver();
    }
  };

  beforeAll(async () => {
    [data, smtp, webhook] = await Promise.all([preparedDataDir(), startSmtpSink(), startWebhookReceiver()]);
    await boot('2026-02-01T09:00:00Z');
    drive.at('2026-02-01');
    await drive.register('fees', withoutBookingLag('fees'));
    await drive.invoice('fees', 'INV-1', '10000.00', { issuedOn: '2026-02-01', dueOn: '2026-03-01' });
    drive.at('2026-02-14'); // an invoice is recorded no earlier than it is issued
    await drive.invoice('fees', 'INV-2', '2000.00', { issuedOn: '2026-02-14', dueOn: '2026-03-16' });

    await days('2026-03-01', '2026-04-09');
    await restart();
    await days('2026-04-10', '2026-04-19', async (today) => {
      if (today === '2026-04-16')
        await drive.pay('fees', 'PAY-1', '10000.00', { allocations: [{ invoiceId: 'INV-1', amount: '10000.00' }] });
    });

    // Rebuild the views and the outbox's delivery bookkeeping from zero (one rebuild command), then start again
    // with the delivery table emptied and its checkpoint gone behind the app's back (as a data dir without it).
    await app.as('admin').post('/v1/admin/projections/rebuild').send({}).expect(202);
    await drive.deliver();
    const now = app.clock.now().toUTC().toISO()!;
    await app.close();
    const db = await PGlite.create(join(data.dataDir, 'pglite'));
    await db.query(`truncate ${REMINDER_DELIVERIES}`);
    await db.query('delete from projection_checkpoints where name = $1', [REMINDER_DELIVERIES]);
    await db.close();
    await boot(now);
    await days('2026-04-20', '2026-05-31');
    await restart();
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([smtp.close(), webhook.close(), data.remove()]);
  });

  it('decides nothing when the cycle runs again for the same instant', () => {
    expect(repeatRuns.length).toBe(2 * 92);
    expect(repeatRuns.every((summary) => summary.clientsExamined === 1 && summary.clientsDecidedLater === 0)).toBe(true);
    expect(repeatRuns.filter((summary) => summary.eventsAppended > 0 || Object.keys(summary.commandsDecided).length > 0)).toEqual([]);
  });

  it('decides nothing when past instants are replayed', async () => {
    // The last decision was the proposed hand-over to the agency on 15 May at 10:00 local (08:00Z): instants before it are
    // left alone — deciding then on what is known now could only contradict the record — and one after it finds nothing new.
    for (const day of ['2026-03-02', '2026-03-16', '2026-04-01', '2026-04-15', '2026-05-15']) {
      expect(await drive.run(`${day}T07:00:00Z`)).toEqual(
        expect.objectContaining({ clientsExamined: 1, clientsDecidedLater: 1, eventsAppended: 0 }),
      );
    }
    expect(await drive.run('2026-05-15T09:00:00Z')).toEqual(
      expect.objectContaining({ clientsExamined: 1, clientsDecidedLater: 0, eventsAppended: 0, commandsDecided: {} }),
    );
  });

  it('charges one fee per late invoice', async () => {
    const fees = await drive.events('fees', 'LateFeeCharged');
    expect(fees.map((fee) => [fee.data.invoiceId, fee.data.amount, fee.data.chargedOn])).toEqual([
      ['INV-1', '4000', '2026-03-15'],
      ['INV-2', '4000', '2026-03-30'],
    ]);
  });

  it('charges each interest period once, hand-checked', async () => {
    const interest = await drive.events('fees', 'LateInterestCharged');
    expect(interest.map((charge) => [charge.data.invoiceId, charge.data.periodFrom, charge.data.periodTo, charge.data.amount])).toEqual([
      // INV-1, 10,000.00 at 10.50 % simple from 2 Mar; paid 16 Apr, so 45 days (2 Mar … 15 Apr):
      //   March (30 days): 10000 × 0.105 × 30/365 = 86.3013… → 86.30
      ['INV-1', '2026-03-02', '2026-03-31', '8630'],
      // INV-2, 2,000.00 from 17 Mar: 15 days: 2000 × 0.105 × 15/365 = 8.6301… → 8.63
      ['INV-2', '2026-03-17', '2026-03-31', '863'],
      //   all 45 days: 10000 × 0.105 × 45/365 = 129.4520… → 129.45, so April's 15 days are 129.45 − 86.30 = 43.15
      ['INV-1', '2026-04-01', '2026-04-15', '4315'],
      // INV-2 17 Mar … 30 Apr (45 days): 25.8904… → 25.89 − 8.63 = 17.26
      ['INV-2', '2026-04-01', '2026-04-30', '1726'],
    ]);
    expect(await drive.case('fees')).toMatchObject({ charges: { lateFees: '80.00', interest: '155.34', total: '235.34' } });
  });

  it('delivers one email and one webhook per reminder (counted at the SMTP server and the receiver)', async () => {
    const scheduled = await drive.events('fees', 'ReminderScheduled');
    const [ids] = [await app.store.readStream('client-fees')].map((events) =>
      events.filter((event) => event.type === 'ReminderScheduled').map((event) => event.id),
    );
    expect(scheduled.map((event) => [event.data.level, event.recordedOn])).toEqual([
      ['reminder', '2026-03-02'],
      ['firm_reminder', '2026-03-09'], // 7 days past due on 8 Mar; a week after the reminder on 9 Mar
      ['final_notice', '2026-04-15'],
    ]);
    expect(smtp.received.map((email) => email.header('X-Settle-Event-Id')).sort()).toEqual([...ids].sort());
    expect(webhook.received.map((hook) => hook.headers['x-settle-event-id']).sort()).toEqual([...ids].sort());
    const delivered = await drive.events('fees', 'ReminderDelivered');
    expect(delivered).toHaveLength(6);
    expect(await drive.case('fees')).toMatchObject({ reminders: scheduled.map(() => expect.objectContaining({ status: 'delivered' })) });
  });
});
