import { type IsoDate } from '@settle/domain';
import { type TestApp } from '../support/test-app';
import { startCollectionsApp } from './support/collections-app';
import { CollectionsDriver } from './support/collections-driver';

/**
 * Issue 14 through the API: a client who always answered and came to meetings goes quiet — months
 * before any invoice is late. The engagement trigger opens an account review on that alone; a client
 * who keeps answering gets nothing. Amsterdam time; contacts at 10:00, answers the same afternoon.
 */
const MONTHLY_CONTACTS: IsoDate[] = ['2025-01-07', '2025-02-04', '2025-03-04', '2025-04-01', '2025-05-06', '2025-06-03'];
const MONTHLY_CONTACTS_LATER: IsoDate[] = ['2025-07-01', '2025-08-05', '2025-09-02', '2025-10-07'];
const QUIET_CONTACTS: IsoDate[] = ['2025-11-04', '2025-12-02', '2026-01-06'];

describe('collections: the engagement trigger (a client going quiet before it pays late)', () => {
  let app: TestApp;
  let drive: CollectionsDriver;
  let contacts = 0;
  const contact = async (clientId: string, date: IsoDate, answered: boolean) => {
    const interactionId = `${clientId}-C-${++contacts}`;
    drive.at(date, '10:00');
    await drive.interaction(clientId, { interactionId, kind: 'outbound_contact', channel: 'email' });
    if (!answered) return;
    drive.at(date, '15:00');
    await drive.interaction(clientId, {
      interactionId: `${interactionId}-A`,
      kind: 'client_response',
      channel: 'email',
      respondsTo: interactionId,
    });
  };
  const meeting = async (clientId: string, date: IsoDate, kind: 'meeting_held' | 'meeting_missed') => {
    drive.at(date, '14:00');
    await drive.interaction(clientId, { interactionId: `${clientId}-M-${date}`, kind });
  };

  beforeAll(async () => {
    app = await startCollectionsApp({ now: '2025-01-02T09:00:00Z' });
    drive = new CollectionsDriver(app);
    await drive.register('quiet');
    await drive.register('engaged');
    for (const date of [...MONTHLY_CONTACTS, ...MONTHLY_CONTACTS_LATER])
      for (const clientId of ['quiet', 'engaged']) await contact(clientId, date, true);
    for (const date of ['2025-03-18', '2025-06-17', '2025-09-16'] as IsoDate[])
      for (const clientId of ['quiet', 'engaged']) await meeting(clientId, date, 'meeting_held');
    for (const date of QUIET_CONTACTS) {
      await contact('quiet', date, false);
      await contact('engaged', date, true);
    }
    await meeting('quiet', '2025-12-16', 'meeting_missed');
    await meeting('engaged', '2025-12-16', 'meeting_held');
    drive.at('2026-01-02');
    for (const clientId of ['quiet', 'engaged'])
      await drive.invoice(clientId, 'INV-1', '1000.00', { issuedOn: '2026-01-02', dueOn: '2026-02-01' });
    drive.at('2026-01-12');
    await drive.run();
  });
  afterAll(() => app.close());

  it('given a client who answered everything, when it stops answering and misses a meeting, then an account review on engagement alone', async () => {
    const [review, ...more] = await drive.events('quiet', 'CollectionsEscalated');
    expect(more).toEqual([]);
    expect(review).toMatchObject({
      recordedOn: '2026-01-12',
      data: {
        level: 'account_review',
        trigger: 'engagement',
        // Medium risk from the silence itself; no payment trend at all (nothing paid yet): the engagement opened it.
        figures: { riskLevel: 'medium', trend: 'insufficient_data', engagementChangePoints: expect.any(Number) },
      },
    });
    // The 120 days before 12 January hold October's answered contact and September's meeting too.
    expect(review.data.figures).toMatchObject({
      engagementChange:
        'In the last 120 days 3 of 4 contacts went unanswered (usually 8 %: 2.1 beyond that) and 1 of 2 meetings were missed (usually 10 %: 0.4 beyond that).',
    });
    // Nothing is late: the only invoice is not due before 1 February.
    const account = (await app.as('clerk').get('/v1/clients/quiet').expect(200)).body;
    expect(account.overdue).toBe('0.00');
  });

  it('given a client who keeps answering, when the process runs, then nothing', async () => {
    expect(await drive.events('engaged', 'CollectionsEscalated')).toEqual([]);
  });
});
