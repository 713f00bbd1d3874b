import { type Duration } from 'luxon';
import { AbortedError, type ExclusiveLock, type Lease } from '@settle/projections';
import { sleep } from '@settle/projections';
import { type ReminderDispatcher } from '../outbox/reminder-dispatcher';
import { type CollectionsRunner } from './collections-runner';
import { type CycleSummary } from './cycle-summary';

/** The lock's name: one process at a time runs the cycle and the dispatcher. */
export const COLLECTIONS_LOCK = 'collections-process';

export interface CollectionsProcessOptions {
  /** Between cycles (COLLECTIONS_INTERVAL, default one hour). */
  interval: Duration;
  onCycle?(summary: CycleSummary): void;
  onError?(error: unknown): void;
  /** Told when this process starts or stops leading. */
  onLeadership?(leading: boolean): void;
}

const RETRY_DELAY_MS = 5_000;

/** setTimeout takes at most 2^31 − 1 ms (24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The collections process as a service (SPEC 1, 5): while this process holds the lock, the cycle
 * runs at once and then every interval, and the dispatcher delivers the outbox; other processes wait
 * as hot standbys. Losing the lock stops both until it is regained; `stop` ends everything.
 */
export class CollectionsProcess {
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private leading = false;

  constructor(
    private readonly lock: ExclusiveLock,
    private readonly runner: CollectionsRunner,
    private readonly dispatcher: ReminderDispatcher | undefined,
    private readonly options: CollectionsProcessOptions,
  ) {}

  get isLeading(): boolean {
    return this.leading;
  }

  start(): void {
    this.running ??= this.lead();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async lead(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      const lease = await this.acquire();
      if (!lease) return;
      this.setLeading(true);
      try {
        this.dispatcher?.start();
        await this.cycleUntilLost(lease);
      } catch (error) {
        this.options.onError?.(error);
      } finally {
        await this.dispatcher?.stop().catch((error: unknown) => this.options.onError?.(error));
        await lease.release();
        this.setLeading(false);
      }
      // Whatever ended the lead (a lost lock, a failed start), give the database a moment before trying again.
      await sleep(RETRY_DELAY_MS, signal);
    }
  }

  /** Waits for the lock; undefined when stopped first. A failure to reach the database is retried. */
  private async acquire(): Promise<Lease | undefined> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        return await this.lock.acquire(COLLECTIONS_LOCK, signal);
      } catch (error) {
        if (error instanceof AbortedError) return undefined;
        this.options.onError?.(error);
        await sleep(RETRY_DELAY_MS, signal);
      }
    }
    return undefined;
  }

  private async cycleUntilLost(lease: Lease): Promise<void> {
    const leaseEnded = new AbortController();
    void lease.lost.then(() => leaseEnded.abort());
    const signal = AbortSignal.any([this.abort.signal, leaseEnded.signal]);
    const intervalMs = Math.min(this.options.interval.as('milliseconds'), MAX_TIMER_MS);
    while (!signal.aborted) {
      try {
        const summary = await this.runner.runCycle();
        this.options.onCycle?.(summary);
      } catch (error) {
        this.options.onError?.(error);
      }
      await sleep(intervalMs, signal);
    }
  }

  private setLeading(leading: boolean): void {
    this.leading = leading;
    this.options.onLeadership?.(leading);
  }
}
