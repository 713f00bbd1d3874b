import { type RecordedEvent, type SqlExecutor } from '@settle/event-store';
import { readCheckpoint } from '@settle/projections';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { runDirectly } from './support/drivers';
import { postgresProcess, type PostgresProcess } from './support/postgres-process';
import {
  crashingProjection,
  expectViewAfterGroups,
  factsFromStreams,
  FAST_RUNNER,
  viewRows,
  writeSide,
} from './support/projection-fixtures';
import { mixedWorkload } from './support/workload';

async function eventually(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('projection runner on PostgreSQL', () => {
  let database: TestDatabase;
  let admin: Pool;
  const processes: PostgresProcess[] = [];
  const start = async (runnerId: string, projections?: Parameters<typeof postgresProcess>[2], retryDelayMs?: number) => {
    const started = await postgresProcess(database.url, runnerId, projections, retryDelayMs);
    processes.push(started);
    return started;
  };
  const leader = async (process: PostgresProcess) => (await readCheckpoint(process.sql, 'client_facts'))?.runner;
  const workload = (process: PostgresProcess, prefix: string) => {
    const { accounts, clock } = writeSide(process.store);
    return runDirectly(accounts, clock, mixedWorkload({ clients: 4, months: 3, prefix }));
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.close()));
    await admin?.end();
    await database?.drop();
  });

  it('runs each projection in exactly one process; a second waits as a hot standby and takes over when the first stops', async () => {
    const one = await start('one');
    // After losing its lock (next test), two waits a second before competing for it again.
    const two = await start('two', undefined, 1000);
    await workload(one, 'a');
    one.host.startRunners();
    await one.host.waitUntilCaughtUp();
    expect(await leader(one)).toBe('one');
    two.host.startRunners();
    await eventually(async () => (await two.host.status())[0].state === 'standby');
    // Events keep coming: the leader handles them, the standby does not touch the view.
    await workload(two, 'b');
    await two.host.waitUntilCaughtUp();
    expect(await leader(two)).toBe('one');
    const [asSeenByTwo] = await two.host.status();
    expect(asSeenByTwo).toMatchObject({ state: 'standby', runningHere: true, runner: 'one', lag: { events: 0 } });

    await one.host.stopRunners();
    await eventually(async () => (await leader(two)) === 'two');
    await workload(one, 'c');
    await two.host.waitUntilCaughtUp();
    expect((await two.host.status())[0]).toMatchObject({ state: 'live', runner: 'two' });
    expect((await two.host.verify()).differences).toEqual([]);
    const clientIds = ['a', 'b', 'c'].flatMap((prefix) => [0, 1, 2, 3].map((index) => `${prefix}-${index}`));
    const rows = await viewRows(two.sql);
    const expected = await factsFromStreams(two.store, clientIds);
    for (const clientId of clientIds) expect(rows.get(clientId)?.facts).toEqual(expected.get(clientId));
  });

  it('a leader whose lock connection dies goes back to standby and the standby takes over', async () => {
    const [, two] = processes;
    const three = await start('three');
    three.host.startRunners();
    await eventually(async () => (await three.host.status())[0].state === 'standby');
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_locks where locktype = 'advisory' and granted and classid = 727102`,
    );
    expect(rows).toHaveLength(1);
    await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
    await eventually(async () => (await leader(three)) === 'three');
    // Until two notices, both may write: the checkpoint's compare-and-set rolls back whichever comes second.
    await eventually(async () => (await two.host.status())[0].state === 'standby');
    await workload(three, 'd');
    await three.host.waitUntilCaughtUp();
    expect((await three.host.verify()).differences).toEqual([]);
  });

  it('a batch whose connection is killed between the view write and the commit leaves nothing behind; a new process equals a rebuild', async () => {
    await Promise.all(processes.splice(0).map((process) => process.close()));
    const observer = await start('observer');
    await observer.host.rebuild();
    // The doomed process's third batch transaction is killed on the server, as if the process died
    // mid-batch; it would only try again after a minute, so what it left behind can be inspected.
    const crash = crashingProjection((batch) => batch === 3);
    let killed = false;
    const killingProjection = Object.assign(Object.create(crash.projection), {
      apply: async (tx: SqlExecutor, events: RecordedEvent[]) => {
        try {
          await crash.projection.apply(tx, events);
        } catch {
          // Killed while a statement runs, so that the driver reports it to that statement.
          const [{ pid }] = (await tx.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
          const sleeping = tx.query('select pg_sleep(30)').then(
            () => new Error('pg_sleep was not interrupted'),
            (error: unknown) => error,
          );
          await eventually(
            async () =>
              (await admin.query(`select 1 from pg_stat_activity where pid = $1 and query like '%pg_sleep%'`, [pid])).rowCount === 1,
          );
          await admin.query('select pg_terminate_backend($1)', [pid]);
          killed = true;
          throw await sleeping;
        }
      },
    });
    const doomed = await start('doomed', [killingProjection], 60_000);
    doomed.host.startRunners();
    await eventually(async () => killed && (await doomed.host.status())[0].state === 'retrying');
    // A rebuild from zero reads a stream group per transaction: the first two are there, nothing of the third.
    await expectViewAfterGroups(observer.store, observer.sql, 2, FAST_RUNNER.groupEvents!);
    await doomed.close();
    processes.splice(processes.indexOf(doomed), 1);

    const fresh = await start('fresh');
    fresh.host.startRunners();
    await fresh.host.waitUntilCaughtUp();
    expect(await fresh.host.verify()).toMatchObject({ checked: 16, differences: [] });
    expect((await readCheckpoint(fresh.sql, 'client_facts'))!.eventsHandled).toBe((await fresh.store.readAll()).length);
  });
});
