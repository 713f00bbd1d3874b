/**
 * Runs tasks one at a time per key, in arrival order. Commands on one client stream are serialised
 * inside a process so that parallel requests queue instead of losing optimistic-concurrency races;
 * the expected-revision check still guards against other processes.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
