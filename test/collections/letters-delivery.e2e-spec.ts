import { simpleParser } from 'mailparser';
import { creditorReference, isValidCreditorReference, type LetterContent } from '@settle/domain';
import { clientBody, type TestApp } from '../support/test-app';
import { startCollectionsApp } from './support/collections-app';
import { CollectionsDriver } from './support/collections-driver';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const NBSP = '\u00a0';

/**
 * Letters end to end (SPEC 9): the cycle records a step with its letter's figures, the dispatcher renders
 * the letter in the client's language at delivery and sends it by a real SMTP server (HTML with a plain
 * text alternative) and a real webhook receiver (the rendered letter and the figures); the preview route.
 */
describe('letters delivered', () => {
  let smtp: SmtpSink;
  let webhook: WebhookReceiver;
  let app: TestApp;
  let drive: CollectionsDriver;
  const agreement = {
    ...clientBody('dutch').agreement,
    language: 'nl',
    paymentInstructions: { beneficiary: 'Onze Firma B.V.', iban: 'nl91 abna 0417 1643 00', bic: 'ABNANL2A', reference: 'rf_per_client' },
  };

  beforeAll(async () => {
    [smtp, webhook] = await Promise.all([startSmtpSink(), startWebhookReceiver()]);
    app = await startCollectionsApp({
      now: '2026-02-01T09:00:00Z',
      env: { SMTP_URL: smtp.url, WEBHOOK_URL: webhook.url, WEBHOOK_SECRET: 'letters-test-secret' },
    });
    drive = new CollectionsDriver(app);
    drive.at('2026-02-01');
    await drive.register('dutch', { agreement });
    await drive.invoice('dutch', 'INV-1', '1234.56', { issuedOn: '2026-01-15', dueOn: '2026-02-13' });
    await drive.invoice('dutch', 'INV-2', '500.00', { issuedOn: '2026-01-28', dueOn: '2026-02-27' });
    await drive.register('paid-up');
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([smtp.close(), webhook.close()]);
  });

  it('sends one letter for every overdue invoice: multipart email in the agreed language and a webhook with the same figures; a retry sends the same letter', async () => {
    // The first webhook try fails: the retry must carry the very same letter.
    webhook.answer = ({ index }) => (index === 0 ? 503 : 204);
    // 17 days past due: the call (late fee and interest charged) and the first reminder in one run.
    drive.at('2026-03-02', '10:00');
    await drive.run();
    const [scheduled] = await drive.events('dutch', 'ReminderScheduled');
    const figures = scheduled.data.letter as LetterContent;
    expect(figures).toMatchObject({ level: 'reminder', language: 'nl', date: '2026-03-02', currency: 'EUR' });
    expect(figures.lines.map((line) => [line.invoiceId, line.issuedOn, line.dueOn, line.principal])).toEqual([
      ['INV-1', '2026-01-15', '2026-02-13', '123456'],
      ['INV-2', '2026-01-28', '2026-02-27', '50000'],
    ]);
    // The late fee charged in this very run is on the letter.
    expect(figures.lines[0].lateFees).toBe('4000');
    const total = figures.lines.reduce((sum, line) => sum + BigInt(line.principal) + BigInt(line.lateFees) + BigInt(line.interest), 0n);
    expect(figures.totals.total).toBe(total.toString());
    expect(figures.payment).toEqual({
      beneficiary: 'Onze Firma B.V.',
      iban: 'NL91ABNA0417164300',
      bic: 'ABNANL2A',
      scheme: 'rf_per_client',
      reference: creditorReference('dutch'),
    });
    expect(isValidCreditorReference(figures.payment!.reference)).toBe(true);
    expect(figures.contact).toEqual({ name: 'Max Manager', email: 'max@settle.example' });
    expect(figures.nextStep?.level).toBe('firm_reminder');

    const deadline = Date.now() + 15_000;
    while ((smtp.received.length < 1 || webhook.received.length < 2) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));

    expect(smtp.received).toHaveLength(1);
    const email = await simpleParser(smtp.received[0].raw);
    expect(smtp.received[0].raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(email.headers.get('content-language')).toBe('nl');
    expect(email.subject).toBe('Betalingsherinnering factuur INV-1, INV-2');
    const totalNl = `€${NBSP}${(total / 100n).toLocaleString('nl-NL')},${(total % 100n).toString().padStart(2, '0')}`;
    for (const part of [email.text!, email.html as string]) {
      expect(part).toContain('Beste Ada Client,');
      expect(part).toContain('INV-1');
      expect(part).toContain('INV-2');
      expect(part).toContain(`€${NBSP}1.234,56`);
      expect(part).toContain(totalNl);
      expect(part).toContain(figures.payment!.reference);
      expect(part).toContain('NL91 ABNA 0417 1643 00');
      expect(part).toContain('Max Manager');
    }
    expect(email.text).toContain(`Totaal te betalen: ${totalNl}`);

    expect(webhook.received.map((hook) => hook.status)).toEqual([503, 204]);
    const [failed, delivered] = webhook.received.map((hook) => JSON.parse(hook.body));
    expect(delivered.letter).toEqual(figures);
    expect(delivered.rendered).toEqual({ language: 'nl', subject: email.subject, html: expect.any(String), text: expect.any(String) });
    expect(delivered.rendered.text).toContain(`Totaal te betalen: ${totalNl}`);
    expect(failed.rendered).toEqual(delivered.rendered);
  });

  describe('GET /v1/clients/{id}/collections/letter-preview', () => {
    it('renders the letter a step would send now, in the agreed language or the one asked for, with its figures', async () => {
      drive.at('2026-03-03', '10:00');
      const next = await app.as('auditor').get('/v1/clients/dutch/collections/letter-preview').expect(200);
      expect(next.body).toMatchObject({ level: 'firm_reminder', language: 'nl', figures: { level: 'firm_reminder', language: 'nl' } });
      expect(next.body.subject).toBe('Tweede herinnering: openstaande facturen INV-1, INV-2');
      expect(next.body.text).toContain('Ondanks onze herinnering van 2 maart 2026');

      const german = await app
        .as('collector')
        .get('/v1/clients/dutch/collections/letter-preview?level=final_notice&language=de')
        .expect(200);
      expect(german.body.subject).toMatch(/^Letzte Mahnung zu Rechnung INV-1, INV-2: Zahlung bis /);
      expect(german.body.html).toContain('<html lang="de">');
      expect(german.body.figures.paymentDeadline).toBe('2026-03-17');
    });

    it.each([
      ['level=call', 'invalid_level', 'level'],
      ['level=', 'invalid_level', 'level'],
      ['language=fr', 'invalid_language', 'language'],
    ])('refuses ?%s with 400 %s', async (query, code, field) => {
      const response = await app.as('clerk').get(`/v1/clients/dutch/collections/letter-preview?${query}`).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ code, errors: [{ field }] });
    });

    it('answers 404 for an unknown client and 422 when nothing is overdue', async () => {
      expect((await app.as('clerk').get('/v1/clients/nobody/collections/letter-preview').expect(404)).body.code).toBe('client_not_found');
      expect((await app.as('clerk').get('/v1/clients/paid-up/collections/letter-preview').expect(422)).body.code).toBe('nothing_overdue');
      await app.http.get('/v1/clients/dutch/collections/letter-preview').expect(401);
    });
  });
});
