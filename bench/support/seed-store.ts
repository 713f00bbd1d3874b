import { appendEvents, type EventStore, type SqlClient } from '@settle/event-store';
import { type GeneratedClient, inTimeOrder, PortfolioRecorder, type StreamAppend } from '../../scripts/portfolio';

/** Where recorded appends are replayed. */
export interface AppendTarget {
  write(appends: readonly StreamAppend[]): Promise<void>;
}

/** A SQL store: each batch in one transaction, through the store's own append function. */
export const sqlTarget = (sql: SqlClient): AppendTarget => ({
  write: (appends) =>
    sql.transaction(async (tx) => {
      for (const { streamId, events, expected } of appends) await appendEvents(tx, streamId, events, expected);
    }),
});

/** Any store, through the port. */
export const storeTarget = (store: EventStore): AppendTarget => ({
  write: async (appends) => {
    for (const { streamId, events, expected } of appends) await store.append(streamId, events, expected);
  },
});

/** Collects appends and writes them to every target in batches of about `batchEvents` events. */
class BatchWriter {
  events = 0;
  private pending: StreamAppend[] = [];
  private pendingEvents = 0;

  constructor(
    private readonly targets: readonly AppendTarget[],
    private readonly batchEvents: number,
  ) {}

  async add(appends: readonly StreamAppend[]): Promise<void> {
    for (const append of appends) {
      this.pending.push(append);
      this.pendingEvents += append.events.length;
      this.events += append.events.length;
    }
    if (this.pendingEvents >= this.batchEvents) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.pendingEvents = 0;
    if (batch.length > 0) await Promise.all(this.targets.map((target) => target.write(batch)));
  }
}

export interface SeedProgress {
  clients: number;
  commands: number;
  events: number;
}

/**
 * Records the clients through the real write side, `chunkClients` at a time with their commands
 * interleaved in time order (so the log interleaves clients as a real one does), and replays the
 * appends on every target.
 */
export async function seedClients(
  clients: Iterable<GeneratedClient>,
  targets: readonly AppendTarget[],
  options: { chunkClients: number; batchEvents?: number; onChunk?(progress: SeedProgress): void },
): Promise<SeedProgress> {
  const writer = new BatchWriter(targets, options.batchEvents ?? 5000);
  const progress: SeedProgress = { clients: 0, commands: 0, events: 0 };
  const seedChunk = async (chunk: GeneratedClient[]) => {
    const recorder = new PortfolioRecorder(chunk.length);
    for (const command of inTimeOrder(chunk)) {
      await recorder.record(command);
      await writer.add(recorder.drain());
      progress.commands++;
    }
    await writer.flush();
    progress.clients += chunk.length;
    progress.events = writer.events;
    options.onChunk?.(progress);
  };
  let chunk: GeneratedClient[] = [];
  for (const client of clients) {
    chunk.push(client);
    if (chunk.length >= options.chunkClients) {
      await seedChunk(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await seedChunk(chunk);
  return progress;
}

/** One client's history recorded until it holds at least `events` events; the recordedAt of its middle event. */
export async function seedLongHistory(
  client: GeneratedClient,
  targets: readonly AppendTarget[],
  events: number,
): Promise<{ events: number; middleRecordedAt: string }> {
  const writer = new BatchWriter(targets, 5000);
  const recorder = new PortfolioRecorder(1);
  const recordedAt: string[] = [];
  for (const command of client.commands) {
    if (writer.events >= events) break;
    await recorder.record(command);
    const appends = recorder.drain();
    for (const append of appends) for (const event of append.events) recordedAt.push(String(event.metadata.recordedAt));
    await writer.add(appends);
  }
  await writer.flush();
  if (writer.events < events) throw new Error(`${client.clientId}'s history holds only ${writer.events} events; ${events} were asked for`);
  return { events: writer.events, middleRecordedAt: recordedAt[Math.floor(recordedAt.length / 2)] };
}
