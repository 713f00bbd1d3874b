import { hostname } from 'node:os';
import type { EventStore, Position, RecordedEvent, SqlClient, SqlExecutor } from '@settle/event-store';
import {
  advanceCheckpoint,
  type Checkpoint,
  CheckpointMovedError,
  claimCheckpoint,
  countGroup,
  finishRebuild,
  loadCheckpoint,
  readCheckpoint,
} from '../checkpoints';
import { type ExclusiveLock, type Lease } from '../locks/exclusive-lock';
import { type ProjectionLogger, silentLogger } from '../logger';
import { type Projection } from '../projection';
import { clearQuarantine, passQuarantined, quarantinedAmong, quarantinedStreams, quarantineStream } from '../quarantine';
import { sleep } from './abortable';
import { applyIsolating, isInfrastructureFailure, type IsolatingProjection, isolates, messageOf, type StreamFailure } from './isolate';
import { resetProjection } from './reset-projection';
import { ThroughputMeter } from './throughput-meter';

/**
 * `standby`: waiting for the lock (another process runs the projection); `catching_up`: reading
 * what was recorded since the checkpoint; `live`: caught up, following new events; `retrying`:
 * the last attempt failed, the next one is scheduled.
 */
export type RunnerState = 'stopped' | 'standby' | 'catching_up' | 'live' | 'retrying';

export interface RunnerStatus {
  state: RunnerState;
  eventsPerSecond: number;
  lastError: string | null;
}

export interface ProjectionRunnerOptions {
  /** Events per transaction. Default 1000. */
  batchSize?: number;
  /**
   * About how many events a rebuild from zero reads per group of whole streams (when the store reads
   * by stream group and the projection's rows of a stream depend on that stream only). Default 2,500:
   * as fast as 10,000 on this machine, with half the heap.
   */
  groupEvents?: number;
  /** First pause after a failure; doubles per consecutive failure up to 30 s. Default 1000 ms. */
  retryDelayMs?: number;
  /** How often the active runner re-reads its checkpoint to notice a rebuild requested by another process. Default 1000 ms. */
  checkIntervalMs?: number;
  /** How often a catch-up logs its progress. Default 5000 ms. */
  progressLogIntervalMs?: number;
  /** Shown in the checkpoint while this process leads. Default `host:pid`. */
  runnerId?: string;
}

export interface ProjectionRunnerDeps {
  store: EventStore;
  /** Where the view and the checkpoints live. */
  sql: SqlClient;
  projection: Projection;
  lock: ExclusiveLock;
  logger?: ProjectionLogger;
}

/** How one subscription session ended. */
type SessionEnd = 'restart' | 'stop' | 'lost';

/** A store that reads by stream group (see `EventStore.readStreamGroup`). */
type GroupReadingStore = EventStore & Required<Pick<EventStore, 'lastPosition' | 'readStreamGroup'>>;
const readsByGroup = (store: EventStore): store is GroupReadingStore =>
  store.lastPosition !== undefined && store.readStreamGroup !== undefined;

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Runs one projection: waits for its lock (hot standby), then follows the store from the stored
 * checkpoint with a catch-up subscription, applying each batch and moving the checkpoint in one
 * transaction. A batch that fails for its events is applied again stream by stream (when the
 * projection isolates streams): a stream that still fails is quarantined and the others are kept.
 * A failure of the infrastructure rolls the batch back whole and it is read again after a pause; a
 * rebuild requested anywhere restarts the subscription from the reset checkpoint.
 */
export class ProjectionRunner {
  private state: RunnerState = 'stopped';
  private lastError: string | null = null;
  private consecutiveFailures = 0;
  private readonly meter = new ThroughputMeter();
  private readonly logger: ProjectionLogger;
  private readonly runnerId: string;
  private abort?: AbortController;
  private running?: Promise<void>;
  /** Ends the current session so that it starts again from the stored checkpoint. */
  private interrupt?: () => void;
  /**
   * The streams this projection has quarantined, as read at the start of the session and added to
   * since. Only the leading runner quarantines; others only lift (a rebuild of the stream), which
   * each batch checks in the table for the streams it names.
   */
  private quarantined = new Set<string>();

  constructor(
    private readonly deps: ProjectionRunnerDeps,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.logger = deps.logger ?? silentLogger;
    this.runnerId = options.runnerId ?? `${hostname()}:${process.pid}`;
  }

  get name(): string {
    return this.deps.projection.name;
  }

