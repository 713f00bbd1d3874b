import { type INestApplicationContext } from '@nestjs/common';
import { type ManualClock } from '@settle/command-pipeline';
import { CollectionsProcess, type CycleSummary } from '@settle/collections';
import { CLOCK } from '@settle/runtime';
import { createWorker } from '../../apps/worker/src/bootstrap';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { startTestApp, TEST_KEYS, type TestApp } from '../support/test-app';
import { CollectionsDriver, withoutBookingLag } from './support/collections-driver';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';

const API_KEYS = Object.entries(TEST_KEYS)
  .map(([role, secret]) => `${role}-key:${role}:${secret}`)
  .join(',');

async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SPEC 1 postgres mode: the workers run the collections process, one at a time (advisory lock); the API only serves. */
describe('postgres mode: the collections process runs in one worker at a time', () => {
  let database: TestDatabase;
  let smtp: SmtpSink;
  let api: TestApp;
  let drive: CollectionsDriver;
  const workers: INestApplicationContext[] = [];
  const startWorker = async () => {
    const worker = await createWorker({
      DATABASE_URL: database.url,
      API_KEYS,
      SMTP_URL: smtp.url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // The instant of the API's first cycle: the worker's own first cycle decides the same, so nothing twice.
      NOW: '2026-03-02T10:00:00Z',
    });
    workers.push(worker);
    return worker;
  };
  const leading = (worker: INestApplicationContext) => worker.get(CollectionsProcess).isLeading;

  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(), startSmtpSink()]);
    api = await startTestApp({ databaseUrl: database.url, now: '2026-02-01T09:00:00Z' });
    drive = new CollectionsDriver(api);
    drive.at('2026-02-01');
    await drive.register('acme', withoutBookingLag('acme'));
    await drive.invoice('acme', 'INV-1', '1000.00', { issuedOn: '2026-02-01', dueOn: '2026-02-27' });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await api?.close();
    await Promise.all([database?.drop(), smtp?.close()]);
  });

  it('the API does not run the process itself, but runs a cycle on request; concurrent cycles record each decision once', async () => {
    expect(api.app.get(CollectionsProcess).isLeading).toBe(false);
    const asOf = '2026-03-02T10:00:00Z';
    api.clock.set(asOf); // a run as of a later instant than the clock would be refused
    const summaries: CycleSummary[] = await Promise.all([drive.run(asOf), drive.run(asOf), drive.run(asOf)]);
    expect(summaries.reduce((total, summary) => total + summary.eventsAppended, 0)).toBe(2);
    expect((await drive.events('acme', 'CollectionsEscalated', 'ReminderScheduled')).map((event) => event.type)).toEqual([
      'CollectionsEscalated',
      'ReminderScheduled',
    ]);
  });

  it('one worker leads and delivers; a second stands by and takes over when the first stops, sending nothing twice', async () => {
    const first = await startWorker();
    const second = await startWorker();
    await eventually(() => leading(first) || leading(second));
    const [leader, standby] = leading(first) ? [first, second] : [second, first];
    await eventually(() => smtp.received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(leading(standby)).toBe(false);
    expect(smtp.received).toHaveLength(1);

    await leader.close();
    workers.splice(workers.indexOf(leader), 1);
    await eventually(() => leading(standby));
    standby.get<ManualClock>(CLOCK).set('2026-03-09T10:00:00Z');
    // A week after the reminder of Monday 2 Mar (the least spacing between client-facing steps): the firm reminder.
    api.clock.set('2026-03-09T10:00:00Z');
    await drive.run('2026-03-09T10:00:00Z');
    await eventually(async () => (await drive.events('acme', 'ReminderDelivered')).length === 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.map((email) => email.header('Subject'))).toEqual([
      'Payment reminder: INV-1',
      'Second reminder: overdue invoice INV-1',
    ]);
    expect(await drive.events('acme', 'ReminderDelivered')).toHaveLength(2);
  });
});
