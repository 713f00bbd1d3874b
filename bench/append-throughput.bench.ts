import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import {
  createPgliteEventStore,
  createPostgresEventStore,
  type EventStore,
  type EventToAppend,
  InMemoryEventStore,
} from '@settle/event-store';
import { createEventStoreDbStore } from '@settle/event-store/eventstoredb';
import { Pool } from 'pg';
import { generatePortfolio, PortfolioRecorder } from '../scripts/portfolio';
import { type BenchContext } from './support/context';
import { startEsdbServerProcess } from './support/esdb-server';
import { count, perSecond } from './support/figures';
import { benchCommand, type StoreName } from './support/options';

interface Adapter {
  label: string;
  store: EventStore;
  note?: string;
  dispose(): Promise<void>;
}

/**
 * 2: events per second appended through each adapter of the port, with real event payloads (a
 * generated client's events, metadata and hash included): one stream, one event per append (each
 * waits for the previous: latency-bound); one stream in batches; and many streams written by
 * concurrent writers, one event per append.
 */
export async function appendThroughputBench(context: BenchContext): Promise<void> {
  const payloads = await samplePayloads();
  await context.forEachStore(context.options.stores, async (store) => {
    const adapter = await open(context, store);
    try {
      await measure(context, store, adapter, payloads);
    } finally {
      await adapter.dispose();
    }
  });
}

async function open(context: BenchContext, store: StoreName): Promise<Adapter> {
  switch (store) {
    case 'memory':
      return { label: 'in-memory', store: new InMemoryEventStore(), dispose: async () => undefined };
    case 'pglite': {
      const db = await PGlite.create((await context.pglite.dataDir('append')).databaseDir);
      const events = await createPgliteEventStore(db);
      return {
        label: 'PGlite',
        store: events,
        note: 'in this process (WebAssembly, one connection)',
        dispose: async () => (await events.dispose(), await db.close()),
      };
    }
    case 'postgres': {
      const pool = new Pool({ connectionString: await context.postgres.createDatabase('settle_bench_append'), max: 20 });
      const events = await createPostgresEventStore(pool);
      return {
        label: 'PostgreSQL',
        store: events,
        note: 'pool of 20 connections, server on this machine',
        dispose: async () => (await events.dispose(), await pool.end()),
      };
    }
    case 'esdb': {
      const server = await startEsdbServerProcess();
      const events = createEventStoreDbStore(server.url);
      return {
        label: 'EventStoreDB adapter + gRPC test server',
        store: events,
        note: 'measures the adapter and the in-memory test server (test/esdb-test-server) in another process, NOT a real EventStoreDB',
        dispose: async () => (await events.dispose(), await server.stop()),
      };
    }
    default: {
      const unknown: never = store;
      throw new Error(`Unknown store ${String(unknown)}`);
    }
  }
}

async function measure(context: BenchContext, store: StoreName, adapter: Adapter, payloads: readonly Payload[]): Promise<void> {
  const { singleAppends, batches, batchSize, manyStreamEvents, streams, writers } = context.sizes.append;
  const run = randomUUID().slice(0, 8);
  const events = eventSource(payloads);
  const command = benchCommand('append', store);

  const single = await timed(async () => {
    for (let revision = 0; revision < singleAppends; revision++) {
      await adapter.store.append(`bench-single-${run}`, [events()], revision === 0 ? 'no_stream' : BigInt(revision - 1));
    }
  });
  const batched = await timed(async () => {
    for (let batch = 0; batch < batches; batch++) {
      const batchEvents = Array.from({ length: batchSize }, events);
      await adapter.store.append(`bench-batch-${run}`, batchEvents, batch === 0 ? 'no_stream' : BigInt(batch * batchSize - 1));
    }
  });
  const many = await timed(() => manyStreams(adapter.store, `bench-many-${run}`, manyStreamEvents, streams, writers, events));

  const note = (details: string) => [details, adapter.note].filter(Boolean).join('; ');
  context.record({
    section: 'append',
    label: `${adapter.label}: one stream, 1 event per append`,
    value: perSecond(singleAppends / single, 'events'),
    command,
    note: note(`${count(singleAppends)} appends one after another`),
  });
  context.record({
    section: 'append',
    label: `${adapter.label}: one stream, ${batchSize} events per append`,
    value: perSecond((batches * batchSize) / batched, 'events'),
    command,
    note: note(`${batches} appends one after another`),
  });
  context.record({
    section: 'append',
    label: `${adapter.label}: ${streams} streams, ${writers} concurrent writers, 1 event per append`,
    value: perSecond(manyStreamEvents / many, 'events'),
    command,
    note: note(`${count(manyStreamEvents)} events`),
  });
}

/** Each writer owns every `writers`-th stream and appends to its streams in turn, at the revision it knows. */
async function manyStreams(
  store: EventStore,
  prefix: string,
  total: number,
  streams: number,
  writers: number,
  events: () => EventToAppend,
) {
  let next = 0;
  const writer = async (index: number) => {
    const owned = Array.from({ length: Math.ceil((streams - index) / writers) }, (_, k) => ({
      id: `${prefix}-${index + k * writers}`,
      revision: -1n,
    }));
    for (let turn = 0; next < total; turn++) {
      next++;
      const stream = owned[turn % owned.length];
      await store.append(stream.id, [events()], stream.revision < 0n ? 'no_stream' : stream.revision);
      stream.revision++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(writers, streams) }, (_, index) => writer(index)));
}

export type Payload = Omit<EventToAppend, 'id'>;

/** Real events: one generated client's whole history as the write side recorded it. */
export async function samplePayloads(): Promise<Payload[]> {
  const [client] = generatePortfolio({ clients: 1, now: '2026-03-02T10:00:00Z', seed: 'append' }).clients;
  const recorder = new PortfolioRecorder(1);
  for (const command of client.commands) await recorder.record(command);
  return recorder.drain().flatMap((append) => append.events.map(({ type, data, metadata }) => ({ type, data, metadata })));
}

const eventSource = (payloads: readonly Payload[]) => {
  let next = 0;
  return (): EventToAppend => ({ id: randomUUID(), ...payloads[next++ % payloads.length] });
};

/** Seconds `work` takes. */
async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}
