import { DateTime } from 'luxon';
import { ClientAccounts, type CommandContext, ManualClock, StreamCommandExecutor } from '@settle/command-pipeline';
import { type ClientAccountCommand } from '@settle/domain';
import { InMemoryEventStore } from '@settle/event-store';
import { type CollectionsSubject, collectionsSubjectFold } from '../collections-subject';
import { ClientDirectory } from './client-directory';
import { CollectionsRunner } from './collections-runner';

const clerk: CommandContext = { actor: 'desk', role: 'clerk', source: 'api', correlationId: 'req' };
const register = (clientId: string): ClientAccountCommand => ({
  type: 'RegisterClient',
  data: {
    clientId,
    name: clientId,
    currency: 'EUR',
    agreement: {
      timezone: 'Europe/Amsterdam',
      contact: { name: 'Ada', email: 'ada@client.example', preferredChannel: 'email' },
      lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50', compounding: 'simple', graceDays: 0 },
      // The ladder's own days decide the steps of this cycle: no booking lag agreed (the process's default is 2 business days).
      bookingLagBusinessDays: 0,
    },
  },
});
const invoice = (clientId: string, dueOn: string): ClientAccountCommand => ({
  type: 'IssueInvoice',
  data: { clientId, invoiceId: 'INV-1', amount: '1000.00', currency: 'EUR', issuedOn: '2026-01-20', dueOn },
});

describe('CollectionsRunner (the cycle over every client)', () => {
  let store: InMemoryEventStore;
  let clock: ManualClock;
  let accounts: ClientAccounts;
  let runner: CollectionsRunner;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    clock = new ManualClock(DateTime.fromISO('2026-01-20T09:00:00Z', { zone: 'utc' }));
    accounts = new ClientAccounts(store, clock);
    const executor = new StreamCommandExecutor<CollectionsSubject>(store, collectionsSubjectFold, clock);
    runner = new CollectionsRunner(store, executor, new ClientDirectory(store, (events) => executor.observe(events)), clock);
    for (const clientId of ['late', 'on-time', 'later']) await accounts.execute(register(clientId), clerk);
    await accounts.execute(invoice('late', '2026-02-20'), clerk); // Friday: 1 business day past due on Monday 23 Feb
    await accounts.execute(invoice('on-time', '2026-03-20'), clerk);
    await accounts.execute(invoice('later', '2026-02-06'), clerk); // 17 days past due on 23 Feb: a reminder, the call and its fee
    clock.set('2026-02-23T09:00:00Z');
  });

  it("decides for every registered client and records each one's decisions in one append, by the process", async () => {
    const append = jest.spyOn(store, 'append');
    const summary = await runner.runCycle();
    expect(summary).toMatchObject({
      asOf: '2026-02-23T09:00:00.000Z',
      clientsExamined: 3,
      clientsActedOn: 2,
      clientsDecidedLater: 0,
      // Interest waits for its period (February) to end.
      commandsDecided: { EscalateCollections: 3, ScheduleReminder: 2, ChargeLateFee: 1 },
      eventsAppended: 6,
      failures: [],
    });
    expect(append).toHaveBeenCalledTimes(2);
    const later = await store.readStream('client-later');
    expect(later.slice(2).map((event) => [event.type, event.metadata.source, event.metadata.commandId])).toEqual([
      ['CollectionsEscalated', 'collections', 'collections:later:escalate:reminder:2026-02-23'],
      ['ReminderScheduled', 'collections', 'collections:later:schedule-reminder:reminder:later:reminder:INV-1:2026-02-23'],
      ['CollectionsEscalated', 'collections', 'collections:later:escalate:call:2026-02-23'],
      ['LateFeeCharged', 'collections', 'collections:later:charge-late-fee:INV-1'],
    ]);
  });

  it('previews what a cycle would record, with the messages, recording nothing; the cycle then records exactly that', async () => {
    const append = jest.spyOn(store, 'append');
    const preview = await runner.previewCycle();
    expect(append).not.toHaveBeenCalled();
    expect(preview).toMatchObject({
      asOf: '2026-02-23T09:00:00.000Z',
      dryRun: true,
      clientsExamined: 3,
      commandsDecided: { EscalateCollections: 3, ScheduleReminder: 2, ChargeLateFee: 1 },
      eventsToAppend: 6,
      failures: [],
    });
    expect(preview.clients.map((client) => client.clientId)).toEqual(['late', 'later']);
    const [reminder] = preview.clients[0].commands.filter((command) => command.type === 'ScheduleReminder');
    expect(reminder.content).toMatchObject({ message: expect.stringContaining('a friendly reminder that invoice(s) INV-1') });
    expect(await runner.previewCycle()).toEqual({ ...preview, durationMs: expect.any(Number) });

    await runner.runCycle();
    for (const { clientId, commands } of preview.clients) {
      const recorded = (await store.readStream(`client-${clientId}`)).slice(2);
      expect(recorded.map((event) => ({ type: event.type, data: event.data, commandId: event.metadata.commandId }))).toEqual(
        commands.flatMap((command) => command.events.map((event) => ({ ...event, commandId: command.commandId }))),
      );
    }
    expect(await runner.previewCycle()).toMatchObject({ clients: [], eventsToAppend: 0 });
  });

  it('decides nothing when run again for the same instant', async () => {
    await runner.runCycle();
    expect(await runner.runCycle()).toMatchObject({ clientsExamined: 3, clientsActedOn: 0, eventsAppended: 0, commandsDecided: {} });
  });

  it('leaves alone a client whose record holds decisions after the instant asked for', async () => {
    await runner.runCycle();
    const replay = await runner.runCycle(DateTime.fromISO('2026-02-21T09:00:00Z'));
    expect(replay).toMatchObject({ clientsExamined: 3, clientsDecidedLater: 2, eventsAppended: 0 });
  });

  it('goes on with the other clients when one fails, and reports it', async () => {
    const append = store.append.bind(store);
    jest.spyOn(store, 'append').mockImplementation(async (streamId, events, expected) => {
      if (streamId === 'client-late') throw new Error('disk full');
      return append(streamId, events, expected);
    });
    const summary = await runner.runCycle();
    expect(summary.failures).toEqual([{ clientId: 'late', error: 'disk full' }]);
    expect(summary).toMatchObject({ clientsExamined: 3, clientsActedOn: 1 });
  });

  it('re-reads and decides again when a command of the API lands in between, recording each decision once', async () => {
    const append = store.append.bind(store);
    let raced = false;
    jest.spyOn(store, 'append').mockImplementation(async (streamId, events, expected) => {
      if (streamId === 'client-late' && !raced) {
        raced = true;
        // The client pays just before the process appends: the reminder is no longer due.
        await accounts.execute(
          { type: 'RecordPayment', data: { clientId: 'late', paymentId: 'PAY-1', amount: '1000.00', currency: 'EUR' } },
          clerk,
        );
      }
      return append(streamId, events, expected);
    });
    const summary = await runner.runCycle();
    expect(summary.failures).toEqual([]);
    expect((await store.readStream('client-late')).map((event) => event.type)).toEqual([
      'ClientRegistered',
      'InvoiceIssued',
      'PaymentReceived',
      'PaymentAllocated',
    ]);
  });
});
