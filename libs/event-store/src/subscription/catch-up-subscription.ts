import type { Position, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import type { WakeSignal } from './wake-signal';

export const DEFAULT_BATCH_SIZE = 500;

export interface CatchUpSource {
  /** Events strictly after `after` in global order, at most `maxCount`. */
  read(after: Position | undefined, maxCount: number): Promise<RecordedEvent[]>;
  /** Signalled when new events may have been committed. */
  wakeups: WakeSignal;
  /** Reads again after this long without a signal; without it, only a signal wakes the subscription. */
  pollIntervalMs?: number;
}

/**
 * Catch-up then live, by reading in batches until a read comes back short, then sleeping until a
 * wake-up signal or the poll interval. One loop for every adapter that can read after a position.
 */
export function startCatchUpSubscription(source: CatchUpSource, options: SubscribeOptions): Subscription {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);

  let stopped = false;
  // Set by a signal that arrives while reading, so it is not lost before the next sleep.
  let signalled = false;
  let interruptSleep: (() => void) | undefined;
  const stopListening = source.wakeups.onWake(() => {
    signalled = true;
    interruptSleep?.();
  });

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (signalled || stopped) return resolve();
      const timer = source.pollIntervalMs === undefined ? undefined : setTimeout(done, source.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        interruptSleep = undefined;
        resolve();
      }
      interruptSleep = done;
    });

  const run = async () => {
    let position = options.after;
    let caughtUpReported = false;
    while (!stopped) {
      signalled = false;
      const events = await source.read(position, batchSize);
      if (stopped) return;
      if (events.length > 0) {
        await options.handle(events);
        position = events[events.length - 1].position;
        caughtUpReported = false;
      }
      if (events.length < batchSize) {
        if (!caughtUpReported) options.onCaughtUp?.();
        caughtUpReported = true;
        await sleep();
      }
    }
  };

  const finished = run()
    .catch((error: unknown) => {
      stopped = true;
      if (!options.onError) throw error;
      options.onError(error);
    })
    .finally(stopListening);

  return {
    stop: async () => {
      stopped = true;
      interruptSleep?.();
      // A failure was already reported to onError (or raised, when there is none).
      await finished.catch(() => undefined);
    },
  };
}