  start(): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.running = this.loop(this.abort.signal);
  }

  /** Stops after the batch in hand (committed or rolled back) and releases the lock. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    this.running = undefined;
  }

  /** Reads from the stored checkpoint again (after a rebuild requested in this process). */
  restart(): void {
    this.interrupt?.();
  }

  status(): RunnerStatus {
    return { state: this.state, eventsPerSecond: this.meter.perSecond(), lastError: this.lastError };
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      this.state = 'standby';
      try {
        const lease = await this.deps.lock.acquire(this.name, signal);
        let end: SessionEnd;
        try {
          end = await this.lead(lease, signal);
        } finally {
          await lease.release();
        }
        if (end === 'lost') {
          // Its connection died: this process may be the one in trouble, so a standby gets the first chance.
          this.logger.warn(`${this.name}: lost its lock; back to standby`);
          await sleep(this.options.retryDelayMs ?? 1000, signal);
        }
      } catch (error) {
        if (signal.aborted) break;
        this.consecutiveFailures += 1;
        const delay = Math.min(MAX_RETRY_DELAY_MS, (this.options.retryDelayMs ?? 1000) * 2 ** (this.consecutiveFailures - 1));
        this.state = 'retrying';
        this.lastError = messageOf(error);
        this.logger.error(`${this.name}: ${this.lastError}; retrying in ${delay} ms`, error instanceof Error ? error.stack : undefined);
        // The lock is released meanwhile: a standby elsewhere may do better.
        await sleep(delay, signal);
      }
    }
    this.state = 'stopped';
  }

  /** Sessions from the stored checkpoint, one after the other, until stopped or the lock is lost. */
  private async lead(lease: Lease, signal: AbortSignal): Promise<Exclude<SessionEnd, 'restart'>> {
    const { sql, projection } = this.deps;
    await loadCheckpoint(sql, projection.name, projection.version);
    await claimCheckpoint(sql, projection.name, this.runnerId);
    this.logger.log(`${this.name}: running in ${this.runnerId}`);
    for (;;) {
      const end = await this.follow(lease, signal);
      if (end !== 'restart') return end;
      this.logger.log(`${this.name}: the checkpoint moved (a rebuild was requested); following from the stored one`);
    }
  }

  /** The stored checkpoint; a view written by another version of the projection is reset first. */
  private async checkpoint(): Promise<Checkpoint> {
    const { sql, projection } = this.deps;
    const stored = await loadCheckpoint(sql, projection.name, projection.version);
    if (stored.version === projection.version) return stored;
    this.logger.log(
      `${this.name}: the view was built by version ${stored.version}, this is version ${projection.version}: rebuilding from zero`,
    );
    await resetProjection(sql, projection);
    return loadCheckpoint(sql, projection.name, projection.version);
  }

  /** One subscription from the stored checkpoint, until stopped, the lock is lost, or the checkpoint moves. */
  private async follow(lease: Lease, signal: AbortSignal): Promise<SessionEnd> {
    const { store, sql, projection } = this.deps;
    const checkpoint = await this.checkpoint();
    const { generation } = checkpoint;
    let position = checkpoint.position;
    this.quarantined = isolates(projection) ? await quarantinedStreams(sql, this.name) : new Set();
    const progress = new CatchUpProgress(this.name, checkpoint, this.logger, this.options.progressLogIntervalMs ?? 5000);
    this.meter.reset();
    this.state = 'catching_up';

    if (position === null && isolates(projection) && readsByGroup(store)) {
      let lost = false;
      void lease.lost.then(() => (lost = true));
      const stopped = () => lost || signal.aborted;
      try {
        position = await this.rebuildByStreamGroups(store, projection, checkpoint, progress, stopped);
      } catch (error) {
        if (error instanceof CheckpointMovedError) return 'restart';
        throw error;
      }
      if (lost) return 'lost';
      if (signal.aborted) return 'stop';
    }

    const handle = async (events: RecordedEvent[]) => {
      const to = events[events.length - 1].position;
      // The checkpoint first: a moved one fails fast, before any view work.
      await this.applyCounted(events, (tx) =>
        advanceCheckpoint(tx, {
          name: this.name,
          generation,
          from: position,
          to,
          events: events.length,
          eventsPerSecond: this.meter.perSecond(),
        }),
      );
      position = to;
      progress.handled(events.length, this.meter.perSecond());
    };

    const onCaughtUp = () => {
      this.state = 'live';
      if (progress.caughtUp() && checkpoint.rebuildStartedAt !== null && checkpoint.rebuildFinishedAt === null) {
        finishRebuild(sql, this.name, generation).catch((error: unknown) => this.logger.warn(`${this.name}: ${messageOf(error)}`));
      }
    };

    return new Promise<SessionEnd>((resolve, reject) => {
      if (signal.aborted) return resolve('stop');
      let ended = false;
      const end = (outcome: SessionEnd | Error) => {
        if (ended) return;
        ended = true;
        clearInterval(watch);
        signal.removeEventListener('abort', onAbort);
        this.interrupt = undefined;
        void subscription.stop().then(() => (outcome instanceof Error ? reject(outcome) : resolve(outcome)));
      };
      const onAbort = () => end('stop');
      const subscription = store.subscribeToAll({
        after: position ?? undefined,
        batchSize: this.options.batchSize ?? 1000,
        handle,
        onCaughtUp,
        onError: (error) =>
          end(error instanceof CheckpointMovedError ? 'restart' : error instanceof Error ? error : new Error(String(error))),
      });
      signal.addEventListener('abort', onAbort, { once: true });
      void lease.lost.then(() => end('lost'));
      this.interrupt = () => end('restart');
      // A rebuild requested by another process shows as a new generation.
      const watch = setInterval(() => {
        readCheckpoint(sql, this.name).then(
          (stored) => stored?.generation !== generation && end('restart'),
          () => undefined,
        );
      }, this.options.checkIntervalMs ?? 1000);
    });
  }

  /**
   * A rebuild from zero of a projection whose rows of a stream depend on that stream only: the events
   * through the store's last position (of the types it declares), a group of whole streams at a time, so
   * that a client's rows are written once per group instead of once per event (the order across streams does not matter, as for
   * `applyIsolating`). Each group is applied and counted in one transaction; the position stays null
   * until the last one, then moves to where the reading stopped, and the subscription follows from
   * there. A rebuild interrupted between groups (its count is not zero) starts again from an empty view.
   * Returns the position reached; null when the store is empty or the runner stopped.
   */
  private async rebuildByStreamGroups(
    store: GroupReadingStore,
    projection: IsolatingProjection,
    checkpoint: Checkpoint,
    progress: CatchUpProgress,
    stopped: () => boolean,
  ): Promise<Position | null> {
    const { sql } = this.deps;
    const { generation } = checkpoint;
    const through = await store.lastPosition();
    if (through === undefined) return null;
    let handled = checkpoint.eventsHandled;
    const counted = (events: number) => (tx: SqlExecutor) =>
      countGroup(tx, { name: this.name, generation, handled, events, eventsPerSecond: this.meter.perSecond() });
    if (handled > 0) {
      this.logger.log(`${this.name}: an interrupted rebuild had applied ${handled} events; starting again from an empty view`);
      await sql.transaction(async (tx) => {
        await counted(-handled)(tx);
        await projection.reset(tx);
        await clearQuarantine(tx, this.name);
      });
      handled = 0;
    }
    const read = (afterStream: string | undefined) => {
      const reading = store.readStreamGroup({
        afterStream,
        maxEvents: this.options.groupEvents ?? 2_500,
        through,
        types: projection.eventTypes,
      });
      // A read left behind (the runner stopped, or a group failed) must not fail unheard.
      reading.catch(() => undefined);
      return reading;
    };
    let next = read(undefined);
    while (!stopped()) {
      const group = await next;
      if (group.lastStream === undefined) {
        await sql.transaction((tx) =>
          advanceCheckpoint(tx, {
            name: this.name,
            generation,
            from: null,
            to: through,
            events: 0,
            eventsPerSecond: this.meter.perSecond(),
          }),
        );
        return through;
      }
      // The next group is read while this one is applied: the database builds its JSON while this process folds.
      next = read(group.lastStream);
      // Events of types the projection passes by were not read, but the group went through them: they count.
      if (group.eventCount === 0) continue;
      await this.applyCounted(group.events, counted(group.eventCount), { handled: group.eventCount, newStreams: true });
      handled += group.eventCount;
      progress.handled(group.eventCount, this.meter.perSecond());
    }
    return null;
  }

  /**
   * Applies events and counts them (`count`: the checkpoint's compare-and-set, first) in one transaction;
   * when they fail for their events, applies them again stream by stream and quarantines the streams
   * that fail alone. `handled`: the events gone through, with those left out for their type;
   * `newStreams`: the events are a group of whole streams the view holds nothing of (see `BatchContext`).
   */
  private async applyCounted(
    events: readonly RecordedEvent[],
    count: (tx: SqlExecutor) => Promise<void>,
    { handled = events.length, newStreams = false }: { handled?: number; newStreams?: boolean } = {},
  ): Promise<void> {
    const { sql, projection } = this.deps;
    const write = (isolating: boolean) =>
      sql.transaction(async (tx) => {
        await count(tx);
        return this.applyBatch(tx, events, isolating, newStreams);
      });
    let failures: StreamFailure[];
    try {
      failures = await write(false);
    } catch (error) {
      if (!isolates(projection) || isInfrastructureFailure(error)) throw error;
      this.logger.warn(`${this.name}: a batch failed (${messageOf(error)}); applying it stream by stream`);
      failures = await write(true);
    }
    for (const { event, reason } of failures) {
      this.quarantined.add(event.streamId);
      this.logger.error(
        `${this.name}: cannot apply ${event.type} at revision ${event.revision} of ${event.streamId} (${reason}): ` +
          `the stream is quarantined, its view stale until it is rebuilt; the other streams go on`,
      );
    }
    this.consecutiveFailures = 0;
    this.lastError = null;
    this.meter.record(handled);
  }

  /**
   * Applies a batch in `tx`, but for the events of quarantined streams, which are passed by. Whole,
   * or `isolating`: stream by stream, quarantining the streams that fail (returned). Isolating applies
   * a stream's events in parts, so only a whole batch is applied as `newStreams`.
   */
  private async applyBatch(
    tx: SqlExecutor,
    events: readonly RecordedEvent[],
    isolating: boolean,
    newStreams: boolean,
  ): Promise<StreamFailure[]> {
    const { projection } = this.deps;
    const applicable = await this.passQuarantined(tx, events);
    if (applicable.length === 0) return [];
    if (!isolating) {
      await projection.apply(tx, applicable, { newStreams });
      return [];
    }
    const failures = await applyIsolating(tx, projection, applicable);
    for (const { event, reason, throughRevision } of failures) {
      await quarantineStream(tx, {
        projection: this.name,
        streamId: event.streamId,
        revision: event.revision,
        position: event.position,
        eventType: event.type,
        reason,
        throughRevision,
      });
    }
    return failures;
  }

  /** The batch without the events of streams still quarantined; those are recorded as passed by, for a rebuild of the stream. */
  private async passQuarantined(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<readonly RecordedEvent[]> {
    const candidates = [...new Set(events.map((event) => event.streamId).filter((streamId) => this.quarantined.has(streamId)))];
    if (candidates.length === 0) return events;
    // Read after the checkpoint moved, so a rebuild of the stream committed meanwhile is seen.
    const still = await quarantinedAmong(tx, this.name, candidates);
    for (const streamId of candidates) if (!still.has(streamId)) this.quarantined.delete(streamId);
    const passed = new Map<string, bigint>();
    const applicable: RecordedEvent[] = [];
    for (const event of events) {
      if (still.has(event.streamId)) passed.set(event.streamId, event.revision);
      else applicable.push(event);
    }
    if (passed.size > 0) await passQuarantined(tx, this.name, passed);
    return applicable;
  }
}

