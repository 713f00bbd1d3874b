import { type Clock, StreamCommandExecutor, type StreamSnapshot } from '@settle/command-pipeline';
import { type EventStore } from '@settle/event-store';
import { type CollectionsSubject, collectionsSubjectFold } from '../collections-subject';
import { chunked } from '../concurrently';
import { type ClientDirectory, type KnownClient } from './client-directory';
import { type CollectionsStreamCache } from './collections-stream-cache';
import { encodeSnapshot } from './snapshot-codec';

/** Clients whose kept snapshots are read in one query, then evaluated. */
const CHUNK_CLIENTS = 250;
/** Kept snapshots compared with a fresh fold of their streams before the first are used. */
const SNAPSHOTS_VERIFIED = 3;

/**
 * The executor's cache in front of the stream cache: what goes over every client (the cycle, the
 * worklist) takes them in chunks, those in memory first (the rest would push them out of a cache
 * smaller than the portfolio), and finds the others' kept snapshots a chunk at a time instead of
 * reading their whole streams.
 */
export class KeptSnapshots {
  private verified = false;

  constructor(
    private readonly store: EventStore,
    private readonly executor: StreamCommandExecutor<CollectionsSubject>,
    private readonly directory: ClientDirectory,
    private readonly clock: Clock,
    private readonly streamCache: CollectionsStreamCache | undefined,
    /** Told when kept snapshots were found unlike their streams' fold and forgotten. */
    private readonly onWarning?: (message: string) => void,
  ) {}

  /**
   * The clients in chunks, those in memory first; each chunk's kept snapshots are in the cache when it
   * comes. Once the kept snapshots are verified, the next chunk's are read while this one is decided.
   */
  async *inChunks(clients: readonly KnownClient[]): AsyncGenerator<KnownClient[]> {
    const inMemory = clients.filter((client) => this.executor.isCached(client.streamId));
    const elsewhere = clients.filter((client) => !this.executor.isCached(client.streamId));
    const chunks = [...chunked(inMemory, CHUNK_CLIENTS), ...chunked(elsewhere, CHUNK_CLIENTS)];
    let prefetched: Promise<Map<string, StreamSnapshot<CollectionsSubject>>> | undefined;
    for (const [index, chunk] of chunks.entries()) {
      await this.recall(chunk, await prefetched);
      // Read before verification, a snapshot could outlive a `clear`: only verified ones are read ahead.
      prefetched = this.verified && index + 1 < chunks.length ? this.load(this.missing(chunks[index + 1])) : undefined;
      // Awaited when its chunk comes; a failure meanwhile is not an unhandled rejection.
      prefetched?.catch(() => undefined);
      yield chunk;
    }
  }

  /** The directory as read, for a restart to begin from. */
  async keepDirectory(): Promise<void> {
    const checkpoint = this.directory.checkpoint();
    if (checkpoint) await this.streamCache?.saveDirectory(checkpoint);
  }

  /** Snapshots further along than those kept, kept (for a restart, or for a client the cache lets go). */
  async keep(snapshots: readonly { client: KnownClient; snapshot: StreamSnapshot<CollectionsSubject> }[]): Promise<void> {
    await this.streamCache?.saveSnapshots(snapshots);
  }

  /** The chunk's kept snapshots into the cache: those read ahead, and those of clients let go since. */
  private async recall(chunk: readonly KnownClient[], readAhead = new Map<string, StreamSnapshot<CollectionsSubject>>()): Promise<void> {
    const kept = new Map([...readAhead, ...(await this.load(this.missing(chunk).filter((streamId) => !readAhead.has(streamId))))]);
    if (!this.verified && kept.size > 0 && !(await this.verify(chunk, kept))) return;
    for (const [streamId, snapshot] of kept) this.executor.remember(streamId, snapshot);
  }

  private missing(chunk: readonly KnownClient[]): string[] {
    return chunk.filter((client) => !this.executor.isCached(client.streamId)).map((client) => client.streamId);
  }

  private async load(streamIds: readonly string[]): Promise<Map<string, StreamSnapshot<CollectionsSubject>>> {
    return this.streamCache && streamIds.length > 0 ? this.streamCache.loadSnapshots(streamIds) : new Map();
  }

  /**
   * Before this process uses any kept snapshot: a few of them against a fresh fold of their streams.
   * A difference (a fold changed without a new `SNAPSHOT_FORMAT`, another store) forgets them all.
   */
  private async verify(chunk: readonly KnownClient[], kept: Map<string, StreamSnapshot<CollectionsSubject>>): Promise<boolean> {
    const fresh = new StreamCommandExecutor<CollectionsSubject>(this.store, collectionsSubjectFold, this.clock, { cacheSize: 1 });
    const samples = chunk.filter((client) => kept.get(client.streamId)?.revision === client.revision).slice(0, SNAPSHOTS_VERIFIED);
    for (const client of samples) {
      if (encodeSnapshot(await fresh.load(client.streamId)) === encodeSnapshot(kept.get(client.streamId)!)) continue;
      this.onWarning?.(
        `The kept collections snapshot of ${client.clientId} differs from its stream's fold: every kept snapshot is forgotten`,
      );
      await this.streamCache!.clear();
      await this.keepDirectory();
      this.verified = true;
      return false;
    }
    this.verified = samples.length > 0;
    return true;
  }
}
