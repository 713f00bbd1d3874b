import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, StreamNotFoundError } from '@eventstore/db-client';
import { WrongExpectedRevisionError, type EventStore, type EventToAppend, type RecordedEvent } from '@settle/event-store';
import { createEventStoreDbStore } from '@settle/event-store/eventstoredb';
import { EsdbLog, startEsdbTestServer, type EsdbTestServer } from '../esdb-test-server';

jest.setTimeout(30_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const newEvent = (type = 'TestEvent'): EventToAppend => ({
  id: randomUUID(),
  type,
  data: { at: type },
  metadata: { source: 'adapter-test' },
});
const newEvents = (count: number) => Array.from({ length: count }, () => newEvent());
const ids = (events: { id: string }[]) => events.map((event) => event.id);
const newStreamId = (label: string) => `${label}-${randomUUID()}`;

async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A `$`-typed event as EventStoreDB writes for itself (stats, users, stream metadata). */
function appendSystemEvent(server: EsdbTestServer): void {
  server.state.append('$stats-127.0.0.1:2113', { kind: 'any' }, [
    { id: randomUUID(), type: '$statsCollected', contentType: 'application/json', data: Buffer.from('{}'), metadata: new Uint8Array() },
  ]);
}

describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('EventStoreDB adapter over the wire (%s)', (_, batchAppend) => {
  let server: EsdbTestServer;
  let store: EventStore;

  beforeAll(async () => {
    server = await startEsdbTestServer({ batchAppend });
    store = createEventStoreDbStore(server.url, { pingTimeoutMs: 1_000, reconnect: { initialDelayMs: 20, maxDelayMs: 100 } });
  });
  afterAll(async () => {
    await store.dispose();
    await server.stop();
  });

  describe('wrong expected version', () => {
    it('becomes the port error with the revision the stream is really at', async () => {
      const streamId = newStreamId('wev');
      await store.append(streamId, newEvents(2), 'no_stream');

      const error = await store.append(streamId, [newEvent()], 'no_stream').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId, expected: 'no_stream', actual: 1n });
      expect((error as Error).message).toBe(`Stream ${streamId}: expected revision no_stream, actual 1`);
    });

    it('reports a missing stream as no_stream', async () => {
      const error = await store.append(newStreamId('wev-missing'), [newEvent()], 3n).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ expected: 3n, actual: 'no_stream' });
    });
  });

  describe('stream not found', () => {
    it('is what the server answers, and the adapter reads it as an empty stream', async () => {
      const streamId = newStreamId('missing');
      const client = EventStoreDBClient.connectionString(server.url);
      try {
        const read = async () => {
          for await (const event of client.readStream(streamId)) void event;
        };
        await expect(read()).rejects.toBeInstanceOf(StreamNotFoundError);
      } finally {
        await client.dispose();
      }

      await expect(store.readStream(streamId)).resolves.toEqual([]);
    });
  });

  describe('duplicate event ids', () => {
    it('a retried batch is recorded once and answered with the original revision and position', async () => {
      const streamId = newStreamId('dup');
      await store.append(streamId, [newEvent()], 'no_stream');
      const batch = newEvents(2);
      const original = await store.append(streamId, batch, 0n);
      await store.append(streamId, [newEvent()], original.nextRevision);

      await expect(store.append(streamId, batch, 0n)).resolves.toEqual(original);
      await expect(store.append(streamId, batch, 'any')).resolves.toEqual(original);

      const stream = await store.readStream(streamId);
      expect(stream.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n]);
      expect(stream[2].position).toBe(original.position);
    });

    it('a batch that only partly matches what is recorded there is refused, as EventStoreDB does', async () => {
      const streamId = newStreamId('dup-partial');
      const recorded = newEvents(2);
      await store.append(streamId, recorded, 'no_stream');

      const mixed = [recorded[0], newEvent()];
      await expect(store.append(streamId, mixed, 'no_stream')).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 1n });

      expect(ids(await store.readStream(streamId))).toEqual(ids(recorded));
    });
  });

  describe('system events', () => {
    it('are left out of readAll, also when they fill pages', async () => {
      const [head] = (await store.readAll()).slice(-1);
      const ours = newEvents(4);
      const streamId = newStreamId('sys');
      for (const [n, event] of ours.entries()) {
        appendSystemEvent(server);
        appendSystemEvent(server);
        await store.append(streamId, [event], n === 0 ? 'no_stream' : BigInt(n - 1));
      }

      const page = await store.readAll({ after: head?.position, maxCount: 3 });
      const rest = await store.readAll({ after: page[2].position });

      expect(ids(page)).toEqual(ids(ours.slice(0, 3)));
      expect(ids(rest)).toEqual([ours[3].id]);
      expect(server.state.events.filter((event) => event.type.startsWith('$')).length).toBeGreaterThanOrEqual(8);
    });

    it('never reach a subscriber', async () => {
      const [head] = (await store.readAll()).slice(-1);
      const streamId = newStreamId('sys-sub');
      appendSystemEvent(server);
      await store.append(streamId, [newEvent()], 'no_stream');
      const handled: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ after: head?.position, handle: async (events) => void handled.push(...events) });
      appendSystemEvent(server);
      await store.append(streamId, [newEvent()], 0n);

      await eventually(() => handled.length >= 2, 'our two events');
      await sleep(100);
      await subscription.stop();

      expect(handled.map((event) => event.streamId)).toEqual([streamId, streamId]);
    });
  });

  describe('ping', () => {
    it('answers false while the server is down, without hanging, and true once it is back', async () => {
      expect(await store.ping()).toBe(true);
      await server.stop();
      try {
        const started = Date.now();
        expect(await store.ping()).toBe(false);
        expect(Date.now() - started).toBeLessThan(1_500);
      } finally {
        await server.restart();
      }
      expect(await store.ping()).toBe(true);
    });
  });

  describe('after a server restart', () => {
    it('the next append and read go through, although the client is still on its old connection', async () => {
      const streamId = newStreamId('restarted');
      await store.append(streamId, [newEvent()], 'no_stream');

      await server.restart();

      await expect(store.append(streamId, [newEvent()], 0n)).resolves.toMatchObject({ nextRevision: 1n });
      await server.restart();
      expect(await store.readStream(streamId)).toHaveLength(2);
    });
  });

  describe('reads during an outage', () => {
    it('fail instead of passing for an empty stream', async () => {
      const streamId = newStreamId('outage');
      await store.append(streamId, [newEvent()], 'no_stream');
      await server.stop();
      try {
        await expect(store.readStream(streamId)).rejects.toThrow();
        await expect(store.readAll()).rejects.toThrow();
      } finally {
        await server.restart();
      }
    });
  });
});

