import type { RecordedEvent, SqlExecutor } from '@settle/event-store';
import {
  ClientFactsProjection,
  type Projection,
  type ProjectionHost,
  ProjectionRunner,
  inProcessLock,
  migrateCheckpoints,
  readCheckpoint,
} from '@settle/projections';
import { type PgliteDatabase, openPgliteDatabase } from './support/pglite-database';
import {
  crashingProjection,
  expectViewAtEvent,
  factsFromStreams,
  FAST_RUNNER,
  hostFor,
  viewRows,
  writeSide,
} from './support/projection-fixtures';
import { runDirectly } from './support/drivers';
import { mixedWorkload } from './support/workload';

describe('projection runner on PGlite', () => {
  let database: PgliteDatabase;
  let host: ProjectionHost;
  const clientIds = Array.from({ length: 8 }, (_, index) => `client-${index}`);
  let totalEvents = 0;

  beforeAll(async () => {
    database = await openPgliteDatabase();
    const { accounts, clock } = writeSide(database.store);
    await runDirectly(accounts, clock, mixedWorkload({ clients: 8, months: 4 }));
    totalEvents = (await database.store.readAll()).length;
    host = hostFor(database.store, database.sql);
    await host.migrate();
  });
  afterAll(async () => {
    await host?.stopRunners();
    await database?.close();
  });

  it('folds every client stream into the view and records the checkpoint with it', async () => {
    host.startRunners();
    await host.waitUntilCaughtUp();
    const rows = await viewRows(database.sql);
    const expected = await factsFromStreams(database.store, clientIds);
    expect([...rows.keys()]).toEqual([...clientIds].sort());
    for (const clientId of clientIds) expect(rows.get(clientId)!.facts).toEqual(expected.get(clientId));
    const checkpoint = await readCheckpoint(database.sql, 'client_facts');
    expect(checkpoint).toMatchObject({ eventsHandled: totalEvents, generation: 0 });
    const all = await database.store.readAll();
    expect(checkpoint!.position).toBe(all[all.length - 1].position);
    const [status] = await host.status();
    expect(status).toMatchObject({ name: 'client_facts', state: 'live', runningHere: true, lag: { events: 0, capped: false, seconds: 0 } });
  });

  it('follows new events live', async () => {
    const { accounts, clock } = writeSide(database.store);
    clock.set('2025-06-01T10:00:00Z');
    await accounts.execute(
      { type: 'IssueInvoice', data: { clientId: 'client-0', invoiceId: 'LIVE-1', amount: '10.00', currency: 'EUR' } },
      { actor: 't', role: 'admin', source: 'api', correlationId: 'c' },
    );
    await host.waitUntilCaughtUp();
    const rows = await viewRows(database.sql);
    expect(rows.get('client-0')!.facts.invoices.map((invoice) => invoice.invoiceId)).toContain('LIVE-1');
  });

  it('rolls a batch back whole when the runner dies between the view write and the commit; a restart equals a rebuild', async () => {
    await host.stopRunners();
    await host.rebuild();
    // Dies in its third batch, and in every attempt after it: the process is as good as gone.
    const crashing = crashingProjection((batch) => batch >= 3);
    // Without forgetStream it follows the log in global order even from zero (no stream groups): batches, not groups.
    const inLogOrder = Object.assign(Object.create(crashing.projection) as typeof crashing.projection, { forgetStream: undefined });
    const doomed = new ProjectionRunner(
      { store: database.store, sql: database.sql, projection: inLogOrder, lock: inProcessLock() },
      FAST_RUNNER,
    );
    doomed.start();
    await waitFor(() => crashing.batches() >= 4);
    await doomed.stop();

    // What the view holds is exactly the first two batches: nothing of the third survived.
    await expectViewAtEvent(database.store, database.sql, 2 * FAST_RUNNER.batchSize!);

    const restarted = new ProjectionRunner(
      { store: database.store, sql: database.sql, projection: new ClientFactsProjection(), lock: inProcessLock() },
      FAST_RUNNER,
    );
    restarted.start();
    await host.waitUntilCaughtUp();
    await restarted.stop();
    const expected = await factsFromStreams(database.store, clientIds);
    const healed = await viewRows(database.sql);
    for (const clientId of clientIds) expect(healed.get(clientId)!.facts).toEqual(expected.get(clientId));
    expect((await readCheckpoint(database.sql, 'client_facts'))!.eventsHandled).toBe((await database.store.readAll()).length);
    const verification = await host.verify();
    expect(verification).toMatchObject({ checked: clientIds.length, differences: [] });
  });

  it('verifies against a rebuild beside the live view and names what was altered', async () => {
    host.startRunners();
    await host.waitUntilCaughtUp();
    expect((await host.verify()).differences).toEqual([]);
    await database.sql.query(`update client_facts set outstanding = outstanding + 1 where client_id = 'client-3'`);
    await database.sql.query(
      `update client_facts_items set data = jsonb_set(data, '{amount}', '"1"') where client_id = 'client-3' and kind = 'invoices' and item_key = 'INV-2'`,
    );
    const report = await host.verify();
    expect(report.checked).toBe(clientIds.length);
    expect(report.differences).toEqual([
      { projection: 'client_facts', key: 'client-3', kind: 'different', fields: ['outstanding', 'facts.invoices'] },
    ]);
    await database.sql.query(`delete from client_facts where client_id = 'client-5'`);
    expect((await host.verify()).differences.map(({ key, kind }) => [key, kind])).toEqual([
      ['client-3', 'different'],
      ['client-5', 'missing'],
    ]);
    // Nothing of the verification is left behind.
    const { rows } = await database.sql.query<{ count: string }>(
      `select count(*)::text as count from pg_tables where tablename like 'client_facts_v%'`,
    );
    expect(rows[0].count).toBe('0');
  });

  it('replaces a view built by another version of the projection, tables and all, and rebuilds it', async () => {
    await host.stopRunners();
    // As a previous version left it: another shape, another version number.
    await database.sql.query(`alter table client_facts drop column item_counts`);
    await database.sql.query(`update projection_checkpoints set version = 1 where name = 'client_facts'`);
    const before = await readCheckpoint(database.sql, 'client_facts');
    await host.migrate();
    expect(await readCheckpoint(database.sql, 'client_facts')).toMatchObject({
      version: 3,
      generation: before!.generation + 1,
      position: null,
      eventsHandled: 0,
    });
    expect((await database.sql.query(`select count(*)::int as count from client_facts`)).rows).toEqual([{ count: 0 }]);
    host.startRunners();
    await host.waitUntilCaughtUp();
    expect((await host.verify()).differences).toEqual([]);
  });

  it('rebuilds from zero on request and repairs the view', async () => {
    const before = await readCheckpoint(database.sql, 'client_facts');
    const [requested] = await host.rebuild();
    expect(requested.checkpoint.generation).toBe(before!.generation + 1);
    await host.waitUntilCaughtUp();
    expect((await host.verify()).differences).toEqual([]);
    const [status] = await host.status();
    expect(status).toMatchObject({ state: 'live', checkpoint: { eventsHandled: (await database.store.readAll()).length } });
    expect(status.rebuild).toEqual({ startedAt: expect.any(String), finishedAt: expect.any(String) });
  });
});

