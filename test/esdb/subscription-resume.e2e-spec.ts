import { randomUUID } from 'node:crypto';
import { createEventStoreDbStore } from '@settle/event-store/eventstoredb';
import type { EventStore, EventToAppend, RecordedEvent, Subscription } from '@settle/event-store';
import { startEsdbTestServer, type EsdbTestServer } from '../esdb-test-server';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

const newEvents = (count: number): EventToAppend[] =>
  Array.from({ length: count }, (_, n) => ({ id: randomUUID(), type: 'TestEvent', data: { n }, metadata: { source: 'resume-test' } }));

/**
 * Appends `batches` to `streamId` one after the other at exact revisions. A failed append (the
 * server is down) is retried with the same events and revision: if it had landed, the retry is
 * recognised by its event ids and answered with the original result.
 */
async function appendWithRetries(
  store: EventStore,
  streamId: string,
  batches: EventToAppend[][],
  written: string[],
  pauseMs = 0,
): Promise<void> {
  let expected: 'no_stream' | bigint = 'no_stream';
  for (const batch of batches) {
    for (;;) {
      try {
        expected = (await store.append(streamId, batch, expected)).nextRevision;
        break;
      } catch {
        await sleep(20); // the adapter's own retries gave up: the node is still down
      }
    }
    written.push(...batch.map((event) => event.id));
    await sleep(pauseMs);
  }
}

describe('EventStoreDB subscription across a server restart', () => {
  let server: EsdbTestServer;
  let writer: EventStore;
  let reader: EventStore;
  let subscription: Subscription | undefined;

  beforeAll(async () => {
    server = await startEsdbTestServer();
  });
  afterAll(async () => {
    await subscription?.stop();
    await reader?.dispose();
    await writer?.dispose();
    await server?.stop();
  });

  it('resumes by itself from the last handled event: nothing lost, nothing handled twice', async () => {
    writer = createEventStoreDbStore(server.url);
    const drops: unknown[] = [];
    reader = createEventStoreDbStore(server.url, {
      reconnect: { initialDelayMs: 20, maxDelayMs: 200, onDrop: (error) => drops.push(error) },
    });
    const written: string[] = [];
    await appendWithRetries(
      writer,
      'resume-backlog',
      Array.from({ length: 20 }, () => newEvents(5)),
      written,
    );

    const handled: RecordedEvent[] = [];
    const errors: unknown[] = [];
    subscription = reader.subscribeToAll({
      batchSize: 5,
      handle: async (events) => {
        await sleep(3); // a projection doing work: the backlog builds up
        handled.push(...events);
      },
      onError: (error) => errors.push(error),
    });
    // Paced, so the writer is still at it when the server goes down.
    const live = appendWithRetries(
      writer,
      'resume-live',
      Array.from({ length: 40 }, () => newEvents(3)),
      written,
      10,
    );

    await eventually(() => handled.length >= 40, 'the subscriber to be under way');
    const backlogAtStop = written.length - handled.length;
    await server.stop();
    await sleep(300); // down for a while: the writer keeps failing, the subscriber keeps retrying
    const handledWhileDown = handled.length;
    await server.restart();

    await live;
    await eventually(() => handled.length >= written.length, 'every written event to be handled');
    await sleep(200); // anything extra would show up now

    expect(backlogAtStop).toBeGreaterThan(0);
    expect(drops.length).toBeGreaterThan(0);
    expect(handledWhileDown).toBeLessThan(written.length);
    expect(errors).toEqual([]);
    const handledIds = handled.map((event) => event.id);
    expect(new Set(handledIds).size).toBe(handledIds.length);
    expect(handledIds).toEqual((await reader.readAll()).map((event) => event.id));
    expect([...handledIds].sort()).toEqual([...written].sort());
    expect(await writer.readStream('resume-live')).toHaveLength(120);
  });
});
