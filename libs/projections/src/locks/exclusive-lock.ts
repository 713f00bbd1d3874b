/**
 * Who may run a projection: exactly one process at a time. Others wait in `acquire` as hot standbys
 * and take over as soon as the holder releases the lock or dies.
 */
export interface ExclusiveLock {
  /** Resolves once this process holds the lock called `name`; rejects with `AbortedError` when `signal` aborts first. */
  acquire(name: string, signal: AbortSignal): Promise<Lease>;
}

export interface Lease {
  /** Settles when the lock was lost without `release` (its connection died): stop writing, go back to standby. */
  readonly lost: Promise<Error>;
  release(): Promise<void>;
}
