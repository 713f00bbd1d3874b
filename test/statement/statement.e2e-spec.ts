import { PDFParse } from 'pdf-parse';
import { clientBody, type TestApp } from '../support/test-app';
import { startCollectionsApp } from '../collections/support/collections-app';
import { CollectionsDriver } from '../collections/support/collections-driver';

/**
 * Issue 13 (statement of account, statutory presets), by the API. A Dutch client under `nl_b2b` owes
 * 10,000.00 due Sunday 15 June 2025. The run of Monday 4 August charges EUR 40 (the call rung) and the
 * interest of the finished periods, cut at the half year: 16–30 June at 11.15 % (ECB 3.15 % on 1 January
 * + 8) = 45.82, and July at 10.15 % (ECB 2.15 % on 1 July + 8): running total 132.03, so 86.21.
 * Then 5,000.00 is paid. The statement, in Dutch, closes where the account view's balance stands.
 */
describe('statement of account (HTML, PDF, CSV) and statutory presets', () => {
  let app: TestApp;
  let drive: CollectionsDriver;
  const account = async (clientId: string, asOf?: string) =>
    (
      await app
        .as('auditor')
        .get(`/v1/clients/${clientId}${asOf ? `?asOf=${asOf}` : ''}`)
        .expect(200)
    ).body;
  const statement = (clientId: string, query = '') => app.as('auditor').get(`/v1/clients/${clientId}/statement${query}`);
  /** The statement as a PDF, its text extracted by pdf-parse (PDF.js). */
  const pdfText = async (clientId: string): Promise<string> => {
    const response = await statement(clientId, '?format=pdf')
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const parser = new PDFParse({ data: response.body as Buffer });
    try {
      return (await parser.getText()).text;
    } finally {
      await parser.destroy();
    }
  };
  /** "5.172,03" (nl) → "5172.03" */
  const fromDutch = (amount: string) => amount.replace(/\./g, '').replace(',', '.');

  beforeAll(async () => {
    app = await startCollectionsApp({ now: '2025-06-02T08:00:00Z' });
    drive = new CollectionsDriver(app);
    drive.at('2025-06-02');
    const body = clientBody('nl-client');
    await app
      .as('clerk')
      .post('/v1/clients')
      .send({ ...body, agreement: { ...body.agreement, language: 'nl', lateFeePolicy: { preset: 'nl_b2b' } } })
      .expect(201);
    await drive.invoice('nl-client', 'INV-1', '10000.00', { issuedOn: '2025-05-16', dueOn: '2025-06-15' });
    drive.at('2025-08-04');
    await drive.run();
    drive.at('2025-08-05');
    await drive.pay('nl-client', 'PAY-1', '5000.00');
  });
  afterAll(() => app?.close());

  it('nl_b2b charges EUR 40 and interest per half-year rate, to the cent', async () => {
    const charged = await drive.events('nl-client', 'LateFeeCharged', 'LateInterestCharged');
    expect(charged.map((event) => [event.type, event.data.periodFrom, event.data.annualInterestRate, event.data.amount])).toEqual([
      ['LateFeeCharged', undefined, undefined, '4000'],
      ['LateInterestCharged', '2025-06-16', '11.15', '4582'],
      ['LateInterestCharged', '2025-07-01', '10.15', '8621'],
    ]);
    expect(await account('nl-client')).toMatchObject({
      balance: '5172.03',
      agreement: { lateFeePolicy: { preset: 'nl_b2b', compounding: 'annual', graceDays: 0 } },
    });
  });

  it('JSON: every entry in date order with a running balance; closing = the account view’s balance, now and as of earlier', async () => {
    const { body } = await statement('nl-client').expect(200);
    expect(body).toMatchObject({ clientId: 'nl-client', currency: 'EUR', language: 'nl', from: '2025-05-16', to: '2025-08-05' });
    expect(
      body.entries.map((entry: { kind: string; debit: string; credit: string; balance: string }) => [
        entry.kind,
        entry.debit,
        entry.credit,
        entry.balance,
      ]),
    ).toEqual([
      ['invoice', '10000.00', '0.00', '10000.00'],
      ['late_fee', '40.00', '0.00', '10040.00'],
      ['interest', '45.82', '0.00', '10085.82'],
      ['interest', '86.21', '0.00', '10172.03'],
      ['payment', '0.00', '5000.00', '5172.03'],
    ]);
    expect(body.entries[2].description).toBe('Rente wegens late betaling op factuur INV-1, 16-06-2025 – 30-06-2025, 11,15% per jaar');
    expect(body.closingBalance).toBe((await account('nl-client')).balance);
    expect(body.aging).toMatchObject({ principal: { d31_60: '5000.00' }, feesAndInterest: '172.03', unappliedCredit: '0.00' });

    const before = '2025-08-04T12:00:00Z';
    const earlier = (await statement('nl-client', `?asOf=${before}`).expect(200)).body;
    expect(earlier.closingBalance).toBe('10172.03');
    expect(earlier.closingBalance).toBe((await account('nl-client', before)).balance);

    const period = (await statement('nl-client', '?from=2025-07-01&to=2025-08-04').expect(200)).body;
    expect([period.openingBalance, period.entries.length, period.closingBalance]).toEqual(['10000.00', 3, '10172.03']);
  });

  it('PDF, parsed back: Dutch labels, and its closing balance is the account view’s', async () => {
    const text = await pdfText('nl-client');
    expect(text).toContain('Rekeningoverzicht');
    expect(text).toContain('Vergoeding incassokosten, factuur INV-1');
    const closing = /Eindsaldo\s+([\d.]+,\d{2})/.exec(text);
    expect(closing).not.toBeNull();
    expect(fromDutch(closing![1])).toBe((await account('nl-client')).balance);
  });

  it('HTML under its own strict CSP, values escaped; CSV per RFC 4180 with decimal strings', async () => {
    const html = await statement('nl-client', '?format=html').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(html.text).toContain('<html lang="nl">');
    expect(html.text).toContain('<td>Eindsaldo</td><td></td><td></td><td class="amount">5.172,03</td>');

    const csv = await statement('nl-client', '?format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('date,kind,reference,invoice_id,description,debit,credit,balance,currency');
    expect(lines[1]).toBe('2025-05-16,opening_balance,,,,,,0.00,EUR');
    expect(lines).toContain('2025-08-05,payment,PAY-1,,Betaling PAY-1,0.00,5000.00,5172.03,EUR');
    expect(lines.at(-2)).toBe('2025-08-05,closing_balance,,,,,,5172.03,EUR');
  });

  it('refuses bad parameters with 4xx problem+json and answers 404 for an unknown client', async () => {
    for (const query of ['?format=docx', '?from=2025-02-30', '?from=2025-08-01&to=2025-07-01', '?asOf=yesterday', '?colour=red']) {
      const response = await statement('nl-client', query).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await statement('nl-client', '?asOf=2030-01-01T00:00:00Z').expect(422)).body).toMatchObject({ code: 'as_of_in_future' });
    expect((await statement('nobody').expect(404)).body).toMatchObject({ code: 'client_not_found' });
    const body = clientBody('conflicting');
    const refused = await app
      .as('clerk')
      .post('/v1/clients')
      .send({ ...body, agreement: { ...body.agreement, lateFeePolicy: { preset: 'de_b2b', fixedFee: '10.00' } } })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'preset_conflict' });
  });

  it('uk_b2b in Russian: GBP 70 for a debt under 10,000, the Bank Rate of 30 June + 8, a PDF in Cyrillic', async () => {
    drive.at('2025-08-05');
    const body = clientBody('uk-client');
    await app
      .as('clerk')
      .post('/v1/clients')
      .send({ ...body, currency: 'GBP', agreement: { ...body.agreement, language: 'ru', lateFeePolicy: { preset: 'uk_b2b' } } })
      .expect(201);
    await app
      .as('clerk')
      .post('/v1/clients/uk-client/invoices')
      .send({ invoiceId: 'UK-1', amount: '5000.00', currency: 'GBP', issuedOn: '2025-05-16', dueOn: '2025-06-15' })
      .expect(201);
    drive.at('2025-08-06');
    await drive.run();
    const charged = await drive.events('uk-client', 'LateFeeCharged', 'LateInterestCharged');
    // 16–30 Jun at 12.75 % (4.75 % on 31 Dec + 8): 26.20; July at 12.25 % (4.25 % on 30 Jun + 8): running 78.22, so 52.02.
    expect(charged.map((event) => [event.data.annualInterestRate, event.data.amount])).toEqual([
      [undefined, '7000'],
      ['12.75', '2620'],
      ['12.25', '5202'],
    ]);
    const text = await pdfText('uk-client');
    expect(text).toContain('Выписка по счёту клиента');
    expect(text).toContain('Компенсация за просрочку, счёт UK-1');
    expect((await account('uk-client')).balance).toBe('5148.22');
  });

  it('past the reference-rate tables: no interest for the unknown half year, a warning in /health', async () => {
    expect((await app.http.get('/health').expect(200)).body.info.referenceRates).toMatchObject({
      status: 'up',
      presets: { nl_b2b: { knownFrom: '2023-01-01', knownThrough: '2025-12-31' } },
    });
    expect((await app.http.get('/health').expect(200)).body.info.referenceRates.warning).toBeUndefined();

    drive.at('2026-02-02');
    await drive.run();
    const periods = (await drive.events('nl-client', 'LateInterestCharged')).map((event) => [event.data.periodFrom, event.data.periodTo]);
    expect(periods.at(-1)).toEqual(['2025-12-01', '2025-12-31']);
    const health = (await app.http.get('/health').expect(200)).body;
    expect(health.status).toBe('ok');
    expect(health.info.referenceRates.warning).toMatch(/eu_b2b, nl_b2b, de_b2b, uk_b2b/);
  });
});
