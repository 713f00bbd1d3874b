import { DateTime } from 'luxon';
import { type Clock } from '@settle/command-pipeline';
import { AbortedError, type ExclusiveLock, type Lease } from '@settle/projections';
import { sleep } from '@settle/projections';
import { type ReminderDispatcher } from '../outbox/reminder-dispatcher';
import { type CollectionsRunner } from './collections-runner';
import { type CollectionsSchedule } from './collections-schedule';
import { type CycleSummary } from './cycle-summary';
import { type ScheduledCycles } from './scheduled-cycles';

/** The lock's name: one process at a time runs the cycle and the dispatcher. */
export const COLLECTIONS_LOCK = 'collections-process';

export interface CollectionsProcessOptions {
  /** When cycles run (COLLECTIONS_SCHEDULE); `off`: only on request (the dispatcher still delivers). */
  schedule: CollectionsSchedule | 'off';
  /** The schedule's memory across restarts and takeovers. */
  cycles: ScheduledCycles;
  /** The clock the schedule is read by (a test moves a manual one). */
  clock: Clock;
  /** How often the clock is compared with the schedule; default one second. */
  checkEveryMs?: number;
  onCycle?(summary: CycleSummary): void;
  onError?(error: unknown): void;
  /** Told when this process starts or stops leading. */
  onLeadership?(leading: boolean): void;
}

const RETRY_DELAY_MS = 5_000;
const CHECK_EVERY_MS = 1_000;

/**
 * The collections process as a service (SPEC 1, 5): while this process holds the lock, the cycle
 * runs at each occurrence of the schedule, and the dispatcher delivers the outbox; other processes
 * wait as hot standbys. Losing the lock stops both until it is regained; `stop` ends everything.
 *
 * The schedule counts from the latest scheduled cycle, kept durably: a start or a takeover runs no
 * cycle unless an occurrence has come since (then one, however many were missed), and the very first
 * start runs none — it only begins counting. The clock is polled rather than slept on, so a cycle
 * follows a moved clock (NOW in demos and tests) as it follows the real one.
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
    const { schedule, cycles, clock } = this.options;
    if (schedule === 'off') return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    let countedFrom = await this.scheduleStart();
    while (!signal.aborted) {
      const due = schedule.latestAtOrBefore(clock.now());
      if (due && due > countedFrom) {
        try {
          const summary = await this.runner.runCycle();
          this.options.onCycle?.(summary);
          await cycles.recordCycle(summary);
          countedFrom = DateTime.fromISO(summary.asOf, { zone: 'utc' });
        } catch (error) {
          // Not counted: the occurrence stays due and is tried again.
          this.options.onError?.(error);
          await sleep(RETRY_DELAY_MS, signal);
        }
      }
      await sleep(this.options.checkEveryMs ?? CHECK_EVERY_MS, signal);
    }
  }

  /** The instant the schedule counts from; on the very first start, now. */
  private async scheduleStart(): Promise<DateTime> {
    const { cycles, clock } = this.options;
    const recorded = await cycles.countedFrom();
    if (recorded) return recorded;
    const now = clock.now();
    await cycles.recordFirstStart(now);
    return now;
  }

  private setLeading(leading: boolean): void {
    this.leading = leading;
    this.options.onLeadership?.(leading);
  }
}
