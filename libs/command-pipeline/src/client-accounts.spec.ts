import { DateTime } from 'luxon';
import { type ClientAccountCommand, DomainError } from '@settle/domain';
import { InMemoryEventStore } from '@settle/event-store';
import { ClientAccounts } from './client-accounts';
import { ManualClock } from './clock';
import { type CommandContext } from './event-metadata';
import { verifyChain } from './hash-chain';
import { ConcurrencyExhaustedError } from './stream-command-executor';

const context: CommandContext = { actor: 'desk-1', role: 'clerk', source: 'api', correlationId: 'req-1' };
const register: ClientAccountCommand = {
  type: 'RegisterClient',
  data: {
    clientId: 'acme',
    name: 'Acme',
    currency: 'EUR',
    agreement: { contact: { name: 'Ada', email: 'ada@acme.example', preferredChannel: 'email' } },
  },
};
const invoice = (invoiceId: string, amount: string): ClientAccountCommand => ({
  type: 'IssueInvoice',
  data: { clientId: 'acme', invoiceId, amount, currency: 'EUR', issuedOn: '2026-03-02' },
});
const payment = (paymentId: string, amount: string): ClientAccountCommand => ({
  type: 'RecordPayment',
  data: { clientId: 'acme', paymentId, amount, currency: 'EUR' },
});

