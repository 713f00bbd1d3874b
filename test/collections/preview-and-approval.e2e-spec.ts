import { type IsoDate, streamIdForClient } from '@settle/domain';
import { type CyclePreview } from '@settle/collections';
import { type TestApp } from '../support/test-app';
import { startCollectionsApp } from './support/collections-app';
import { CollectionsDriver, withoutBookingLag } from './support/collections-driver';

/**
 * SPEC 5, issue 10 item 6: a dry run shows what a run would record and records nothing; a handover to
 * an agency waits for an admin (the default `agencyRequiresApproval`), who approves or rejects it.
 * Two clients, each 1,000.00 due Monday 2 February 2026, are decided on the days the ladder moves
 * (Europe/Amsterdam, 10:00), each day first previewed, then run.
 */
const CLIENTS = ['approve-me', 'reject-me'];

describe('collections preview (dryRun) and the approval of an agency handover', () => {
  let app: TestApp;
  let drive: CollectionsDriver;
  const previews: { day: IsoDate; preview: CyclePreview; recorded: unknown[]; countBefore: number; countAfterPreview: number }[] = [];

  const streams = () => Promise.all(CLIENTS.map((clientId) => app.store.readStream(streamIdForClient(clientId))));
  const allEvents = async () => (await streams()).flat();
  const preview = async (body: Record<string, unknown> = {}) =>
    (
      await app
        .as('admin')
        .post('/v1/admin/collections/run')
        .send({ dryRun: true, ...body })
        .expect(200)
    ).body as CyclePreview;
  const answer = (clientId: string, body: Record<string, unknown>, role: 'admin' | 'collector' = 'admin') =>
    app.as(role).post(`/v1/clients/${clientId}/collections/agency-handover`).send(body);

  beforeAll(async () => {
    app = await startCollectionsApp({ now: '2026-01-05T09:00:00Z' });
    drive = new CollectionsDriver(app);
    drive.at('2026-01-05');
    for (const clientId of CLIENTS) {
      await drive.register(clientId, withoutBookingLag(clientId));
      await drive.invoice(clientId, 'INV-1', '1000.00', { issuedOn: '2026-01-05', dueOn: '2026-02-02' });
    }
    // Reminder, firm reminder a week later, the final notice (45 days; pay by 3 April), then the agency the day after that deadline.
    for (const day of ['2026-02-03', '2026-02-10', '2026-03-20', '2026-04-03', '2026-04-04']) {
      drive.at(day);
      const before = (await streams()).map((events) => events.length);
      const countBefore = (await allEvents()).length;
      const dryRun = await preview();
      const countAfterPreview = (await allEvents()).length;
      await drive.run();
      const recorded = (await streams()).flatMap((events, index) => events.slice(before[index]));
      previews.push({ day, preview: dryRun, recorded, countBefore, countAfterPreview });
    }
  });
  afterAll(() => app.close());

  it('a dry run records nothing and lists, per client, exactly what the real run for the same instant then records', () => {
    for (const { preview: dryRun, recorded, countBefore, countAfterPreview } of previews) {
      expect(countAfterPreview).toBe(countBefore);
      expect(dryRun.dryRun).toBe(true);
      const listed = dryRun.clients.flatMap((client) =>
        client.commands.flatMap((command) => command.events.map((event) => ({ ...event, commandId: command.commandId }))),
      );
      const byStream = (events: { data: unknown }[]) =>
        [...events].sort((a, b) =>
          String((a.data as { clientId: string }).clientId).localeCompare((b.data as { clientId: string }).clientId),
        );
      expect(byStream(listed)).toEqual(
        byStream(
          (recorded as { type: string; data: Record<string, unknown>; metadata: { commandId: string } }[]).map((event) => ({
            type: event.type,
            data: event.data,
            commandId: event.metadata.commandId,
          })),
        ),
      );
      expect(dryRun.eventsToAppend).toBe(recorded.length);
    }
    const days = previews.map(({ day, preview: dryRun }) => [
      day,
      dryRun.clients.flatMap((client) => client.commands.map((command) => `${client.clientId}:${command.type}`)),
    ]);
    expect(days).toEqual([
      [
        '2026-02-03',
        ['approve-me:EscalateCollections', 'approve-me:ScheduleReminder', 'reject-me:EscalateCollections', 'reject-me:ScheduleReminder'],
      ],
      [
        '2026-02-10',
        ['approve-me:EscalateCollections', 'approve-me:ScheduleReminder', 'reject-me:EscalateCollections', 'reject-me:ScheduleReminder'],
      ],
      [
        '2026-03-20',
        expect.arrayContaining(['approve-me:EscalateCollections', 'approve-me:ScheduleReminder', 'approve-me:PlaceCreditHold']),
      ],
      ['2026-04-03', expect.not.arrayContaining(['approve-me:ProposeAgencyHandover'])],
      // Long overdue, the risk is high by now: terms are tightened beside the proposal.
      [
        '2026-04-04',
        ['approve-me:ProposeAgencyHandover', 'approve-me:TightenTerms', 'reject-me:ProposeAgencyHandover', 'reject-me:TightenTerms'],
      ],
    ]);
  });

  it('shows the messages a run would send', () => {
    const finalNotice = previews[2].preview.clients[0].commands.find(
      (command) => command.type === 'ScheduleReminder' && (command.content as { level: string }).level === 'final_notice',
    );
    expect(finalNotice?.content).toMatchObject({
      paymentDeadline: '2026-04-03',
      message: expect.stringContaining('despite our reminders of 2026-02-03 and 2026-02-10. Please pay by 2026-04-03.'),
    });
  });

  it('proposes the handover instead of making it, and puts it on top of the worklist', async () => {
    for (const clientId of CLIENTS) {
      expect(await drive.events(clientId, 'AgencyHandoverProposed', 'HandedToAgency')).toEqual([
        expect.objectContaining({
          type: 'AgencyHandoverProposed',
          recordedOn: '2026-04-04',
          data: expect.objectContaining({ invoiceIds: ['INV-1'], paymentDeadline: '2026-04-03' }),
        }),
      ]);
      expect(await drive.case(clientId)).toMatchObject({
        level: 'final_notice',
        nextStep: { level: 'agency', waitingFor: 'approval' },
      });
    }
    const { body } = await app.as('collector').get('/v1/collections/worklist').expect(200);
    expect(body.items.map((item: { clientId: string; awaitingApproval: boolean }) => [item.clientId, item.awaitingApproval])).toEqual([
      ['approve-me', true],
      ['reject-me', true],
    ]);
    expect(body.items[0].actions[0]).toMatchObject({ code: 'approve_agency_handover' });
  });

  it('is answered by admins only, with a decision and a reason', async () => {
    await answer('approve-me', { decisionId: 'AH-0', decision: 'approve', reason: 'x' }, 'collector').expect(403);
    const bad = await answer('approve-me', { decisionId: 'AH-0', decision: 'maybe' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect([...new Set(bad.body.errors.map((error: { field: string }) => error.field))].sort()).toEqual(['decision', 'reason']);
    expect(await drive.events('approve-me', 'HandedToAgency', 'AgencyHandoverRejected')).toEqual([]);
  });

  it('approved: HandedToAgency with the principal and the fees and interest charged, once', async () => {
    drive.at('2026-04-06');
    const before = (await allEvents()).length;
    const decision = { decisionId: 'AH-1', decision: 'approve', reason: 'No answer to the final notice' };
    await answer('approve-me', decision).expect(201);
    const [handed] = await drive.events('approve-me', 'HandedToAgency');
    // 1,000.00 principal + the 40.00 fee and the interest periods charged before the handover
    const charges = (await drive.events('approve-me', 'LateFeeCharged', 'LateInterestCharged')).reduce(
      (sum, event) => sum + BigInt(String(event.data.amount)),
      0n,
    );
    expect(handed.data).toMatchObject({ invoiceIds: ['INV-1'], amount: String(100_000n + charges), reason: decision.reason });
    expect(await drive.case('approve-me')).toMatchObject({ level: 'agency', status: 'with_agency', handedToAgencyAt: expect.any(String) });
    // The same decision again is a no-op; the same id with other content a conflict; another answer has nothing to answer.
    await answer('approve-me', decision).expect(200);
    await answer('approve-me', { ...decision, reason: 'other' }).expect(409);
    const again = await answer('approve-me', { ...decision, decisionId: 'AH-2' }).expect(422);
    expect(again.body).toMatchObject({ code: 'agency_handover_not_proposed' });
    expect((await allEvents()).length).toBe(before + 1);
  });

  it('rejected: AgencyHandoverRejected, the case stays at the final notice and the handover is not proposed again', async () => {
    drive.at('2026-04-06');
    await answer('reject-me', { decisionId: 'AH-3', decision: 'reject', reason: 'Payment plan agreed by phone' }).expect(201);
    expect((await drive.events('reject-me', 'AgencyHandoverRejected')).map((event) => event.data)).toEqual([
      expect.objectContaining({ invoiceIds: ['INV-1'], reason: 'Payment plan agreed by phone' }),
    ]);
    expect(await drive.case('reject-me')).toMatchObject({ level: 'final_notice', status: 'open', handedToAgencyAt: null, nextStep: null });
    drive.at('2026-04-13');
    await drive.run();
    expect(await drive.events('reject-me', 'AgencyHandoverProposed', 'HandedToAgency', 'CollectionsEscalated')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ level: 'reminder' }) }),
      expect.objectContaining({ data: expect.objectContaining({ level: 'firm_reminder' }) }),
      expect.objectContaining({ data: expect.objectContaining({ level: 'call' }) }),
      expect.objectContaining({ data: expect.objectContaining({ level: 'credit_hold' }) }),
      expect.objectContaining({ data: expect.objectContaining({ level: 'final_notice' }) }),
      expect.objectContaining({ type: 'AgencyHandoverProposed' }),
    ]);
    const { body } = await app.as('collector').get('/v1/collections/worklist').expect(200);
    expect(body.items.find((item: { clientId: string }) => item.clientId === 'reject-me')).toMatchObject({
      awaitingApproval: false,
      level: 'final_notice',
    });
  });
});
