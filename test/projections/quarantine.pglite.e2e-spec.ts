import { streamIdForClient } from '@settle/domain';
import { type SqlExecutor, type RecordedEvent } from '@settle/event-store';
import { ClientFactsProjection, type ProjectionHost, readCheckpoint } from '@settle/projections';
import { type PgliteDatabase, openPgliteDatabase } from './support/pglite-database';
import { appendUnvalidated, failLikeTheOldReader, farFutureInvoice } from './support/poison';
import { factsFromStreams, hostFor, viewRows, writeSide } from './support/projection-fixtures';
import { runDirectly } from './support/drivers';
import { behaviourFactsOf } from '@settle/projections';
import { mixedWorkload } from './support/workload';

/** The client facts projection with its reader as it was before the fix, until `fix()`. */
function projectionWithOldReader() {
  const real = new ClientFactsProjection();
  let fixed = false;
  const projection = Object.assign(Object.create(real) as ClientFactsProjection, {
    apply: async (tx: SqlExecutor, events: readonly RecordedEvent[]) => {
      if (!fixed) failLikeTheOldReader(events);
      await real.apply(tx, events);
    },
  });
  return { projection, fix: () => (fixed = true) };
}

/** A host running `projection` alone, once it has caught up with the store. */
async function runCaughtUp(database: PgliteDatabase, projection: ClientFactsProjection): Promise<ProjectionHost> {
  const host = hostFor(database.store, database.sql, { projections: [projection] });
  await host.migrate();
  host.startRunners();
  await host.waitUntilCaughtUp();
  return host;
}

const ISSUE = { actor: 't', role: 'admin' as const, source: 'api' as const, correlationId: 'c' };

