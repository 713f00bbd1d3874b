import { ClientAccounts, ManualClock } from '@settle/command-pipeline';
import { type BehaviourFacts, clientIdOfStream } from '@settle/domain';
import { type EventStore, type SqlClient, type SqlExecutor } from '@settle/event-store';
import {
  behaviourFactsFromStream,
  ClientFactsProjection,
  ClientFactsReader,
  readCheckpoint,
  type ExclusiveLock,
  inProcessLock,
  ProjectionHost,
  type ProjectionRunnerOptions,
  type VerifiableProjection,
} from '@settle/projections';
import { DateTime } from 'luxon';

// Small groups: a rebuild from zero of these few clients takes several stream groups, as a real one does.
export const FAST_RUNNER: ProjectionRunnerOptions = {
  batchSize: 25,
  groupEvents: 25,
  retryDelayMs: 20,
  checkIntervalMs: 50,
  progressLogIntervalMs: 60_000,
};

export function hostFor(
  store: EventStore,
  sql: SqlClient,
  options: { projections?: VerifiableProjection[]; lock?: ExclusiveLock; runner?: ProjectionRunnerOptions } = {},
): ProjectionHost {
  return new ProjectionHost({
    store,
    sql,
    projections: options.projections ?? [new ClientFactsProjection()],
    lock: options.lock ?? inProcessLock(),
    runner: { ...FAST_RUNNER, ...options.runner },
  });
}

export const writeSide = (store: EventStore) => {
  const clock = new ManualClock(DateTime.fromISO('2025-01-01T00:00:00Z', { zone: 'utc' }));
  return { clock, accounts: new ClientAccounts(store, clock) };
};

/** What the live client facts view holds, by client id. */
export async function viewRows(
  sql: SqlExecutor,
): Promise<Map<string, { facts: BehaviourFacts; outstanding: string; stream_revision: string }>> {
  const { rows } = await sql.query<{ client_id: string; outstanding: string; stream_revision: string }>(
    `select client_id, outstanding::text as outstanding, stream_revision::text as stream_revision from client_facts order by client_id`,
  );
  const facts = new Map((await new ClientFactsReader(sql).list()).map((clientFacts) => [clientFacts.clientId, clientFacts]));
  return new Map(
    rows.map((row) => [
      row.client_id,
      { facts: facts.get(row.client_id)!, outstanding: row.outstanding, stream_revision: row.stream_revision },
    ]),
  );
}

/** What the view must hold for each client: its whole stream folded. */
export async function factsFromStreams(store: EventStore, clientIds: readonly string[]): Promise<Map<string, BehaviourFacts>> {
  const entries = await Promise.all(
    clientIds.map(async (clientId) => [clientId, (await behaviourFactsFromStream(store, clientId))!] as const),
  );
  return new Map(entries);
}

/** A projection that writes its batch and then fails before the commit, on the batches `crashOn` says. */
export function crashingProjection(crashOn: (batch: number) => boolean): { projection: VerifiableProjection; batches: () => number } {
  const real = new ClientFactsProjection();
  let batches = 0;
  const projection = Object.assign(Object.create(real) as ClientFactsProjection, {
    apply: async (tx: SqlExecutor, events: Parameters<ClientFactsProjection['apply']>[1]) => {
      batches += 1;
      await real.apply(tx, events);
      // As the runner sees a crash before the commit: the connection fails (SQLSTATE 08006), not the events.
      if (crashOn(batches))
        throw Object.assign(new Error(`simulated crash in batch ${batches}, after the view write, before the commit`), { code: '08006' });
    },
  });
  return { projection, batches: () => batches };
}

/** The view holds the first `count` events of the store and nothing after them: its checkpoint and each client's revision say so. */
export async function expectViewAtEvent(store: EventStore, sql: SqlExecutor, count: number): Promise<void> {
  const handled = await store.readAll({ maxCount: count });
  const revisions = new Map<string, string>();
  for (const event of handled) {
    const clientId = clientIdOfStream(event.streamId);
    if (clientId !== undefined) revisions.set(clientId, event.revision.toString());
  }
  const rows = await viewRows(sql);
  expect(new Map([...rows].map(([clientId, row]) => [clientId, row.stream_revision]))).toEqual(revisions);
  expect(await readCheckpoint(sql, 'client_facts')).toMatchObject({ eventsHandled: count, position: handled[handled.length - 1].position });
}

/**
 * The view holds the first `groups` stream groups of a rebuild from zero (of `groupEvents` events, as
 * the runner reads them) and nothing else: each client's revision and the checkpoint's count say so,
 * and the position is still the beginning.
 */
export async function expectViewAfterGroups(store: EventStore, sql: SqlExecutor, groups: number, groupEvents: number): Promise<void> {
  const through = (await store.lastPosition!())!;
  const revisions = new Map<string, string>();
  let events = 0;
  for (let group = 0, afterStream: string | undefined; group < groups; group++) {
    const read = await store.readStreamGroup!({ afterStream, maxEvents: groupEvents, through });
    afterStream = read.lastStream;
    events += read.eventCount;
    for (const event of read.events) {
      const clientId = clientIdOfStream(event.streamId);
      if (clientId !== undefined) revisions.set(clientId, event.revision.toString());
    }
  }
  const rows = await viewRows(sql);
  expect(new Map([...rows].map(([clientId, row]) => [clientId, row.stream_revision]))).toEqual(revisions);
  expect(await readCheckpoint(sql, 'client_facts')).toMatchObject({ eventsHandled: events, position: null });
}