describe('ClientAccounts (application layer over the in-memory store)', () => {
  let store: InMemoryEventStore;
  let clock: ManualClock;
  let accounts: ClientAccounts;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    clock = new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z', { zone: 'utc' }));
    accounts = new ClientAccounts(store, clock);
    await accounts.execute(register, context);
  });

  it('records events with full metadata and a verifiable hash chain', async () => {
    await accounts.execute(invoice('INV-1', '100.00'), { ...context, causationId: 'evt-9' });
    const events = await store.readStream('client-acme');
    expect(events.map((event) => event.type)).toEqual(['ClientRegistered', 'InvoiceIssued']);
    expect(events[1].metadata).toEqual({
      actor: 'desk-1',
      role: 'clerk',
      source: 'api',
      commandId: 'IssueInvoice:INV-1',
      commandHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      correlationId: 'req-1',
      causationId: 'evt-9',
      recordedAt: '2026-03-02T10:00:00.000Z',
      schemaVersion: 1,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(verifyChain(events)).toEqual({ valid: true, events: 2 });
  });

  it('treats a repeated command as already recorded and a reused id with other content as a conflict', async () => {
    expect((await accounts.execute(invoice('INV-1', '100.00'), context)).outcome).toBe('recorded');
    expect((await accounts.execute(invoice('INV-1', '100.00'), context)).outcome).toBe('already_recorded');
    await expect(accounts.execute(invoice('INV-1', '200.00'), context)).rejects.toMatchObject({ kind: 'conflict', code: 'id_reused' });
    expect(await store.readStream('client-acme')).toHaveLength(2);
  });

  it('recognises a command recorded by another process (no shared cache)', async () => {
    await accounts.execute(invoice('INV-1', '100.00'), context);
    const otherProcess = new ClientAccounts(store, clock);
    expect((await otherProcess.execute(invoice('INV-1', '100.00'), context)).outcome).toBe('already_recorded');
  });

  it('re-decides on fresh state after losing a race to another process', async () => {
    const otherProcess = new ClientAccounts(store, clock);
    await accounts.execute(invoice('INV-1', '100.00'), context); // warms this process's cache
    await otherProcess.execute(invoice('INV-2', '50.00'), context); // this process's cache is now stale
    const outcome = await accounts.execute(payment('P-1', '150.00'), context);
    // The payment was decided against both invoices: oldest due first, nothing left unapplied.
    const paid = outcome.snapshot.state.status === 'registered' ? outcome.snapshot.state.payments.get('P-1') : undefined;
    expect(paid?.applications.map((application) => [application.invoiceId, application.amount])).toEqual([
      ['INV-1', 10000n],
      ['INV-2', 5000n],
    ]);
    expect(paid?.unapplied).toBe(0n);
  });

  it('decides on its cache without reading the stream, and reads it when the cache would refuse', async () => {
    await accounts.execute(invoice('INV-1', '100.00'), context);
    const reads = jest.spyOn(store, 'readStream');
    await accounts.execute(payment('P-1', '10.00'), context);
    expect(reads).not.toHaveBeenCalled();

    // Another process issues INV-2; this process's cache has not seen it.
    reads.mockRestore();
    await new ClientAccounts(store, clock).execute(invoice('INV-2', '50.00'), context);
    const readsAfter = jest.spyOn(store, 'readStream');
    const allocated: ClientAccountCommand = {
      type: 'RecordPayment',
      data: {
        clientId: 'acme',
        paymentId: 'P-2',
        amount: '50.00',
        currency: 'EUR',
        allocations: [{ invoiceId: 'INV-2', amount: '50.00' }],
      },
    };
    const outcome = await accounts.execute(allocated, context);
    expect(outcome.outcome).toBe('recorded');
    expect(readsAfter).toHaveBeenCalledTimes(1);
    readsAfter.mockRestore();
  });

  describe('beside another process writing the same stream (WEB_CONCURRENCY)', () => {
    let otherProcess: ClientAccounts;
    const elsewhere: CommandContext = { ...context, actor: 'desk-2', correlationId: 'req-elsewhere' };
    beforeEach(async () => {
      otherProcess = new ClientAccounts(store, clock);
      // Both processes have folded the stream this far; what the other one records next, this one's cache misses.
      await accounts.execute(invoice('INV-1', '100.00'), context);
    });
    const paymentsRecorded = async () =>
      (await store.readStream('client-acme')).filter((event) => event.type === 'PaymentReceived').map((event) => event.metadata.commandId);

    it('decides again on the stream as read when its cache is stale: no lost update, no retry spent', async () => {
      await otherProcess.execute(payment('P-1', '30.00'), elsewhere);
      const appends = jest.spyOn(store, 'append');
      expect((await accounts.execute(payment('P-2', '20.00'), context)).outcome).toBe('recorded');
      expect(appends).toHaveBeenCalledTimes(2);
      expect(await paymentsRecorded()).toEqual(['RecordPayment:P-1', 'RecordPayment:P-2']);
      expect(verifyChain(await store.readStream('client-acme')).valid).toBe(true);
    });

    it('answers a command the other process recorded on the same state as already recorded, and chains on its copy', async () => {
      // The same payment (one idempotency key) reached both processes: the other one appended first.
      await otherProcess.execute(payment('P-1', '30.00'), elsewhere);
      expect((await accounts.execute(payment('P-1', '30.00'), context)).outcome).toBe('already_recorded');
      expect((await accounts.execute(payment('P-2', '20.00'), context)).outcome).toBe('recorded');
      expect(await paymentsRecorded()).toEqual(['RecordPayment:P-1', 'RecordPayment:P-2']);
      // Folding its own copy of P-1 (another correlation id, so another hash) would have broken the chain here.
      expect(verifyChain(await store.readStream('client-acme')).valid).toBe(true);
    });
  });

  it('gives up with ConcurrencyExhaustedError after 3 retries on fresh state, appending nothing', async () => {
    const otherProcess = new ClientAccounts(store, clock);
    const append = store.append.bind(store);
    let rivalWrites = 0;
    jest.spyOn(store, 'append').mockImplementation(async (streamId, events, expected) => {
      if (events[0].metadata.actor === 'desk-1')
        await otherProcess.execute(invoice(`R-${++rivalWrites}`, '1.00'), { ...context, actor: 'rival' });
      return append(streamId, events, expected);
    });
    await expect(accounts.execute(payment('P-9', '5.00'), context)).rejects.toBeInstanceOf(ConcurrencyExhaustedError);
    // The first decision, on the unread cache, is not a race lost on fresh state: 1 + 1 + 3 appends lost.
    expect(rivalWrites).toBe(5);
    const types = (await store.readStream('client-acme')).map((event) => event.type);
    expect(types).not.toContain('PaymentReceived');
  });

  it('answers the account as known at an earlier instant', async () => {
    await accounts.execute(invoice('INV-1', '100.00'), context);
    clock.advance({ days: 10 });
    await accounts.execute(invoice('INV-2', '50.00'), context);
    const then = await accounts.get('acme', DateTime.fromISO('2026-03-05T00:00:00Z'));
    expect([...then.state.invoices.keys()]).toEqual(['INV-1']);
    const now = await accounts.get('acme');
    expect([...now.state.invoices.keys()]).toEqual(['INV-1', 'INV-2']);
    await expect(accounts.get('acme', DateTime.fromISO('2026-03-01T00:00:00Z'))).rejects.toBeInstanceOf(DomainError);
  });

  it('answers a long stream as known at an instant from its checkpoints: what was recorded by then, with its revision and hash', async () => {
    for (let index = 1; index <= 700; index++) {
      clock.advance({ minutes: 1 });
      await accounts.execute(invoice(`INV-${index}`, '1.00'), context);
    }
    const events = await store.readStream('client-acme');
    for (const invoices of [0, 248, 249, 250, 499, 555, 700]) {
      const asOf = DateTime.fromISO('2026-03-02T10:00:00Z').plus({ minutes: invoices });
      const then = await accounts.get('acme', asOf);
      expect(then.state.invoices.size).toBe(invoices);
      expect(then.revision).toBe(BigInt(invoices));
      expect(then.lastHash).toBe(events[invoices].metadata.hash);
    }
  });
});
