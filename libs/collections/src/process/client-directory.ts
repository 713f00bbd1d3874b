import { streamIdForClient } from '@settle/domain';
import { type EventStore, type Position, type RecordedEvent } from '@settle/event-store';

export interface KnownClient {
  clientId: string;
  streamId: string;
  /** Revision of the last event of the stream seen so far. */
  revision: bigint;
}

/** The directory as it stood at one position of the log: what a restart may begin from. */
export interface DirectoryCheckpoint {
  position: Position;
  clients: KnownClient[];
}

const READ_BATCH = 2_000;

/**
 * Every registered client and its stream's latest revision, kept by reading the store's global log
 * from where the last read stopped (works on every adapter of the port). `catchUp` makes it include
 * everything committed before the call; the events read are passed to `observe`, so a process can
 * fold them into its cache instead of reading each stream again.
 */
export class ClientDirectory {
  private readonly clients = new Map<string, KnownClient>();
  private readonly byStream = new Map<string, KnownClient>();
  private position: Position | undefined;
  private reading: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly observe: (events: readonly RecordedEvent[]) => void = () => undefined,
    /** Where a restart begins instead of the start of the log (a checkpoint kept by an earlier process). */
    restore?: () => Promise<DirectoryCheckpoint | undefined>,
  ) {
    // A checkpoint that cannot be read is no loss: the log is read from its start instead.
    this.reading = restore ? this.restoreFrom(restore).catch(() => undefined) : Promise.resolve();
  }

  /** Resolves once every event committed before the call has been read (reads one after another). */
  catchUp(): Promise<void> {
    this.reading = this.reading.catch(() => undefined).then(() => this.readNewEvents());
    return this.reading;
  }

  /** The directory as it stands: every client, and the position read to (none before a read). */
  checkpoint(): DirectoryCheckpoint | undefined {
    return this.position === undefined ? undefined : { position: this.position, clients: this.list() };
  }

  /** Registered clients, in registration order (after a restore: the kept ones first). */
  list(): KnownClient[] {
    return [...this.clients.values()];
  }

  get(clientId: string): KnownClient | undefined {
    return this.clients.get(clientId);
  }

  private async restoreFrom(restore: () => Promise<DirectoryCheckpoint | undefined>): Promise<void> {
    const checkpoint = await restore();
    if (!checkpoint || this.position !== undefined) return;
    for (const client of checkpoint.clients) {
      const known = { ...client };
      this.clients.set(client.clientId, known);
      this.byStream.set(client.streamId, known);
    }
    this.position = checkpoint.position;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const events = await this.store.readAll({ after: this.position, maxCount: READ_BATCH });
      if (events.length === 0) return;
      for (const event of events) this.note(event);
      this.observe(events);
      this.position = events[events.length - 1].position;
      if (events.length < READ_BATCH) return;
    }
  }

  private note(event: RecordedEvent): void {
    const known = this.byStream.get(event.streamId);
    if (known) {
      if (event.revision > known.revision) known.revision = event.revision;
      return;
    }
    if (event.type !== 'ClientRegistered') return;
    const { clientId } = event.data as { clientId: string };
    if (streamIdForClient(clientId) !== event.streamId) return;
    const client: KnownClient = { clientId, streamId: event.streamId, revision: event.revision };
    this.clients.set(clientId, client);
    this.byStream.set(event.streamId, client);
  }
}