/** Logs a catch-up: where it starts, how it goes, and when it is done. */
class CatchUpProgress {
  private readonly startedAt = Date.now();
  private lastLogAt = this.startedAt;
  private events = 0;
  private done = false;

  constructor(
    private readonly name: string,
    checkpoint: Checkpoint,
    private readonly logger: ProjectionLogger,
    private readonly intervalMs: number,
  ) {
    const from =
      checkpoint.position === null ? 'the beginning' : `position ${checkpoint.position} (${checkpoint.eventsHandled} events handled)`;
    logger.log(`${name}: catching up from ${from}`);
  }

  handled(events: number, eventsPerSecond: number): void {
    this.events += events;
    const now = Date.now();
    if (this.done || now - this.lastLogAt < this.intervalMs) return;
    this.lastLogAt = now;
    this.logger.log(`${this.name}: ${this.events} events handled, ${eventsPerSecond} events/s`);
  }

  /** True the first time: the catch-up is over. */
  caughtUp(): boolean {
    if (this.done) return false;
    this.done = true;
    const seconds = (Date.now() - this.startedAt) / 1000;
    this.logger.log(
      `${this.name}: caught up, ${this.events} events in ${seconds.toFixed(1)} s (${Math.round(this.events / Math.max(seconds, 0.001))} events/s)`,
    );
    return true;
  }
}
