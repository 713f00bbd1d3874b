import type { AllStreamRecordedEvent, AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';

/** Longest wait for the rest of a batch while catching up (servers before 23.10 never say CaughtUp). */
const CATCH_UP_LINGER_MS = 50;

export type NextStep =
  | { kind: 'batch'; events: AllStreamRecordedEvent[] }
  | { kind: 'caught_up' }
  /** Nothing to do until the subscription shows activity, or `delayMs` (when given) has passed. */
  | { kind: 'wait'; delayMs?: number }
  | { kind: 'dropped'; error: unknown; confirmed: boolean };

/**
 * Turns one client subscription — single events plus Confirmation and CaughtUp signals — into
 * what the port delivers: batches in order, and "caught up" right after the last event that came
 * before the server's CaughtUp, then again whenever a live burst has been handed over.
 */
export class SubscriptionBatches {
  private failure: { error: unknown } | undefined;
  private confirmed = false;
  private received = 0;
  /** Set by the server's CaughtUp: how many events precede it. */
  private caughtUpAfter: number | undefined;
  private live = false;
  private handedOverWhileLive = false;
  private lingerUntil: number | undefined;

  constructor(
    private readonly subscription: AllStreamSubscription,
    private readonly batchSize: number,
    onActivity: () => void,
  ) {
    subscription.on('error', (error) => {
      this.failure ??= { error };
      onActivity();
    });
    subscription.on('end', () => {
      this.failure ??= { error: new Error('EventStoreDB ended the subscription') };
      onActivity();
    });
    subscription.on('readable', onActivity);
    subscription.on('confirmation', () => (this.confirmed = true));
    subscription.on('caughtUp', () => {
      this.caughtUpAfter = this.received + subscription.readableLength;
      onActivity();
    });
  }

  /** Call again only once the previous step is done (its batch handled, its wait over). */
  next(): NextStep {
    if (this.caughtUpAfter !== undefined && this.received >= this.caughtUpAfter) {
      this.caughtUpAfter = undefined;
      this.live = true;
      this.handedOverWhileLive = false;
      return { kind: 'caught_up' };
    }
    // A batch never straddles the caught-up point, so caught_up comes right after it.
    const limit = Math.min(this.batchSize, (this.caughtUpAfter ?? Infinity) - this.received);
    const lingerMs = this.lingerFor(limit);
    if (lingerMs > 0) return { kind: 'wait', delayMs: lingerMs };
    this.lingerUntil = undefined;

    const events = this.read(limit);
    if (events.length > 0) {
      this.handedOverWhileLive = this.live;
      return { kind: 'batch', events };
    }
    // Live, the server pushes each event as it commits: nothing left to hand over is caught up again.
    if (this.handedOverWhileLive) {
      this.handedOverWhileLive = false;
      return { kind: 'caught_up' };
    }
    // Events buffered before a drop were handed over first: they are valid and in order.
    if (this.failure) return { kind: 'dropped', error: this.failure.error, confirmed: this.confirmed };
    return { kind: 'wait' };
  }

  /** While catching up more events are on their way: wait briefly for a full batch, not a fragment. */
  private lingerFor(limit: number): number {
    const available = this.subscription.readableLength;
    const full = Math.min(limit, this.subscription.readableHighWaterMark);
    if (this.live || this.caughtUpAfter !== undefined || this.failure || available === 0 || available >= full) return 0;
    this.lingerUntil ??= Date.now() + CATCH_UP_LINGER_MS;
    return this.lingerUntil - Date.now();
  }

  private read(limit: number): AllStreamRecordedEvent[] {
    const events: AllStreamRecordedEvent[] = [];
    while (events.length < limit) {
      const resolved = this.subscription.read() as AllStreamResolvedEvent | null;
      if (resolved === null) break;
      this.received += 1;
      if (resolved.event) events.push(resolved.event);
    }
    return events;
  }
}