describe('EventStoreDB adapter positions', () => {
  it('stay exact beyond 2^53, from append to readAll to subscription and back', async () => {
    const firstPosition = 2n ** 60n + 3n;
    const server = await startEsdbTestServer({ state: new EsdbLog({ firstPosition }) });
    const store = createEventStoreDbStore(server.url);
    try {
      const streamId = newStreamId('big');
      const appended = await store.append(streamId, newEvents(3), 'no_stream');
      const all = await store.readAll();
      const handled: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ after: all[0].position, handle: async (events) => void handled.push(...events) });
      await eventually(() => handled.length >= 2, 'two events after the first');
      await subscription.stop();

      expect(all[0].position).toBe(`${firstPosition}/${firstPosition}`);
      expect(all[2].position).toBe(appended.position);
      expect(ids(handled)).toEqual(ids(all.slice(1)));
      expect(ids(await store.readAll({ after: all[1].position }))).toEqual([all[2].id]);
    } finally {
      await store.dispose();
      await server.stop();
    }
  });
});

describe('EventStoreDB adapter dispose', () => {
  it('stops a subscription that is retrying against a server that is gone', async () => {
    const server = await startEsdbTestServer();
    const drops: unknown[] = [];
    const store = createEventStoreDbStore(server.url, {
      reconnect: { initialDelayMs: 10, maxDelayMs: 50, onDrop: (error) => drops.push(error) },
    });
    const handled: RecordedEvent[] = [];
    store.subscribeToAll({ handle: async (events) => void handled.push(...events) });
    await store.append(newStreamId('dispose'), [newEvent()], 'no_stream');
    await eventually(() => handled.length === 1, 'the first event');

    await server.stop();
    await eventually(() => drops.length >= 2, 'a few failed re-subscriptions');
    await store.dispose();
    const dropsAtDispose = drops.length;
    await sleep(200);

    expect(drops.length).toBe(dropsAtDispose);
  });
});
