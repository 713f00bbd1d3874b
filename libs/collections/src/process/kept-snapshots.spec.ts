import { DateTime } from 'luxon';
import { ClientAccounts, type CommandContext, ManualClock, StreamCommandExecutor, type StreamSnapshot } from '@settle/command-pipeline';
import { InMemoryEventStore } from '@settle/event-store';
import { type CollectionsSubject, collectionsSubjectFold } from '../collections-subject';
import { ClientDirectory, type DirectoryCheckpoint, type KnownClient } from './client-directory';
import { type CollectionsStreamCache } from './collections-stream-cache';
import { KeptSnapshots } from './kept-snapshots';
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec';

const clerk: CommandContext = { actor: 'desk', role: 'clerk', source: 'api', correlationId: 'req' };
/** Three chunks of kept snapshots (250 clients each). */
const CLIENTS = 600;

/** The stream cache's tables as text in memory, with each read's streams in order. */
class TextStreamCache implements CollectionsStreamCache {
  readonly texts = new Map<string, string>();
  readonly reads: string[][] = [];
  loadDirectory(): Promise<DirectoryCheckpoint | undefined> {
    return Promise.resolve(undefined);
  }
  saveDirectory(): Promise<void> {
    return Promise.resolve();
  }
  loadSnapshots(streamIds: readonly string[]): Promise<Map<string, StreamSnapshot<CollectionsSubject>>> {
    this.reads.push([...streamIds]);
    const kept = streamIds.filter((streamId) => this.texts.has(streamId));
    return Promise.resolve(new Map(kept.map((streamId) => [streamId, decodeSnapshot(this.texts.get(streamId)!)])));
  }
  saveSnapshots(snapshots: readonly { client: KnownClient; snapshot: StreamSnapshot<CollectionsSubject> }[]): Promise<void> {
    for (const { client, snapshot } of snapshots) this.texts.set(client.streamId, encodeSnapshot(snapshot));
    return Promise.resolve();
  }
  clear(): Promise<void> {
    this.texts.clear();
    return Promise.resolve();
  }
}

describe('KeptSnapshots (the clients in chunks, their kept snapshots in the cache)', () => {
  let store: InMemoryEventStore;
  let clock: ManualClock;
  let streamCache: TextStreamCache;
  let clients: KnownClient[];

  beforeAll(async () => {
    store = new InMemoryEventStore();
    clock = new ManualClock(DateTime.fromISO('2026-01-20T09:00:00Z', { zone: 'utc' }));
    const accounts = new ClientAccounts(store, clock);
    for (let index = 0; index < CLIENTS; index++) {
      const clientId = `C-${String(index).padStart(3, '0')}`;
      await accounts.execute(
        {
          type: 'RegisterClient',
          data: {
            clientId,
            name: clientId,
            currency: 'EUR',
            agreement: { timezone: 'Europe/Amsterdam', contact: { name: 'Ada', email: 'ada@client.example', preferredChannel: 'email' } },
          },
        },
        clerk,
      );
    }
    // Every client's snapshot kept, as a process that went over them all would have left them.
    const folding = new StreamCommandExecutor<CollectionsSubject>(store, collectionsSubjectFold, clock, { cacheSize: 1 });
    const directory = new ClientDirectory(store);
    await directory.catchUp();
    clients = directory.list();
    streamCache = new TextStreamCache();
    for (const client of clients) await streamCache.saveSnapshots([{ client, snapshot: await folding.load(client.streamId) }]);
  });

  /** A process that just started: nothing in memory, a cache that holds about one chunk. */
  const started = (warnings: string[] = []) => {
    const executor = new StreamCommandExecutor<CollectionsSubject>(store, collectionsSubjectFold, clock, { cacheFoldedEvents: 300 });
    const kept = new KeptSnapshots(store, executor, new ClientDirectory(store), clock, streamCache, (warning) => warnings.push(warning));
    return { executor, kept };
  };

  it('hands over each chunk with its snapshots in memory, the next chunk read while this one is worked on', async () => {
    streamCache.reads.length = 0;
    const { executor, kept } = started();
    const chunks: KnownClient[][] = [];
    for await (const chunk of kept.inChunks(clients)) {
      expect(chunk.every((client) => executor.isCached(client.streamId))).toBe(true);
      // Read ahead: by the time a chunk is handed over, the next one's snapshots were asked for.
      expect(streamCache.reads.flat()).toEqual(expect.arrayContaining(clients.slice(0, (chunks.length + 2) * 250).map((c) => c.streamId)));
      chunks.push(chunk);
    }
    expect(chunks.map((chunk) => chunk.length)).toEqual([250, 250, 100]);
    // Each kept snapshot read once.
    expect(streamCache.reads.flat()).toHaveLength(CLIENTS);
  });

  it('reads nothing ahead before the kept snapshots are verified, and uses none of them once they are forgotten', async () => {
    streamCache.reads.length = 0;
    const texts = new Map(streamCache.texts);
    // Snapshots unlike their streams' fold (as after a change of the fold without a new format).
    for (const [streamId, text] of texts) streamCache.texts.set(streamId, text.replace('"clientId":"', '"clientId":"x'));
    const warnings: string[] = [];
    const { executor, kept } = started(warnings);
    for await (const chunk of kept.inChunks(clients)) {
      for (const client of chunk) expect((await executor.load(client.streamId)).state.collections.clientId).toBe(client.clientId);
    }
    expect(warnings).toHaveLength(1);
    // The first chunk's read found them unlike their streams; the tables were emptied before any other read.
    expect(streamCache.reads[0]).toHaveLength(250);
    expect(streamCache.texts.size).toBe(0);
    for (const [streamId, text] of texts) streamCache.texts.set(streamId, text);
  });
});
