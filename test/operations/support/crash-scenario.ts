import { ApiChild } from './api-child';
import {
  acknowledged,
  burst,
  type ClientPlan,
  commandsOf,
  getJson,
  historyOf,
  type HistoryEvent,
  type Outcome,
  planClient,
  type PlannedCommand,
  send,
} from './crash-workload';
import { checkpointIn, collectionsEventIdsIn, type DirectQuery } from './crash-store';

/** The store a crash test runs on: how a process reaches it, and how to read it with no process running. */
export interface CrashStore {
  env: Record<string, string>;
  /** Reads the store straight from SQL (after a kill, before the restart: what the killed process left). */
  read<T>(work: (query: DirectQuery) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

/** The first clock: every business date of the workload is on or before its day; nothing is overdue yet. */
const BEFORE = '2026-03-02T10:00:00Z';
/** The later clock (a Wednesday, inside business hours): every invoice is three months overdue. */
const LATER = '2026-06-10T10:00:00Z';

interface ProjectionStatus {
  lag: { events: number };
  state: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * SPEC 10 ("a SIGKILL at any moment loses nothing acknowledged"), SPEC 4.5 (a checkpoint moves with
 * its view) and SPEC 5 (decisions recorded exactly once): a real API process under a burst of
 * commands is killed at three moments — during appends, during a projection batch, during a
 * collections run — and restarted on the same store each time.
 */
export function describeCrashConsistency(storeName: string, openStore: () => Promise<CrashStore>): void {
  describe(`SIGKILL at any moment loses nothing acknowledged and records nothing twice (${storeName})`, () => {
    let store: CrashStore;
    let api: ApiChild | undefined;
    const plans = {
      appends: clients('a', 20),
      projection: clients('p', 20),
      // Registered just before the explicit run, with overdue invoices only: many clients, each with much to decide.
      collections: clients('c', 34, { invoicesOnly: true }),
    };
    const allPlans = [...plans.appends, ...plans.projection, ...plans.collections];
    const outcomes = new Map<PlannedCommand, Outcome>();

    beforeAll(async () => (store = await openStore()));
    afterAll(async () => {
      await api?.stop();
      await store?.dispose();
    });

    // No scheduled cycle: each run below is requested, so the test knows when one happens.
    const start = async (now: string) => (api = await ApiChild.start({ ...store.env, NOW: now, COLLECTIONS_SCHEDULE: 'off' }));
    const runCycle = (running: ApiChild) =>
      getJson<{ eventsAppended: number }>(running, '/v1/admin/collections/run', { method: 'POST', body: JSON.stringify({ asOf: LATER }) });
    const kill = async (running: ApiChild) => {
      running.signal('SIGKILL');
      expect(await running.exited).toEqual({ code: null, signal: 'SIGKILL' });
      api = undefined;
    };
    /** After a restart: every command answered 2xx before the kill is in its client's stream; nothing was refused. */
    const expectAcknowledgedRecorded = async (running: ApiChild, phase: readonly ClientPlan[]) => {
      const commands = commandsOf(phase);
      const refused = commands.filter((command) => {
        const outcome = outcomes.get(command)!;
        return outcome.kind === 'answered' && !acknowledged(outcome);
      });
      expect(refused.map((command) => [command.commandId, outcomes.get(command)])).toEqual([]);
      const recorded = new Set((await histories(running, phase)).flat().map((event) => event.metadata.commandId));
      const lost = commands.filter((command) => acknowledged(outcomes.get(command)) && !recorded.has(command.commandId));
      expect(lost.map((command) => command.commandId)).toEqual([]);
    };

    const tally = (phase: readonly ClientPlan[]) => {
      const kinds = commandsOf(phase).map((command) => outcomes.get(command)!);
      return {
        acknowledged: kinds.filter(acknowledged).length,
        inFlight: kinds.filter((outcome) => outcome.kind === 'in_flight').length,
        unsent: kinds.filter((outcome) => outcome.kind === 'unsent').length,
      };
    };

    it('(a) killed during appends: every acknowledged command is in its stream after the restart', async () => {
      const running = await start(BEFORE);
      const planned = commandsOf(plans.appends).length;
      const sending = burst(running, plans.appends, outcomes);
      // Killed once 40 % are acknowledged: the burst is in full flow, answered and unanswered commands side by side.
      while (tally(plans.appends).acknowledged < planned * 0.4) await sleep(2);
      await kill(running);
      await sending;
      const { acknowledged: answered, inFlight } = tally(plans.appends);
      expect(answered).toBeLessThan(planned);
      expect(inFlight).toBeGreaterThan(0);
    });

    it('(b) killed while the client_facts projection applies a batch: the view and its checkpoint move together', async () => {
      const running = await start(BEFORE);
      await expectAcknowledgedRecorded(running, plans.appends);
      const sending = burst(running, plans.projection, outcomes);
      // Mid-burst the view is rebuilt: its runner reads the log again from the start and applies it in
      // one batch with its checkpoint, while the appends go on. The kill comes the moment the rebuild
      // is accepted, when that batch begins (a live batch of a few events lasts a few milliseconds:
      // seen from outside, one cannot be caught reliably).
      while (tally(plans.projection).acknowledged < commandsOf(plans.projection).length / 2) await sleep(2);
      const rebuild = await running.fetch('/v1/admin/projections/rebuild', {
        method: 'POST',
        body: JSON.stringify({ projections: ['client_facts'] }),
      });
      expect(rebuild.status).toBe(202);
      await kill(running);
      await sending;
      expect(tally(plans.projection).acknowledged).toBeGreaterThan(0);
      // What the kill left: the rebuilt view's checkpoint behind the log (its batch not committed), for the restart to take up.
      const checkpoint = await store.read((query) => checkpointIn(query, 'client_facts'));
      expect(checkpoint.eventsHandled).toBeLessThan(checkpoint.events);
    });

    it('(c) killed during a collections run: a run for the same instant after the restart records only what the killed one had not', async () => {
      let running = await start(LATER);
      await expectAcknowledgedRecorded(running, plans.projection);
      // The batch the kill interrupted left no trace: the view equals a rebuild, the checkpoint counts each event once.
      await waitUntilCaughtUp(running);
      expect((await getJson<{ differences: unknown[] }>(running, '/v1/admin/verify', { method: 'POST' })).differences).toEqual([]);
      // A first cycle decides for the clients so far; then the last clients are registered, whose
      // overdue invoices leave the next run much to decide.
      await runCycle(running);
      await burst(running, plans.collections, outcomes);
      expect(tally(plans.collections)).toEqual({ acknowledged: commandsOf(plans.collections).length, inFlight: 0, unsent: 0 });

      const before = await collectionsEventIdsOf(running, allPlans);
      const lastRevisions = await Promise.all(
        plans.collections.map(async (stages) => (await historyOf(running, clientIdOf(stages))).length - 1),
      );
      /** Whether any of the last clients has an event beyond `lastRevisions` (read by stream: a client's history never waits for other transactions). */
      const runHasRecorded = async (api: ApiChild) =>
        (
          await Promise.all(
            plans.collections.map(async (stages, index) => {
              const page = await getJson<{ events: unknown[] }>(
                api,
                `/v1/clients/${clientIdOf(stages)}/history?after=${lastRevisions[index]}&limit=1`,
              );
              return page.events.length > 0;
            }),
          )
        ).some(Boolean);
      let answered = false;
      const run = running
        .fetch('/v1/admin/collections/run', { method: 'POST', body: JSON.stringify({ asOf: LATER }) })
        .then(() => (answered = true))
        .catch(() => undefined);
      // Killed once the run has recorded its first decisions, before it has answered.
      while (!answered && !(await runHasRecorded(running))) await sleep(1);
      expect(answered).toBe(false);
      await kill(running);
      await run;
      expect(answered).toBe(false);

      const onDisk = await store.read(collectionsEventIdsIn);
      const recordedByKilledRun = new Map(
        [...onDisk].flatMap(([streamId, ids]) => {
          const fresh = [...ids].filter((id) => !before.get(streamId)?.has(id));
          return fresh.length > 0 ? [[streamId, new Set(fresh)] as const] : [];
        }),
      );
      expect(recordedByKilledRun.size).toBeGreaterThan(0);

      running = await start(LATER);
      // The run after the restart completes what the killed one had not; one more finds nothing left.
      await runCycle(running);
      const second = await runCycle(running);
      expect(second.eventsAppended).toBe(0);

      const after = await collectionsEventIdsOf(running, allPlans);
      // What the killed run recorded stays as it was: the runs after it added nothing for those clients.
      for (const [streamId] of recordedByKilledRun) expect([...after.get(streamId)!].sort()).toEqual([...onDisk.get(streamId)!].sort());
      // And the clients it had not reached were decided by the run at the restart: every overdue client has its decisions.
      for (const stages of plans.collections) expect(after.get(`client-${stages[0][0].clientId}`)?.size ?? 0).toBeGreaterThan(0);
      await expectNoCommandRecordedTwice(running, allPlans);
    });

    it('after the restarts: chains verify, views equal a rebuild, and resending every command appends only what was never recorded, once', async () => {
      const running = api!;
      await waitUntilCaughtUp(running);
      expect((await getJson<{ differences: unknown[] }>(running, '/v1/admin/verify', { method: 'POST' })).differences).toEqual([]);

      const before = (await histories(running, allPlans)).flat();
      const recordedBefore = new Set(before.map((event) => event.metadata.commandId));
      const first = await resend(running, allPlans);
      // 200 for what a stream holds (every command acknowledged before a kill among them), 201 for the rest, each naming its resource.
      const unexpected = first.filter(({ command, status, body }) => {
        const expected = recordedBefore.has(command.commandId) ? 200 : 201;
        return status !== expected || body[command.id.field] !== command.id.value;
      });
      expect(unexpected.map(({ command, status }) => [command.commandId, status, outcomes.get(command)])).toEqual([]);
      expect(first.filter(({ command, status }) => acknowledged(outcomes.get(command)) && status !== 200)).toEqual([]);
      // Only the commands never recorded added events, under their own ids.
      const afterFirst = (await histories(running, allPlans)).flat();
      const added = afterFirst.filter((event) => !recordedBefore.has(event.metadata.commandId));
      expect(added).toHaveLength(afterFirst.length - before.length);
      expect([...new Set(added.map((event) => event.metadata.commandId))].sort()).toEqual(
        first
          .filter(({ status }) => status === 201)
          .map(({ command }) => command.commandId)
          .sort(),
      );

      // Everything is recorded now: once more, and nothing moves.
      const again = await resend(running, allPlans);
      expect(again.filter(({ status }) => status !== 200)).toEqual([]);
      expect(await eventCount(running, allPlans)).toBe(afterFirst.length);
      await expectChainsValid(running, allPlans);
      await expectNoCommandRecordedTwice(running, allPlans);
      expect(await running.stop()).toEqual({ code: 0, signal: null });
      api = undefined;
    });
  });
}

const clients = (prefix: string, count: number, options?: Parameters<typeof planClient>[1]): ClientPlan[] =>
  Array.from({ length: count }, (_, index) => planClient(`crash-${prefix}${String(index).padStart(2, '0')}`, options));

const clientIdOf = (stages: ClientPlan) => stages[0][0].clientId;

async function waitUntilCaughtUp(api: ApiChild, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { projections } = await getJson<{ projections: ProjectionStatus[] }>(api, '/v1/admin/projections');
    if (projections.every((projection) => projection.lag.events === 0 && projection.state === 'live')) return;
    if (Date.now() > deadline) throw new Error(`Projections did not catch up: ${JSON.stringify(projections)}`);
    await sleep(100);
  }
}

const histories = (api: ApiChild, plans: readonly ClientPlan[]): Promise<HistoryEvent[][]> =>
  Promise.all(plans.map((stages) => historyOf(api, clientIdOf(stages))));

async function collectionsEventIdsOf(api: ApiChild, plans: readonly ClientPlan[]): Promise<Map<string, Set<string>>> {
  const streams = await histories(api, plans);
  return new Map(
    plans.map((stages, index) => [
      `client-${clientIdOf(stages)}`,
      new Set(streams[index].filter((event) => event.metadata.source === 'collections').map((event) => event.eventId)),
    ]),
  );
}

async function eventCount(api: ApiChild, plans: readonly ClientPlan[]): Promise<number> {
  return (await histories(api, plans)).reduce((total, events) => total + events.length, 0);
}

async function expectChainsValid(api: ApiChild, plans: readonly ClientPlan[]): Promise<void> {
  const verifications = await Promise.all(
    plans.map(async (stages) => ({
      clientId: clientIdOf(stages),
      ...(await getJson<{ valid: boolean; events: number }>(api, `/v1/clients/${clientIdOf(stages)}/history/verify`)),
    })),
  );
  expect(verifications.filter((verification) => !verification.valid || verification.events === 0)).toEqual([]);
}

/** Each command's events form one append: a command id never shows up again later in its stream. */
async function expectNoCommandRecordedTwice(api: ApiChild, plans: readonly ClientPlan[]): Promise<void> {
  const repeated = (await histories(api, plans)).flatMap((events) => {
    const ended = new Set<string>();
    const twice: string[] = [];
    events.forEach((event, index) => {
      const commandId = event.metadata.commandId ?? '';
      if (ended.has(commandId)) twice.push(commandId);
      if (events[index + 1]?.metadata.commandId !== commandId) ended.add(commandId);
    });
    return twice;
  });
  expect(repeated).toEqual([]);
}

/** Sends every command again, client by client in its order, clients in parallel. */
async function resend(
  api: ApiChild,
  plans: readonly ClientPlan[],
): Promise<{ command: PlannedCommand; status: number; body: Record<string, unknown> }[]> {
  const answers = await Promise.all(
    plans.map(async (stages) => {
      const results = [];
      for (const command of stages.flat()) {
        const outcome = await send(api, command);
        if (outcome.kind !== 'answered') throw new Error(`${command.commandId}: ${JSON.stringify(outcome)}`);
        results.push({ command, status: outcome.status, body: JSON.parse(outcome.body) as Record<string, unknown> });
      }
      return results;
    }),
  );
  return answers.flat();
}
