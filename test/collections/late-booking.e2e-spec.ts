import { type TestApp } from '../support/test-app';
import { startCollectionsApp } from './support/collections-app';
import { CollectionsDriver, withoutBookingLag } from './support/collections-driver';

/**
 * SPEC 5: a payment booked late whose `receivedOn` shows a promise was kept records the correction and
 * sets the case back; client-facing steps wait the agreed booking lag. Through the API, the clock moved
 * day by day (Europe/Amsterdam, the test client's agreement).
 */
describe('facts booked late correct the collections case', () => {
  let app: TestApp;
  let drive: CollectionsDriver;
  beforeAll(async () => {
    app = await startCollectionsApp({ now: '2026-02-02T09:00:00Z' });
    drive = new CollectionsDriver(app);
  });
  afterAll(() => app.close());

  it('a promise the run broke, then a payment received by the promised day: kept after all, the owed step withdrawn, the case back', async () => {
    drive.at('2026-02-02');
    // The firm reminder agreed at 12 days past due, so that only the broken promise explains it earlier.
    // No booking lag agreed, so that the reminder comes the first business day past due.
    await drive.register('late-booker', withoutBookingLag('late-booker', { collectionsLadder: { firm_reminder: { days: 12 } } }));
    await drive.invoice('late-booker', 'INV-1', '2000.00', { issuedOn: '2026-01-05', dueOn: '2026-02-04' });
    await drive.daily('2026-02-05', '2026-02-12', async (today) => {
      if (today === '2026-02-06')
        await drive.interaction('late-booker', {
          interactionId: 'P-1',
          kind: 'promise_to_pay',
          amount: '1000.00',
          currency: 'EUR',
          promisedOn: '2026-02-09',
        });
    });
    const before = await drive.events('late-booker', 'CollectionsEscalated', 'PromiseBroken');
    expect(before.map((event) => [event.type, event.data.level ?? null, event.data.trigger ?? null, event.recordedOn])).toEqual([
      ['CollectionsEscalated', 'reminder', 'overdue', '2026-02-05'],
      ['PromiseBroken', null, null, '2026-02-10'],
      ['CollectionsEscalated', 'firm_reminder', 'promise_broken', '2026-02-12'],
    ]);
    expect(await drive.case('late-booker')).toMatchObject({ level: 'firm_reminder' });

    // 13 Feb: the bank statement shows 1,000.00 received on 9 Feb, the promised day.
    drive.at('2026-02-13');
    await drive.pay('late-booker', 'PAY-1', '1000.00', { receivedOn: '2026-02-09' });
    const summary = await drive.run();
    expect(summary.commandsDecided).toMatchObject({ MarkPromiseKept: 1, CorrectCollectionsLevel: 1 });
    const corrections = await drive.events('late-booker', 'PromiseKept', 'CollectionsLevelCorrected');
    expect(corrections).toEqual([
      expect.objectContaining({
        type: 'PromiseKept',
        data: expect.objectContaining({ interactionId: 'P-1', supersedes: 'PromiseBroken', reason: expect.stringContaining('2026-02-10') }),
        recordedOn: '2026-02-13',
      }),
      expect.objectContaining({
        type: 'CollectionsLevelCorrected',
        data: expect.objectContaining({
          previousLevel: 'firm_reminder',
          level: 'reminder',
          reason: 'promise_kept',
          withdrawnSteps: [expect.objectContaining({ level: 'firm_reminder' })],
        }),
      }),
    ]);
    expect(await drive.case('late-booker')).toMatchObject({ level: 'reminder' });
    const promise = (await app.as('collector').get('/v1/clients/late-booker/payment-behavior').expect(200)).body as {
      promises: { kept: number; broken: number };
    };
    expect(promise.promises).toMatchObject({ kept: 1, broken: 0 });

    // The next runs start from the corrected case: nothing again the same day; the firm reminder when the days reach it (16 Feb).
    drive.at('2026-02-13', '11:00');
    expect((await drive.run()).eventsAppended).toBe(0);
    await drive.daily('2026-02-14', '2026-02-16');
    const after = await drive.events('late-booker', 'CollectionsEscalated');
    expect(after.slice(2).map((event) => [event.data.level, event.data.trigger, event.recordedOn])).toEqual([
      ['firm_reminder', 'overdue', '2026-02-16'],
    ]);
  });

  it('client-facing steps wait the booking lag, 2 business days by default', async () => {
    drive.at('2026-02-16');
    await drive.register('lagged'); // the agreement sets no lag
    await drive.invoice('lagged', 'INV-1', '500.00', { issuedOn: '2026-01-16', dueOn: '2026-02-16' });
    await drive.daily('2026-02-17', '2026-02-18');
    const reminders = await drive.events('lagged', 'CollectionsEscalated');
    // Due Monday 16 Feb: 1 business day past due on Tuesday (the ladder's reminder day), but the reminder waits for 2 (Wednesday).
    expect(reminders.map((event) => [event.data.level, event.recordedOn])).toEqual([['reminder', '2026-02-18']]);
  });
});
