/** Tells waiting subscriptions that new events may have been committed. */
export class WakeSignal {
  private readonly sleepers = new Set<() => void>();

  /** Calls `wake` on every signal until the returned function is called. */
  onWake(wake: () => void): () => void {
    this.sleepers.add(wake);
    return () => this.sleepers.delete(wake);
  }

  wake(): void {
    for (const wake of this.sleepers) wake();
  }
}
