import {
  excludeSystemEvents,
  START,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import { DEFAULT_BATCH_SIZE } from '../subscription/catch-up-subscription';
import { decodePosition } from './position';
import { toRecordedEvent } from './recorded-event';
import { SubscriptionBatches, type NextStep } from './subscription-batches';

export interface ReconnectPolicy {
  /** Wait before re-subscribing after a drop; doubles while attempts keep failing before confirmation. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Told about each drop before the wait (logging, metrics). */
  onDrop?(error: unknown, retryInMs: number): void;
}

type SessionEnd = { kind: 'stopped' } | Extract<NextStep, { kind: 'dropped' }>;

/**
 * A catch-up subscription to `$all` (system events filtered out by the server) that survives
 * connection drops: it remembers the position of the last event its handler finished and, after
 * a drop, subscribes again from there with back-off. Events received but not yet handled when the
 * connection drops are simply received again, so none is lost and none is handled twice.
 */
export function subscribeToAllResiliently(client: EventStoreDBClient, options: SubscribeOptions, reconnect: ReconnectPolicy): Subscription {
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
    let current = true;
    const batches = new SubscriptionBatches(subscription, batchSize, () => current && interrupt?.());
    try {
      while (!stopped) {
        const step = batches.next();
        switch (step.kind) {
          case 'batch':
            await options.handle(step.events.map(toRecordedEvent));
            lastHandled = step.events[step.events.length - 1].position;
            break;
          case 'caught_up':
            options.onCaughtUp?.();
            break;
          case 'wait':
            await wait(step.delayMs);
            break;
          case 'dropped':
            return step;
        }
      }
      return { kind: 'stopped' };
    } finally {
      // A late signal of this session must not cut the back-off of the next one short.
      current = false;
    }
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
