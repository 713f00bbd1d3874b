import {
  browserMissing,
  type BrowserWorld,
  openTab,
  screenshot,
  forgeFromPage,
  scrollsSideways,
  seriousAccessibilityViolations,
  signIn,
  startBrowserWorld,
  tabStorage,
  tabTo,
} from './support/browser';
import { DateTime } from 'luxon';
import { clientBody, TEST_KEYS } from '../support/test-app';
import { NOW, seedPortfolio } from './support/portfolio';

const missing = browserMissing();
if (missing) process.stdout.write(`\nBrowser stories SKIPPED: ${missing}\n\n`);
const describeInBrowser = missing ? describe.skip : describe;

describeInBrowser('the web app in a real browser (Chromium, the API serving it)', () => {
  let world: BrowserWorld;
  beforeAll(async () => {
    world = await startBrowserWorld();
    await seedPortfolio(world.app);
  }, 120_000);
  afterAll(async () => world?.close());

  it('is served at / with a strict Content-Security-Policy; the API and /docs keep their own answers', async () => {
    const page = await world.app.http.get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const policy = page.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    // The app's own routes load it on a reload too.
    await world.app.http
      .get('/clients/acme')
      .expect(200)
      .expect('content-type', /text\/html/);
    const unknownApi = await world.app.http.get('/v1/nothing-here').expect(404);
    expect(unknownApi.headers['content-type']).toMatch(/problem\+json/);
    const docs = await world.app.http.get('/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toBeUndefined();
  });

  it('story 1: a collector records "promised 1,200.00 by <date>" from the worklist and sees it on the timeline', async () => {
    const { page, context, errors } = await openTab(world);
    await signIn(page, 'collector');
    await page.waitForURL('**/worklist');
    const top = page.locator('li.worklist-item').first();
    expect(await top.getByRole('heading').textContent()).toBe('Acme B.V.');
    expect(await top.locator('[data-action="call_client"]').textContent()).toContain('+31 20 555 0101');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'worklist');

    await top.getByRole('button', { name: 'Promised to pay…' }).click();
    await top.getByLabel('Amount promised (EUR)').fill('1200.00');
    await top.getByLabel('By').fill('2026-03-13');
    // A double submit (two submits before the app re-renders) sends one id twice: recorded once.
    await top.getByRole('form', { name: 'Promise to pay' }).evaluate((form: { requestSubmit(): void }) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await page.getByRole('status').filter({ hasText: 'Acme B.V.: Promise recorded: EUR 1200.00 by 2026-03-13' }).waitFor();
    // The item's state: the promise is the conversation the call was for, so the call leaves Acme's item (and Acme the
    // list, when nothing else is to be done there).
    await page.locator('li.worklist-item[data-client="acme"] [data-action="call_client"]').waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Portfolio' }).click();
    await page.getByRole('link', { name: 'Acme B.V.' }).first().click();
    await page.waitForURL('**/clients/acme');
    const promise = page.locator('#timeline li[data-type="PromiseToPayMade"]');
    await promise.waitFor();
    expect(await promise.textContent()).toContain('Promise to pay EUR 1,200.00 by 2026-03-13');
    expect(await promise.textContent()).toContain('by collector-key (collector) · from api');
    expect(await page.locator('#timeline li[data-type="PromiseToPayMade"]').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'client-page-collector');
    await context.close();
    expect(errors).toEqual([]);

    const history = await world.app.as('auditor').get('/v1/clients/acme/history').expect(200);
    expect(history.body.events.filter((event: { type: string }) => event.type === 'PromiseToPayMade')).toHaveLength(1);
  });

  it('story 2: a clerk records a partial payment with explicit allocations; a wrong amount shows the field error and records nothing', async () => {
    const { page, context, errors } = await openTab(world);
    await signIn(page, 'clerk');
    await page.goto('/clients/echo');
    const form = page.getByRole('form', { name: 'Record a payment' });
    await form.waitFor();
    const eventsBefore = (await world.app.as('auditor').get('/v1/clients/echo/history/verify').expect(200)).body.events;

    // EUR has two decimals: the API refuses 12.345 and says so beside the amount.
    await form.getByLabel('Amount (EUR)').fill('12.345');
    await form.getByRole('button', { name: 'Record payment' }).click();
    const amountError = form.locator('[data-field-error="amount"]');
    await amountError.waitFor();
    expect(await amountError.textContent()).toMatch(/amount/i);
    expect(await form.getByLabel('Amount (EUR)').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'payment-field-error');
    expect((await world.app.as('auditor').get('/v1/clients/echo/history/verify').expect(200)).body.events).toBe(eventsBefore);

    await form.getByLabel('Amount (EUR)').fill('600.00');
    await form.getByLabel('E-1 (500.00 open)').fill('200.00');
    await form.getByLabel('E-2 (800.00 open)').fill('400.00');
    await form.getByRole('button', { name: 'Record payment' }).click();
    await form.getByRole('status').filter({ hasText: 'Payment of EUR 600.00 recorded' }).waitFor();
    await page.locator('[data-figure="balance"]', { hasText: 'EUR 700.00' }).waitFor();
    for (const [invoiceId, outstanding] of [
      ['E-1', '300.00'],
      ['E-2', '400.00'],
    ]) {
      const row = page.locator(`tr[data-invoice="${invoiceId}"]`);
      expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('partially_paid');
      expect(await row.locator('td[data-label="Outstanding"]').textContent()).toBe(outstanding);
    }
    await page.locator('#timeline li[data-type="PaymentAllocated"]').nth(1).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'client-page-clerk');
    await context.close();
    // The refused attempt is the one 400 the browser reports.
    expect(errors.filter((error) => !error.includes('400 (Bad Request)'))).toEqual([]);
  });

  it('story 3: an auditor time-travels to before a payment and sees the old balance; an altered history fails verification', async () => {
    const { page, context, errors } = await openTab(world);
    await signIn(page, 'auditor');
    await page.goto('/clients/cado');
    const balance = page.locator('[data-figure="balance"]');
    await balance.filter({ hasText: 'EUR 600.00' }).waitFor();
    await page.locator('[data-verification="valid"]').waitFor();

    // Paid on 20 February; as known on the 10th the whole invoice was open.
    await page.getByLabel('See the account as known at (your local time)').fill('2026-02-10T12:00:00');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Showing what was known at 10 Feb 2026, 12:00 UTC' }).waitFor();
    await balance.filter({ hasText: 'EUR 1,000.00' }).waitFor();
    expect(page.url()).toContain('asOf=2026-02-10T12%3A00%3A00.000Z');
    expect(page.url()).not.toContain(TEST_KEYS.auditor);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'client-page-time-travel');
    await page.getByRole('button', { name: 'Back to now' }).click();
    await balance.filter({ hasText: 'EUR 600.00' }).waitFor();

    // Someone edits the payment's amount directly in the database.
    const edited = await world.app.storage.views.query(
      `update events set data = jsonb_set(data::jsonb, '{amount}', '"1000"') where stream_id = 'client-cado' and type = 'PaymentReceived'`,
    );
    expect(edited.rowCount).toBe(1);
    await page.reload();
    const failed = page.locator('[data-verification="invalid"]');
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/Verification failed: the history was altered at revision \d+/);
    await screenshot(page, 'client-page-tampered');
    await context.close();
    expect(errors).toEqual([]);
  });

  it('story 4: role limits: a collector finds no payment form, an auditor no form; the API refuses a forged request anyway', async () => {
    const recordControls = /Record payment|Promised to pay|Client answered|No answer|Dispute raised|Pause until/;

    const collector = await openTab(world);
    await signIn(collector.page, 'collector');
    await collector.page.goto('/clients/echo');
    await collector.page.getByRole('button', { name: 'Client answered' }).waitFor();
    expect(await collector.page.getByRole('heading', { name: 'Record a payment' }).count()).toBe(0);
    expect(await collector.page.getByRole('button', { name: 'Record payment' }).count()).toBe(0);
    const forgedPayment = await forgeFromPage(collector.page, '/v1/clients/echo/payments', {
      paymentId: 'FORGED-1',
      amount: '1.00',
      currency: 'EUR',
    });
    expect(forgedPayment).toBe(403);
    await collector.context.close();

    const auditor = await openTab(world);
    await signIn(auditor.page, 'auditor');
    for (const path of ['/worklist', '/clients/echo']) {
      await auditor.page.goto(path);
      await auditor.page.locator('main h1').waitFor();
      await auditor.page.locator('li.worklist-item, [data-figure="balance"]').first().waitFor();
      expect(await auditor.page.getByRole('button', { name: recordControls }).count()).toBe(0);
      expect(await auditor.page.locator('form.command-form, form.inline-form, .outcomes').count()).toBe(0);
    }
    expect(await seriousAccessibilityViolations(auditor.page)).toEqual([]);
    await screenshot(auditor.page, 'client-page-auditor');
    const forgedInteraction = await forgeFromPage(auditor.page, '/v1/clients/echo/interactions', {
      interactionId: 'FORGED-2',
      kind: 'note',
      occurredAt: '2026-03-02T10:00:00Z',
    });
    expect(forgedInteraction).toBe(403);
    await auditor.context.close();

    const history = await world.app.as('auditor').get('/v1/clients/echo/history').expect(200);
    expect(JSON.stringify(history.body)).not.toContain('FORGED');
  });

  it('story 5: at phone width the worklist and the client page need no sideways scrolling', async () => {
    const { page, context, errors } = await openTab(world, { width: 390, height: 844 });
    await signIn(page, 'collector');
    await page.locator('li.worklist-item').first().waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'worklist-phone');
    await page.goto('/clients/acme');
    await page.locator('#timeline li').first().waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'client-page-phone');
    await context.close();
    expect(errors).toEqual([]);
  });

  it("shows the timeline's newest events, amounts in the client's currency, while the account is still being read", async () => {
    const { page, context, errors } = await openTab(world);
    await signIn(page, 'auditor');
    // The account (a fold of the whole stream) is held back until the timeline has shown.
    let releaseAccount = () => {};
    const accountHeld = new Promise<void>((release) => (releaseAccount = release));
    await page.route(
      (url) => url.pathname === '/v1/clients/acme',
      async (route) => {
        await accountHeld;
        await route.continue();
      },
    );
    await page.goto('/clients/acme');
    const issued = page.locator('#timeline li[data-type="InvoiceIssued"]');
    await issued.waitFor();
    expect(await issued.locator('.what').textContent()).toContain('EUR 2,400.00');
    expect(await page.locator('#account-title').count()).toBe(0);
    releaseAccount();
    await page.locator('#account-title').waitFor();
    await context.close();
    expect(errors).toEqual([]);
  });

  it('signs out: the key leaves the tab, and the next visit asks for it again', async () => {
    const { page, context } = await openTab(world);
    await signIn(page, 'clerk');
    await page.waitForURL('**/portfolio');
    await page.locator('table tbody tr').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portfolio');
    expect(await tabStorage(page)).toEqual({ sessionKey: TEST_KEYS.clerk, localItems: 0 });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await tabStorage(page)).toEqual({ sessionKey: null, localItems: 0 });
    await page.reload();
    await page.getByLabel('API key').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    await context.close();
  });

  it("story 6: a clerk registers a client (the API's error beside its field) and issues its first invoice; the charts show", async () => {
    const { page, context, errors } = await openTab(world);
    await signIn(page, 'clerk');
    await page.waitForURL('**/portfolio');
    // The portfolio's aging and DSO / CEI charts, drawn under the strict CSP (a violation is a console error).
    await page.locator('[data-chart="aging"] svg[role="application"]').waitFor();
    await page.locator('[data-chart="dso"] svg[role="application"]').waitFor();
    expect(await page.locator('[data-chart="aging"] .chart-figures').textContent()).toContain('1–30 days past due: EUR');

    await page.locator('summary', { hasText: 'Register a client' }).click();
    const register = page.getByRole('form', { name: 'Register a client' });
    await register.getByLabel('Client id').fill('fern');
    await register.getByLabel('Name', { exact: true }).fill('Fern Bakery');
    await register.getByLabel('Contact name').fill('Fay Fern');
    await register.getByLabel('Contact email').fill('fay@fern.example');
    await register.getByLabel('Payment terms: days').fill('400');
    await register.getByRole('button', { name: 'Register client' }).click();
    const daysError = register.locator('[data-field-error="agreement.paymentTerms.days"]');
    await daysError.waitFor();
    expect(await daysError.textContent()).toMatch(/days/);
    await world.app.as('auditor').get('/v1/clients/fern').expect(404);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'register-client-field-error');

    await register.getByLabel('Payment terms: days').fill('14');
    await register.getByLabel('Letter language').selectOption({ label: 'Deutsch' });
    await register.getByLabel('Statutory late-fee preset').selectOption('de_b2b');
    await register.getByLabel('Pay to: beneficiary').fill('Unsere Firma GmbH');
    await register.getByLabel('Pay to: IBAN').fill('DE89 3704 0044 0532 0130 00');
    await register.getByLabel('Reference to quote').selectOption('rf_per_invoice');
    // A double submit sends the same client id twice: registered once.
    await register.evaluate((form: { requestSubmit(): void }) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await page.waitForURL('**/clients/fern');
    await page.locator('main h1', { hasText: 'Fern Bakery' }).waitFor();
    const registered = await world.app.as('auditor').get('/v1/clients/fern').expect(200);
    expect(registered.body.agreement).toMatchObject({
      language: 'de',
      lateFeePolicy: { preset: 'de_b2b' },
      paymentInstructions: { beneficiary: 'Unsere Firma GmbH', iban: 'DE89370400440532013000', reference: 'rf_per_invoice' },
    });

    await page.locator('summary', { hasText: 'Issue an invoice' }).click();
    const invoice = page.getByRole('form', { name: 'Issue an invoice' });
    await invoice.getByLabel('Invoice number').fill('F-1');
    await invoice.getByLabel('Amount (EUR)').fill('250.00');
    await invoice.getByRole('button', { name: 'Issue invoice' }).click();
    await invoice.getByRole('status').filter({ hasText: 'Invoice F-1 issued: EUR 250.00' }).waitFor();
    const row = page.locator('tr[data-invoice="F-1"]');
    await row.waitFor();
    expect(await row.locator('td[data-label="Due"]').textContent()).toBe('2026-03-16');
    await page.locator('[data-figure="balance"]', { hasText: 'EUR 250.00' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'client-page-new-client');

    // The payment trend of a client with a late invoice, as a chart.
    await page.goto('/clients/acme');
    await page.locator('[data-chart="trend"] svg[role="application"]').waitFor();
    await context.close();
    expect(errors.filter((error) => !error.includes('400 (Bad Request)'))).toEqual([]);

    const history = await world.app.as('auditor').get('/v1/clients/fern/history').expect(200);
    expect(history.body.events.map((event: { type: string }) => event.type)).toEqual(['ClientRegistered', 'InvoiceIssued']);
  });

  it('story 8: with the keyboard only, a clerk signs in, opens a client and reverses a payment picked from its list', async () => {
    await world.app
      .as('clerk')
      .post('/v1/clients')
      .send(clientBody('keys', { name: 'Keyboard Kiosk' }))
      .expect(201);
    await world.app
      .as('clerk')
      .post('/v1/clients/keys/invoices')
      .send({ invoiceId: 'K-1', amount: '900.00', currency: 'EUR', issuedOn: '2026-02-20' })
      .expect(201);
    for (const [paymentId, amount] of [
      ['K-PAY-1', '300.00'],
      ['K-PAY-2', '200.00'],
    ])
      await world.app.as('clerk').post('/v1/clients/keys/payments').send({ paymentId, amount, currency: 'EUR' }).expect(201);

    const { page, context, errors } = await openTab(world);
    await page.goto('/');
    await tabTo(page, page.getByLabel('API key'));
    await page.keyboard.type(TEST_KEYS.clerk);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await tabTo(page, page.getByRole('link', { name: 'Keyboard Kiosk' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/clients/keys');
    await page.locator('tr[data-payment="K-PAY-1"]').waitFor();

    await tabTo(page, page.locator('summary', { hasText: 'Reverse a payment' }));
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Reverse a payment' });
    const payment = form.getByLabel('Payment');
    await tabTo(page, payment);
    // Newest first: the first payment received is the next option down.
    expect(await payment.inputValue()).toBe('K-PAY-2');
    await page.keyboard.press('ArrowDown');
    expect(await payment.inputValue()).toBe('K-PAY-1');
    await page.keyboard.press('Tab');
    expect(
      await form
        .getByLabel('Reason')
        .evaluate((element: { ownerDocument: { activeElement: unknown } }) => element.ownerDocument.activeElement === element),
    ).toBe(true);
    await page.keyboard.type('Bounced: insufficient funds');
    await page.keyboard.press('Enter');
    await form.getByRole('status').filter({ hasText: 'Payment K-PAY-1 reversed' }).waitFor();
    await page.locator('tr[data-payment="K-PAY-1"] td[data-reversed="true"]').waitFor();
    expect(await page.locator('tr[data-payment="K-PAY-2"] td[data-label="Reversed"]').getAttribute('data-reversed')).toBe('false');
    await page.locator('#timeline li[data-type="PaymentReversed"]').waitFor();
    await context.close();
    expect(errors).toEqual([]);

    const history = await world.app.as('auditor').get('/v1/clients/keys/history?order=desc&limit=5').expect(200);
    const reversals = history.body.events.filter((event: { type: string }) => event.type === 'PaymentReversed');
    expect(reversals.map((event: { data: { paymentId: string; reason: string } }) => [event.data.paymentId, event.data.reason])).toEqual([
      ['K-PAY-1', 'Bounced: insufficient funds'],
    ]);
  });

  // Last: it moves the service's clock past NOW, day by day, until the process proposes the handover.
  it('story 7: an admin approves a proposed agency handover from the worklist', async () => {
    const quickLadder = Object.fromEntries(
      ['reminder', 'firm_reminder', 'call', 'credit_hold', 'final_notice', 'agency'].map((level, index) => [level, { days: index + 1 }]),
    );
    const body = clientBody('gone', { name: 'Gone Fishing' });
    await world.app
      .as('clerk')
      .post('/v1/clients')
      .send({ ...body, agreement: { ...body.agreement, collectionsLadder: quickLadder, minimumStepSpacingDays: 1, finalNoticeDays: 1 } })
      .expect(201);
    await world.app
      .as('clerk')
      .post('/v1/clients/gone/invoices')
      .send({ invoiceId: 'G-1', amount: '900.00', currency: 'EUR', issuedOn: '2026-01-10', dueOn: '2026-01-20' })
      .expect(201);
    const proposed = async () => {
      const worklist = await world.app.as('admin').get('/v1/collections/worklist?limit=50').expect(200);
      return worklist.body.items.some(
        (item: { clientId: string; awaitingApproval: boolean }) => item.clientId === 'gone' && item.awaitingApproval,
      );
    };
    for (let day = 1; day <= 12 && !(await proposed()); day++) {
      world.app.clock.set(DateTime.fromISO(NOW, { zone: 'utc' }).plus({ days: day }).toISO()!);
      await world.app.as('admin').post('/v1/admin/collections/run').send({}).expect(200);
    }
    expect(await proposed()).toBe(true);

    const { page, context, errors } = await openTab(world);
    await signIn(page, 'admin');
    await page.goto('/worklist');
    await page.locator('[data-pending-approvals="1"]').waitFor();
    const top = page.locator('li.worklist-item').first();
    expect(await top.getByRole('heading').textContent()).toBe('Gone Fishing');
    const decision = top.getByRole('form', { name: 'Agency handover of Gone Fishing' });
    await decision.getByLabel('Reason for the decision').fill('No answer to the final notice');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'worklist-pending-approval');
    await decision.getByRole('button', { name: 'Approve handover' }).click();
    await page.getByRole('status').filter({ hasText: 'Handover of Gone Fishing approved' }).waitFor();
    // No longer pending: answered once.
    await page.locator('[data-pending-approvals]').waitFor({ state: 'detached' });
    await context.close();
    expect(errors).toEqual([]);

    const history = await world.app.as('auditor').get('/v1/clients/gone/history?limit=200').expect(200);
    const handedOver = history.body.events.filter((event: { type: string }) => event.type === 'HandedToAgency');
    expect(handedOver).toHaveLength(1);
    expect(handedOver[0].data.reason).toBe('No answer to the final notice');
  });
});