describe('a rebuild from zero of a projection that declares its event types, on PGlite', () => {
  it('applies only those types and counts every event it went through', async () => {
    const database = await openPgliteDatabase();
    const { accounts, clock } = writeSide(database.store);
    await runDirectly(accounts, clock, mixedWorkload({ clients: 6, months: 3 }));
    const all = await database.store.readAll();
    const projection = new EventsByType(['ClientRegistered', 'InvoiceIssued']);
    await migrateCheckpoints(database.sql);
    await projection.migrate(database.sql);
    const runner = new ProjectionRunner({ store: database.store, sql: database.sql, projection, lock: inProcessLock() }, FAST_RUNNER);
    try {
      runner.start();
      await waitFor(() => runner.status().state === 'live');
      const { rows } = await database.sql.query<{ stream_id: string; type: string; events: number }>(
        'select stream_id, type, events from events_by_type order by stream_id, type',
      );
      const expected = new Map<string, number>();
      for (const event of all.filter((recorded) => projection.eventTypes.includes(recorded.type))) {
        const key = `${event.streamId} ${event.type}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      expect(new Map(rows.map((row) => [`${row.stream_id} ${row.type}`, row.events]))).toEqual(expected);
      expect(all.length).toBeGreaterThan([...expected.values()].reduce((sum, events) => sum + events, 0));
      expect(await readCheckpoint(database.sql, projection.name)).toMatchObject({
        eventsHandled: all.length,
        position: all.at(-1)!.position,
      });
    } finally {
      await runner.stop();
      await database.close();
    }
  });
});

/** How many events of each declared type each stream holds: fails on any other type, which the runner must not pass. */
class EventsByType implements Projection {
  readonly name = 'events_by_type';
  readonly version = 1;
  constructor(readonly eventTypes: readonly string[]) {}

  async migrate(sql: SqlExecutor): Promise<void> {
    await sql.query(
      `create table if not exists events_by_type (stream_id text, type text, events int not null, primary key (stream_id, type))`,
    );
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query('truncate events_by_type');
  }

  async forgetStream(tx: SqlExecutor, streamId: string): Promise<void> {
    await tx.query('delete from events_by_type where stream_id = $1', [streamId]);
  }

  async apply(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (!this.eventTypes.includes(event.type)) throw new Error(`${event.type} was not asked for`);
      await tx.query(
        `insert into events_by_type values ($1, $2, 1) on conflict (stream_id, type) do update set events = events_by_type.events + 1`,
        [event.streamId, event.type],
      );
    }
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
