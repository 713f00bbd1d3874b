import { SubscriptionRegistry } from '../subscription/subscription-registry';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type StreamingRead,
} from '@eventstore/db-client';
import { assertAppendable } from '../append-checks';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredJsonEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { decodePosition, encodePosition, samePosition } from './position';
import { isSystemEvent, toEventData, toRecordedEvent } from './recorded-event';
import { retryingTransientFailures } from './transient-retry';
import { withJsonText } from '../stored-json';
import { subscribeToAllResiliently, type ReconnectPolicy } from './resilient-all-subscription';

export interface EventStoreDbStoreOptions {
  /** Re-subscription after a dropped connection. Default: 250 ms, doubling up to 10 s. */
  reconnect?: Partial<ReconnectPolicy>;
  /** How long ping() waits for an answer. Default 2 s. */
  pingTimeoutMs?: number;
}

/** `$all` is read in pages of this many events (system events are dropped client-side). */
const READ_ALL_PAGE_SIZE = 500;

/**
 * The event-store port on EventStoreDB / KurrentDB over gRPC. Takes a connection string
 * (`esdb://host:2113?tls=false`, `esdb+discover://…`) or a client, which it then owns:
 * dispose() closes it.
 */
export function createEventStoreDbStore(connection: string | EventStoreDBClient, options: EventStoreDbStoreOptions = {}): EventStore {
  const client = typeof connection === 'string' ? EventStoreDBClient.connectionString(connection) : connection;
  const reconnect: ReconnectPolicy = { initialDelayMs: 250, maxDelayMs: 10_000, ...options.reconnect };
  const pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
  const subscriptions = new SubscriptionRegistry();

  return {
    async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
      assertAppendable(events, expected);
      try {
        const result = await retryingTransientFailures(() =>
          client.appendToStream(streamId, events.map(toEventData), { expectedRevision: expected }),
        );
        if (!result.position) throw new Error(`EventStoreDB did not report the position of the append to ${streamId}`);
        return { nextRevision: result.nextExpectedRevision, position: encodePosition(result.position) };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          throw new WrongExpectedRevisionError(streamId, expected, error.actualVersion);
        }
        throw error;
      }
    },

    async readStream(streamId: string, { fromRevision, maxCount, direction }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
      if (maxCount === 0) return [];
      const backwards = direction === 'backwards';
      const from = fromRevision ?? (backwards ? END : START);
      try {
        const events = await retryingTransientFailures(() =>
          readEvents(client.readStream(streamId, { fromRevision: from, maxCount, direction: backwards ? BACKWARDS : FORWARDS })),
        );
        return events.map(toRecordedEvent);
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
    },

    /** The client parses each event's JSON bytes as it reads them, so the text is printed again from those values. */
    async readStreamJson(streamId: string, options?: ReadStreamOptions): Promise<StoredJsonEvent[]> {
      return (await this.readStream(streamId, options)).map(withJsonText);
    },

    /**
     * EventStoreDB reads `$all` from a position inclusively and includes its own system events;
     * the port reads strictly after the position and only ours. So: page, skip, filter.
     */
    async readAll({ after, maxCount = Number.POSITIVE_INFINITY }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
      const found: RecordedEvent[] = [];
      let from = after === undefined ? undefined : decodePosition(after);
      while (found.length < maxCount) {
        const requested = Math.min(READ_ALL_PAGE_SIZE, maxCount - found.length) + (from ? 1 : 0);
        const page = await retryingTransientFailures(() =>
          readEvents(client.readAll({ fromPosition: from ?? START, maxCount: requested })),
        );
        const fresh = page.filter((event) => !(from && samePosition(event.position, from)) && !isSystemEvent(event));
        found.push(...fresh.slice(0, maxCount - found.length).map(toRecordedEvent));
        if (page.length < requested) break;
        from = page[page.length - 1].position;
      }
      return found;
    },

    subscribeToAll(subscribeOptions: SubscribeOptions): Subscription {
      return subscriptions.track(subscribeToAllResiliently(client, subscribeOptions, reconnect));
    },

    /** A one-event backwards read of `$all`: cheap, and needs a working leader or follower. */
    async ping(): Promise<boolean> {
      const read = client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`No answer within ${pingTimeoutMs} ms`)), pingTimeoutMs);
      });
      try {
        await Promise.race([readEvents(read), timedOut]);
        return true;
      } catch {
        await read.cancel();
        return false;
      } finally {
        clearTimeout(timer);
      }
    },

    async dispose(): Promise<void> {
      await subscriptions.stopAll();
      // Cancels the client's open calls; its idle channel does not keep the process alive.
      await client.dispose();
    },
  };
}

/** Drains a bounded read. */
async function readEvents<E>(read: StreamingRead<{ event?: E }>): Promise<E[]> {
  const events: E[] = [];
  for await (const resolved of read as AsyncIterable<{ event?: E }>) {
    if (resolved.event) events.push(resolved.event);
  }
  return events;
}
