import {
  excludeSystemEvents,
  START,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import { DEFAULT_BATCH_SIZE } from '../subscription/catch-up-subscription';
import { decodePosition } from './position';
import { toRecordedEvent } from './recorded-event';

export interface ReconnectPolicy {
  /** Wait before re-subscribing after a drop; doubles while attempts keep failing before confirmation. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Told about each drop before the wait (logging, metrics). */
  onDrop?(error: unknown, retryInMs: number): void;
}

/** Longest wait for the rest of a batch while catching up (servers before 23.10 never say CaughtUp). */
const CATCH_UP_LINGER_MS = 50;

type SessionEnd = { kind: 'stopped' } | { kind: 'dropped'; error: unknown; confirmed: boolean };

/**
 * A catch-up subscription to `$all` (system events filtered out by the server) that survives
 * connection drops: it remembers the position of the last event its handler finished and, after
 * a drop, subscribes again from there with back-off. Events received but not yet handled when the
 * connection drops are simply received again, so none is lost and none is handled twice.
 */
export function subscribeToAllResiliently(
  client: EventStoreDBClient,
  options: SubscribeOptions,
  reconnect: ReconnectPolicy,
): Subscription {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);

  let stopped = false;
  let lastHandled: EsdbPosition | undefined = options.after === undefined ? undefined : decodePosition(options.after);
  // Wakes the loop from whatever it waits for: stream activity, the back-off timer, or stop().
  let interrupt: (() => void) | undefined;

  const wait = (delayMs?: number) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const timer = delayMs === undefined ? undefined : setTimeout(done, delayMs);
      function done() {
        clearTimeout(timer);
        interrupt = undefined;
        resolve();
      }
      interrupt = done;
    });

  const consume = async (subscription: AllStreamSubscription): Promise<SessionEnd> => {
    let failure: { error: unknown } | undefined;
    let confirmed = false;
    let received = 0;
    // Set by the server's CaughtUp: how many received events precede it.
    let caughtUpAfter: number | undefined;
    let live = false;
    let handledSinceCaughtUp = false;
    const wake = () => interrupt?.();
    subscription.on('error', (error) => {
      failure ??= { error };
      wake();
    });
    subscription.on('end', () => {
      failure ??= { error: new Error('EventStoreDB ended the subscription') };
      wake();
    });
    subscription.on('readable', wake);
    subscription.on('confirmation', () => (confirmed = true));
    subscription.on('caughtUp', () => {
      caughtUpAfter = received + subscription.readableLength;
      wake();
    });

    const readBatch = (limit: number): AllStreamRecordedEvent[] => {
      const events: AllStreamRecordedEvent[] = [];
      while (events.length < limit) {
        const resolved = subscription.read() as AllStreamResolvedEvent | null;
        if (resolved === null) break;
        received += 1;
        if (resolved.event) events.push(resolved.event);
      }
      return events;
    };
    // While catching up, more events are on their way: hand over full batches, not fragments.
    let lingerUntil: number | undefined;
    const fillingBatch = (limit: number): boolean => {
      const available = subscription.readableLength;
      const full = Math.min(limit, subscription.readableHighWaterMark);
      if (live || caughtUpAfter !== undefined || failure || available === 0 || available >= full) return false;
      lingerUntil ??= Date.now() + CATCH_UP_LINGER_MS;
      return Date.now() < lingerUntil;
    };
    const reportCaughtUp = () => {
      handledSinceCaughtUp = false;
      options.onCaughtUp?.();
    };

    while (!stopped) {
      if (caughtUpAfter !== undefined && received >= caughtUpAfter) {
        caughtUpAfter = undefined;
        live = true;
        reportCaughtUp();
      }
      // A batch never straddles the caught-up point, so onCaughtUp comes right after it.
      const limit = Math.min(batchSize, (caughtUpAfter ?? Infinity) - received);
      if (fillingBatch(limit)) {
        await wait(lingerUntil! - Date.now());
        continue;
      }
      const batch = readBatch(limit);
      lingerUntil = undefined;
      if (batch.length > 0) {
        await options.handle(batch.map(toRecordedEvent));
        lastHandled = batch[batch.length - 1].position;
        handledSinceCaughtUp = live;
        continue;
      }
      // Live, the server pushes each event as it commits: nothing left to handle is caught up again.
      if (handledSinceCaughtUp) reportCaughtUp();
      // Events buffered before a drop are handled first: they are valid and in order.
      if (failure) return { kind: 'dropped', error: failure.error, confirmed };
      await wait();
    }
    return { kind: 'stopped' };
  };

  const run = async () => {
    let delayMs = reconnect.initialDelayMs;
    while (!stopped) {
      const subscription = client.subscribeToAll(
        { fromPosition: lastHandled ?? START, filter: excludeSystemEvents() },
        { highWaterMark: batchSize },
      );
      const end = await consume(subscription).finally(() => subscription.unsubscribe());
      if (end.kind === 'stopped') return;
      if (end.confirmed) delayMs = reconnect.initialDelayMs;
      reconnect.onDrop?.(end.error, delayMs);
      await wait(delayMs);
      delayMs = Math.min(delayMs * 2, reconnect.maxDelayMs);
    }
  };

  const finished = run().catch((error: unknown) => {
    stopped = true;
    if (!options.onError) throw error;
    options.onError(error);
  });

  return {
    stop: async () => {
      stopped = true;
      interrupt?.();
      // A handler failure was already reported to onError (or raised, when there is none).
      await finished.catch(() => undefined);
    },
  };
}
