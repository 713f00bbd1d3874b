import { simpleParser } from 'mailparser';
import { clientBody, type TestApp } from '../support/test-app';
import { startCollectionsApp } from './support/collections-app';
import { CollectionsDriver } from './support/collections-driver';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';

const NBSP = '\u00a0';

/**
 * The letters the process sends besides the ladder's reminders (SPEC 9), end to end through the API and
 * a real SMTP server: a promise to pay recorded → its confirmation in the client's language with the
 * promised amount and day; a hand-over to an agency an admin approved → the notice. Both go through
 * the outbox as `ReminderScheduled` with their figures, rendered at delivery.
 */
describe('letters owed besides the ladder', () => {
  let smtp: SmtpSink;
  let app: TestApp;
  let drive: CollectionsDriver;
  const agreement = (clientId: string, language: string) => ({ ...clientBody(clientId).agreement, language });
  const emailsWithSubject = async (pattern: RegExp) =>
    (await Promise.all(smtp.received.map((received) => simpleParser(received.raw)))).filter((email) => pattern.test(email.subject ?? ''));

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startCollectionsApp({ now: '2026-01-05T09:00:00Z', env: { SMTP_URL: smtp.url } });
    drive = new CollectionsDriver(app);
    drive.at('2026-01-05');
    await drive.register('promiser', { agreement: agreement('promiser', 'de') });
    await drive.invoice('promiser', 'INV-P1', '1500.00', { issuedOn: '2026-01-05', dueOn: '2026-02-02' });
    await drive.register('handed-over', { agreement: agreement('handed-over', 'nl') });
    await drive.invoice('handed-over', 'INV-H1', '1000.00', { issuedOn: '2026-01-05', dueOn: '2026-02-02' });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('confirms a promise to pay by email in the client’s language, with the promised amount and day, once', async () => {
    drive.at('2026-02-09');
    await drive.interaction('promiser', {
      interactionId: 'PROMISE-1',
      kind: 'promise_to_pay',
      amount: '1000.00',
      currency: 'EUR',
      promisedOn: '2026-02-20',
    });
    await drive.run();
    await drive.deliver();
    await drive.run();
    await drive.deliver();

    const scheduled = (await drive.events('promiser', 'ReminderScheduled')).filter((event) => event.data.level === 'promise_confirmation');
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0].data.letter).toMatchObject({
      level: 'promise_confirmation',
      language: 'de',
      amount: '100000',
      promisedOn: '2026-02-20',
    });
    const [confirmation, ...more] = await emailsWithSubject(/^Bestätigung Ihrer Zahlungszusage$/);
    expect(more).toEqual([]);
    expect(confirmation.headers.get('content-language')).toBe('de');
    for (const part of [confirmation.text!, confirmation.html as string]) {
      expect(part).toContain(`1.000,00${NBSP}€`);
      expect(part).toContain('20. Februar 2026');
      expect(part).toContain('INV-P1');
    }
    expect((await drive.events('promiser', 'ReminderDelivered')).map((event) => event.data.reminderId)).toContain(
      scheduled[0].data.reminderId,
    );
  });

  it('sends the notice of a hand-over an admin approved, in the client’s language', async () => {
    // The reminder went out on 9 February (above); the firm reminder, the final notice (pay by 3 April), then the
    // hand-over proposed the day after the deadline.
    for (const day of ['2026-02-16', '2026-03-20', '2026-04-04']) {
      drive.at(day);
      await drive.run();
    }
    expect(await drive.events('handed-over', 'AgencyHandoverProposed')).toHaveLength(1);
    drive.at('2026-04-06');
    await app
      .as('admin')
      .post('/v1/clients/handed-over/collections/agency-handover')
      .send({ decisionId: 'AH-1', decision: 'approve', reason: 'no answer to the final notice' })
      .expect(201);
    await drive.run();
    await drive.deliver();

    const [notice] = (await drive.events('handed-over', 'ReminderScheduled')).filter((event) => event.data.level === 'agency');
    expect(notice.data.letter).toMatchObject({ level: 'agency', language: 'nl' });
    const [email, ...more] = await emailsWithSubject(/^Vordering uit handen gegeven aan incassobureau: factuur INV-H1$/);
    expect(more).toEqual([]);
    expect(email.headers.get('content-language')).toBe('nl');
    expect(email.text).toContain('INV-H1');
    expect(email.text).toContain(`€${NBSP}1.000,00`);
  });
});
