import type { Subscription } from '../event-store.port';

/** The subscriptions a store has handed out, so `dispose()` can stop whatever is still running. */
export class SubscriptionRegistry {
  private readonly active = new Set<Subscription>();

  get size(): number {
    return this.active.size;
  }

  /** Wraps a started subscription so that stopping it also forgets it. */
  track(subscription: Subscription): Subscription {
    const tracked: Subscription = {
      stop: async () => {
        this.active.delete(tracked);
        await subscription.stop();
      },
    };
    this.active.add(tracked);
    return tracked;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.active].map((subscription) => subscription.stop()));
  }
}
