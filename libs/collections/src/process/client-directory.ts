import { streamIdForClient } from '@settle/domain';
import { type EventStore, type Position, type RecordedEvent } from '@settle/event-store';

export interface KnownClient {
  clientId: string;
  streamId: string;
  /** Revision of the last event of the stream seen so far. */
  revision: bigint;
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
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly observe: (events: readonly RecordedEvent[]) => void = () => undefined,
  ) {}

  /** Resolves once every event committed before the call has been read (reads one after another). */
  catchUp(): Promise<void> {
    this.reading = this.reading.catch(() => undefined).then(() => this.readNewEvents());
    return this.reading;
  }

  /** Registered clients, in registration order. */
  list(): KnownClient[] {
    return [...this.clients.values()];
  }

  get(clientId: string): KnownClient | undefined {
    return this.clients.get(clientId);
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
