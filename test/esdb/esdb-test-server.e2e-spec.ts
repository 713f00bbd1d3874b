import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  eventTypeFilter,
  jsonEvent,
  START,
  streamNameFilter,
  type AllStreamSubscription,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { startEsdbTestServer, type EsdbTestServer } from '../esdb-test-server';

jest.setTimeout(30_000);

/**
 * The test server against the official client, without the adapter: the protocol details the
 * adapter relies on (and that a real EventStoreDB shows) are checked here.
 */
describe('EventStoreDB test server', () => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    server = await startEsdbTestServer();
    client = EventStoreDBClient.connectionString(server.url);
  });
  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  const event = (type: string, n = 0) => jsonEvent({ type, data: { n } });
  const collect = async <E extends ResolvedEvent>(read: AsyncIterable<E>) => {
    const events = [];
    for await (const resolved of read) events.push(resolved.event!);
    return events;
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  async function eventually(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await sleep(10);
    }
  }

  it('starts with system events in $all, as a real node does', async () => {
    const first = await collect(client.readAll({ fromPosition: START, maxCount: 2 }));
    expect(first.every((e) => e.type.startsWith('$'))).toBe(true);
  });

  it('reads a stream forwards and backwards, from a revision, up to a count', async () => {
    await client.appendToStream(
      'read-stream',
      [0, 1, 2, 3].map((n) => event('Counted', n)),
      { expectedRevision: 'no_stream' },
    );
    const numbers = (events: { data: unknown }[]) => events.map((e) => (e.data as { n: number }).n);

    expect(numbers(await collect(client.readStream('read-stream', { fromRevision: 1n, maxCount: 2 })))).toEqual([1, 2]);
    expect(numbers(await collect(client.readStream('read-stream', { direction: BACKWARDS, fromRevision: END, maxCount: 3 })))).toEqual([
      3, 2, 1,
    ]);
    expect(numbers(await collect(client.readStream('read-stream', { direction: BACKWARDS, fromRevision: 1n })))).toEqual([1, 0]);
    expect(await collect(client.readStream('read-stream', { fromRevision: 9n }))).toEqual([]);
  });

  it('reads $all forwards from a position inclusively, backwards from it exclusively', async () => {
    await client.appendToStream('read-all', [event('A'), event('B'), event('C')]);
    const [c, b, a] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 3 }));
    expect([a.type, b.type, c.type]).toEqual(['A', 'B', 'C']);

    expect((await collect(client.readAll({ fromPosition: b.position, maxCount: 2 }))).map((e) => e.type)).toEqual(['B', 'C']);
    expect((await collect(client.readAll({ direction: BACKWARDS, fromPosition: b.position, maxCount: 1 }))).map((e) => e.type)).toEqual([
      'A',
    ]);
    expect(c.position!.commit).toBeGreaterThan(b.position!.commit);
    expect(c.created.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('subscribes to $all: confirmation, catch-up from after a position, caught-up, then live', async () => {
    await client.appendToStream('sub-all', [event('Before1'), event('Before2')]);
    const [before2, before1] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }));
    const log: string[] = [];
    const subscription = client.subscribeToAll({ fromPosition: before1.position });
    subscription.on('confirmation', () => log.push('confirmation'));
    subscription.on('caughtUp', () => log.push('caughtUp'));
    subscription.on('data', (resolved: ResolvedEvent) => log.push(resolved.event!.type));
    try {
      await eventually(() => log.includes('caughtUp'), 'caught up');
      await client.appendToStream('sub-all', [event('Live')]);
      await eventually(() => log.includes('Live'), 'the live event');
    } finally {
      await subscription.unsubscribe();
    }

    expect(before2.type).toBe('Before2');
    expect(log).toEqual(['confirmation', 'Before2', 'caughtUp', 'Live']);
  });

  it('filters a $all subscription by stream prefix or event-type regex, with checkpoints', async () => {
    const noise = Array.from({ length: 40 }, (_, n) => event('Noise', n));
    await client.appendToStream('noise', noise);
    await client.appendToStream('wanted-1', [event('Wanted')]);
    const checkpoints: Position[] = [];
    const subscribe = (filter: Parameters<EventStoreDBClient['subscribeToAll']>[0]) => {
      const types: string[] = [];
      const subscription = client.subscribeToAll(filter);
      subscription.on('data', (resolved: ResolvedEvent) => types.push(`${resolved.event!.streamId}:${resolved.event!.type}`));
      return { subscription, types };
    };
    const byStream = subscribe({
      filter: streamNameFilter({
        prefixes: ['wanted-'],
        checkpointReached: (_: AllStreamSubscription, position: Position) => void checkpoints.push(position),
      }),
    });
    const byType = subscribe({ filter: eventTypeFilter({ regex: '^Wan' }) });
    try {
      await eventually(() => byStream.types.length === 1 && byType.types.length === 1, 'the wanted event');
    } finally {
      await byStream.subscription.unsubscribe();
      await byType.subscription.unsubscribe();
    }

    expect(byStream.types).toEqual(['wanted-1:Wanted']);
    expect(byType.types).toEqual(['wanted-1:Wanted']);
    // One checkpoint per 32 events considered (the default search window), at a real event's position.
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    const logPositions = server.state.events.map((e) => `${e.position.commit}/${e.position.prepare}`);
    for (const checkpoint of checkpoints) expect(logPositions).toContain(`${checkpoint.commit}/${checkpoint.prepare}`);
  });

  it('subscribes to one stream after a revision', async () => {
    await client.appendToStream('sub-stream', [event('S0'), event('S1'), event('S2')]);
    const types: string[] = [];
    const subscription = client.subscribeToStream('sub-stream', { fromRevision: 0n });
    subscription.on('data', (resolved: ResolvedEvent) => types.push(resolved.event!.type));
    try {
      await client.appendToStream('elsewhere', [event('Other')]);
      await client.appendToStream('sub-stream', [event('S3')]);
      await eventually(() => types.includes('S3'), 'the live event');
    } finally {
      await subscription.unsubscribe();
    }
    expect(types).toEqual(['S1', 'S2', 'S3']);
  });

  it('keeps its data across stop and restart, on the same port', async () => {
    await client.appendToStream('durable', [event('Kept')]);
    const port = server.port;

    await server.stop();
    await server.restart();

    // A fresh client: the old one's first call after a drop fails while it reconnects.
    const reconnected = EventStoreDBClient.connectionString(server.url);
    try {
      expect(server.port).toBe(port);
      expect((await collect(reconnected.readStream('durable'))).map((e) => e.type)).toEqual(['Kept']);
    } finally {
      await reconnected.dispose();
    }
  });
});
