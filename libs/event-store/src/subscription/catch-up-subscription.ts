import type { Position, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import type { WakeSignal } from './wake-signal';

export const DEFAULT_BATCH_SIZE = 500;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** First delay before reading again while committed events are held back; doubles up to the poll interval. */
const HELD_BACK_FIRST_RETRY_MS = 10;

export interface CatchUpSource {
  /** Events strictly after `after` in global order, at most `maxCount`. */
  read(after: Position | undefined, maxCount: number): Promise<RecordedEvent[]>;
  /**
   * True when events are committed but not readable yet (their order is not final while an older
   * transaction runs): the subscription then reads again soon instead of sleeping.
   */
  heldBack?(): Promise<boolean>;
  /** Signalled when new events may have been committed. */
  wakeups: WakeSignal;
  /** Reads again after this long without a signal; without it, only a signal wakes the subscription. */
  pollIntervalMs?: number;
  /**
   * After a batch shorter than the batch size, waits this long before reading again, so that under
   * load the next read, handler call and checkpoint take many events at once. Default 0.
   */
  lingerMs?: number;
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

  /** Until a signal, `stop`, or `timeoutMs` (forever when undefined). */
  const sleep = (timeoutMs: number | undefined) =>
    new Promise<void>((resolve) => {
      if (signalled || stopped) return resolve();
      const timer = timeoutMs === undefined ? undefined : setTimeout(done, timeoutMs);
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
    let heldBackRetryMs = HELD_BACK_FIRST_RETRY_MS;
    while (!stopped) {
      signalled = false;
      const events = await source.read(position, batchSize);
      if (stopped) return;
      if (events.length > 0) {
        await options.handle(events);
        position = events[events.length - 1].position;
        caughtUpReported = false;
      }
      if (events.length === batchSize) continue;
      if (events.length > 0 && source.lingerMs) {
        // Live, and events are coming in: let the next ones gather, then read them together.
        await delay(source.lingerMs);
        continue;
      }
      if (await source.heldBack?.()) {
        await sleep(Math.min(heldBackRetryMs, source.pollIntervalMs ?? Infinity));
        heldBackRetryMs *= 2;
        continue;
      }
      heldBackRetryMs = HELD_BACK_FIRST_RETRY_MS;
      if (!caughtUpReported) options.onCaughtUp?.();
      caughtUpReported = true;
      await sleep(source.pollIntervalMs);
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