describe('projection runner: a stream it cannot apply is quarantined, the others stay live (PGlite)', () => {
  let database: PgliteDatabase;
  let host: ProjectionHost;
  const reader = projectionWithOldReader();
  const clientIds = Array.from({ length: 6 }, (_, index) => `client-${index}`);
  const poisoned = 'client-2';
  let poison: RecordedEvent;

  const issue = async (clientId: string, invoiceId: string) => {
    const { accounts, clock } = writeSide(database.store);
    clock.set('2025-06-01T10:00:00Z');
    await accounts.execute({ type: 'IssueInvoice', data: { clientId, invoiceId, amount: '10.00', currency: 'EUR' } }, ISSUE);
  };

  beforeAll(async () => {
    database = await openPgliteDatabase();
    const { accounts, clock } = writeSide(database.store);
    const workload = mixedWorkload({ clients: 6, months: 3 });
    // The poisoned event in the middle of the log, so its batch (25 events) holds other clients' events too.
    const half = Math.floor(workload.length / 2);
    await runDirectly(accounts, clock, workload.slice(0, half));
    poison = await appendUnvalidated(database.store, poisoned, 'InvoiceIssued', farFutureInvoice(poisoned, 'FAR-1'));
    await runDirectly(accounts, clock, workload.slice(half));
    host = await runCaughtUp(database, reader.projection);
  });
  afterAll(async () => {
    await host?.stopRunners();
    await database?.close();
  });

  it('commits the other streams of the batch and moves the checkpoint on', async () => {
    const all = await database.store.readAll();
    expect(await readCheckpoint(database.sql, 'client_facts')).toMatchObject({
      eventsHandled: all.length,
      position: all[all.length - 1].position,
    });
    const rows = await viewRows(database.sql);
    const expected = await factsFromStreams(database.store, clientIds);
    for (const clientId of clientIds.filter((id) => id !== poisoned)) expect(rows.get(clientId)!.facts).toEqual(expected.get(clientId));
    // The poisoned client keeps what the events before the poison made of it.
    const stream = await database.store.readStream(streamIdForClient(poisoned));
    const before = stream.filter((event) => event.revision < poison.revision);
    expect(rows.get(poisoned)!.facts).toEqual(behaviourFactsOf(before));
    expect(rows.get(poisoned)!.stream_revision).toBe(String(poison.revision - 1n));

    const [status] = await host.status();
    expect(status).toMatchObject({
      state: 'live',
      lastError: null,
      quarantine: {
        count: 1,
        first: [
          {
            streamId: streamIdForClient(poisoned),
            revision: String(poison.revision),
            eventType: 'InvoiceIssued',
            reason: 'date/time field value out of range: "+010000-01-30"',
            since: expect.any(String),
          },
        ],
      },
    });
  });

  it('passes the later events of the quarantined stream by and follows the others live', async () => {
    await issue(poisoned, 'LATER-1');
    await issue('client-4', 'LATER-2');
    await host.waitUntilCaughtUp();
    const rows = await viewRows(database.sql);
    expect(rows.get('client-4')!.facts.invoices.map((invoice) => invoice.invoiceId)).toContain('LATER-2');
    expect(rows.get(poisoned)!.facts.invoices.map((invoice) => invoice.invoiceId)).not.toContain('LATER-1');
    // Passed by, not lost: a rebuild of the stream replays through its last event.
    const stream = await database.store.readStream(streamIdForClient(poisoned));
    expect((await host.quarantinesOf(streamIdForClient(poisoned)))[0].throughRevision).toBe(stream[stream.length - 1].revision);
  });

  it('a rebuild of the stream that still fails keeps it quarantined; after the fix it recovers and is followed again', async () => {
    const stream = streamIdForClient(poisoned);
    expect(await host.rebuildStreams([stream])).toEqual([
      {
        projection: 'client_facts',
        streamId: stream,
        outcome: 'still_failing',
        revision: String(poison.revision),
        reason: expect.stringContaining('out of range'),
      },
    ]);
    expect(await host.rebuildStreams([streamIdForClient('client-1')])).toEqual([
      { projection: 'client_facts', streamId: streamIdForClient('client-1'), outcome: 'not_quarantined' },
    ]);

    reader.fix();
    const events = (await database.store.readStream(stream)).length;
    expect(await host.rebuildStreams([stream])).toEqual([
      { projection: 'client_facts', streamId: stream, outcome: 'recovered', eventsReplayed: events },
    ]);
    await issue(poisoned, 'AFTER-FIX');
    await host.waitUntilCaughtUp();
    const rows = await viewRows(database.sql);
    expect(rows.get(poisoned)!.facts).toEqual((await factsFromStreams(database.store, [poisoned])).get(poisoned));
    expect(rows.get(poisoned)!.facts.invoices.map((invoice) => invoice.invoiceId)).toEqual(
      expect.arrayContaining(['FAR-1', 'LATER-1', 'AFTER-FIX']),
    );
    expect((await host.status())[0].quarantine).toEqual({ count: 0, first: [] });
    expect((await host.verify()).differences).toEqual([]);
  });
});

describe('projection runner: a rebuild from zero retries the quarantined streams (PGlite)', () => {
  let database: PgliteDatabase;
  let host: ProjectionHost;
  const reader = projectionWithOldReader();

  beforeAll(async () => {
    database = await openPgliteDatabase();
    const { accounts, clock } = writeSide(database.store);
    await runDirectly(accounts, clock, mixedWorkload({ clients: 3, months: 1 }));
    await appendUnvalidated(database.store, 'client-1', 'InvoiceIssued', farFutureInvoice('client-1', 'FAR-1'));
    host = await runCaughtUp(database, reader.projection);
  });
  afterAll(async () => {
    await host?.stopRunners();
    await database?.close();
  });

  it('quarantines again what still fails, and lifts what applies now', async () => {
    expect((await host.status())[0].quarantine.count).toBe(1);
    await host.rebuild();
    await host.waitUntilCaughtUp();
    expect((await host.status())[0].quarantine).toMatchObject({ count: 1, first: [{ streamId: streamIdForClient('client-1') }] });

    reader.fix();
    await host.rebuild();
    await host.waitUntilCaughtUp();
    expect((await host.status())[0].quarantine).toEqual({ count: 0, first: [] });
    const rows = await viewRows(database.sql);
    expect(rows.get('client-1')!.facts.invoices.map((invoice) => invoice.invoiceId)).toContain('FAR-1');
  });
});
