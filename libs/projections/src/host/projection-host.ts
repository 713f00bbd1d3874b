import type { EventStore, Position, SqlClient } from '@settle/event-store';
import { type Checkpoint, migrateCheckpoints, readCheckpoint, readCheckpoints, resetCheckpoint } from '../checkpoints';
import { type ExclusiveLock } from '../locks/exclusive-lock';
import { type ProjectionLogger, silentLogger } from '../logger';
import { type VerifiableProjection, type ViewDifference } from '../projection';
import { type QuarantinedStream, quarantinesOf, summariseQuarantine } from '../quarantine';
import { sleep } from '../runner/abortable';
import { isolates } from '../runner/isolate';
import { ProjectionRunner, type ProjectionRunnerOptions, type RunnerState } from '../runner/projection-runner';
import { resetProjection } from '../runner/reset-projection';
import { isCaughtUp } from './caught-up';
import { type Lag, lagBehind } from './lag';
import { rebuildStream, type StreamRebuild } from './rebuild-stream';
import { type ProjectionVerification, verifyProjection } from './verify-projection';

/** Serialises concurrent migrations (several processes starting at once). */
const MIGRATION_LOCK = 727_103;

export interface ProjectionHostOptions {
  store: EventStore;
  /** The database of the views and checkpoints. */
  sql: SqlClient;
  projections: readonly VerifiableProjection[];
  /** Who may run each projection (one process at a time). */
  lock: ExclusiveLock;
  logger?: ProjectionLogger;
  runner?: ProjectionRunnerOptions;
  /** Lag is counted up to this many events. Default 10,000. */
  lagCap?: number;
  /** Quarantined streams listed in the status, per projection. Default 10. */
  quarantineListed?: number;
}

/**
 * `rebuilding`: catching up after a rebuild from zero; `standby`: another process runs it; the other
 * states are the runner's (see RunnerState). Without a runner in this process, the state is read from
 * the checkpoint and the lag.
 */
export type ProjectionState = RunnerState | 'rebuilding';

export interface ProjectionStatus {
  name: string;
  version: number;
  state: ProjectionState;
  /** Whether this process has a runner for it (leading or standing by). */
  runningHere: boolean;
  /** `host:pid` of the process that last took the lead. */
  runner: string | null;
  checkpoint: { position: Position | null; eventsHandled: number; generation: number; updatedAt: string | null };
  lag: Lag;
  eventsPerSecond: number;
  rebuild: { startedAt: string; finishedAt: string | null } | null;
  lastError: string | null;
  /** The streams it could not apply an event of (their views are stale): how many, and the first few, oldest first. */
  quarantine: { count: number; first: QuarantineEntry[] };
}

/** A quarantined stream as shown. */
export interface QuarantineEntry {
  streamId: string;
  /** The event that could not be applied. */
  revision: string;
  eventType: string;
  reason: string;
  since: string;
}

export const quarantineEntry = ({ streamId, revision, eventType, reason, since }: QuarantinedStream): QuarantineEntry => ({
  streamId,
  revision: revision.toString(),
  eventType,
  reason,
  since,
});

export interface VerificationReport {
  /** Rows compared over all views. */
  checked: number;
  differences: ViewDifference[];
  projections: ProjectionVerification[];
}

export class CaughtUpTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The projections did not catch up within ${timeoutMs} ms`);
    this.name = 'CaughtUpTimeoutError';
  }
}

/**
 * The projections of one process: their tables, their runners (when this process runs them), and
 * the operations on them — status, rebuild from zero, verification. Status, rebuild and verification
 * work from any process: they go through the checkpoints in the database, so an API process can
 * rebuild the views that a worker process runs.
 */
export class ProjectionHost {
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly logger: ProjectionLogger;

  constructor(private readonly options: ProjectionHostOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  get projectionNames(): string[] {
    return this.options.projections.map((projection) => projection.name);
  }

  /**
   * Creates the checkpoint and view tables (idempotent). A view built by another version of its
   * projection may have another shape: its tables are dropped and created anew, and it is rebuilt.
   */
  async migrate(): Promise<void> {
    await this.options.sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await migrateCheckpoints(tx);
      for (const projection of this.options.projections) {
        const stored = await readCheckpoint(tx, projection.name);
        if (stored !== undefined && stored.version !== projection.version) {
          this.logger.log(
            `${projection.name}: the view was built by version ${stored.version}, this is version ${projection.version}: rebuilding from zero`,
          );
          await projection.drop(tx);
          await projection.migrate(tx);
          await resetCheckpoint(tx, projection.name, projection.version);
        } else {
          await projection.migrate(tx);
        }
      }
    });
  }

  /** Starts a runner per projection in this process; each waits for its lock first. */
  startRunners(): void {
    for (const projection of this.options.projections) {
      if (this.runners.has(projection.name)) continue;
      const runner = new ProjectionRunner(
        { store: this.options.store, sql: this.options.sql, projection, lock: this.options.lock, logger: this.logger },
        this.options.runner,
      );
      this.runners.set(projection.name, runner);
      runner.start();
    }
  }

  async stopRunners(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.runners.clear();
  }

  /** `lagCap`: lag is counted up to this many events (counting reads them; health checks count fewer). */
  async status(lagCap = this.options.lagCap ?? 10_000): Promise<ProjectionStatus[]> {
    const stored = new Map((await readCheckpoints(this.options.sql)).map((checkpoint) => [checkpoint.name, checkpoint]));
    const quarantines = await summariseQuarantine(this.options.sql, this.options.quarantineListed ?? 10);
    const statuses = await Promise.all(
      this.options.projections.map((projection) => this.statusOf(projection, stored.get(projection.name), lagCap)),
    );
    return statuses.map((status) => {
      const quarantine = quarantines.get(status.name);
      return { ...status, quarantine: { count: quarantine?.count ?? 0, first: (quarantine?.first ?? []).map(quarantineEntry) } };
    });
  }

  /** Where a stream is quarantined (its views stale), among this host's projections. */
  async quarantinesOf(streamId: string): Promise<QuarantinedStream[]> {
    const names = this.projectionNames;
    return (await quarantinesOf(this.options.sql, streamId)).filter((quarantined) => names.includes(quarantined.projection));
  }

  /**
   * Rebuilds quarantined streams alone in the named projections (all by default): each is replayed
   * from its first event, and its quarantine lifted when it applies now (after a fix of the code).
   */
  async rebuildStreams(streamIds: readonly string[], names: readonly string[] = this.projectionNames): Promise<StreamRebuild[]> {
    const rebuilt: StreamRebuild[] = [];
    for (const projection of this.projectionsNamed(names)) {
      if (!isolates(projection)) continue;
      for (const streamId of streamIds) {
        const outcome = await rebuildStream(this.options.store, this.options.sql, projection, streamId);
        this.logger.log(`${projection.name}: ${streamId} rebuilt alone: ${outcome.outcome}`);
        rebuilt.push(outcome);
      }
    }
    return rebuilt;
  }

  /** Empties the views and sends their checkpoints back to zero; whichever process runs them rebuilds them. */
  async rebuild(names: readonly string[] = this.projectionNames): Promise<ProjectionStatus[]> {
    const projections = this.projectionsNamed(names);
    for (const projection of projections) {
      const generation = await resetProjection(this.options.sql, projection);
      this.logger.log(`${projection.name}: rebuild from zero requested (generation ${generation})`);
      this.runners.get(projection.name)?.restart();
    }
    const statuses = await this.status();
    return statuses.filter((status) => names.includes(status.name));
  }

  /** Rebuilds every view beside the live one and reports where they differ (SPEC 6). */
  async verify(options: { batchSize?: number; limit?: number } = {}): Promise<VerificationReport> {
    const projections: ProjectionVerification[] = [];
    for (const projection of this.options.projections) {
      const started = Date.now();
      const verification = await verifyProjection(this.options.store, this.options.sql, projection, {
        batchSize: options.batchSize ?? this.options.runner?.batchSize ?? 1000,
        limit: options.limit ?? 1000,
      });
      this.logger.log(
        `${projection.name}: verified ${verification.rows} rows against a rebuild of ${verification.eventsReplayed} events in ` +
          `${Date.now() - started} ms: ${verification.differences.length} differences`,
      );
      projections.push(verification);
    }
    return {
      checked: projections.reduce((total, verification) => total + verification.rows, 0),
      differences: projections.flatMap((verification) => verification.differences),
      projections,
    };
  }

  /**
   * Resolves once every view holds everything the store shows now and no rebuild is under way
   * (read-your-writes after a command, and tests). Works whichever process runs the projections.
   */
  async waitUntilCaughtUp(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const projection of this.options.projections) {
      while (!(await isCaughtUp(this.options.store, this.options.sql, projection))) {
        if (Date.now() > deadline) throw new CaughtUpTimeoutError(timeoutMs);
        await sleep(10);
      }
    }
  }

  private projectionsNamed(names: readonly string[]): VerifiableProjection[] {
    return names.map((name) => {
      const projection = this.options.projections.find((candidate) => candidate.name === name);
      if (!projection) throw new Error(`No projection ${name}`);
      return projection;
    });
  }

  private async statusOf(
    projection: VerifiableProjection,
    checkpoint: Checkpoint | undefined,
    lagCap: number,
  ): Promise<Omit<ProjectionStatus, 'quarantine'>> {
    const lag = await lagBehind(this.options.store, checkpoint?.position ?? null, lagCap);
    const runner = this.runners.get(projection.name)?.status();
    const rebuilding = checkpoint?.rebuildStartedAt != null && checkpoint.rebuildFinishedAt === null;
    const derived: ProjectionState = rebuilding ? 'rebuilding' : lag.events === 0 ? 'live' : 'catching_up';
    const state: ProjectionState =
      runner === undefined ? derived : runner.state === 'catching_up' || runner.state === 'live' ? derived : runner.state;
    return {
      name: projection.name,
      version: projection.version,
      state,
      runningHere: runner !== undefined,
      runner: checkpoint?.runner ?? null,
      checkpoint: {
        position: checkpoint?.position ?? null,
        eventsHandled: checkpoint?.eventsHandled ?? 0,
        generation: checkpoint?.generation ?? 0,
        updatedAt: checkpoint?.updatedAt ?? null,
      },
      lag,
      eventsPerSecond: runner?.eventsPerSecond ?? (lag.events > 0 ? (checkpoint?.eventsPerSecond ?? 0) : 0),
      rebuild: checkpoint?.rebuildStartedAt ? { startedAt: checkpoint.rebuildStartedAt, finishedAt: checkpoint.rebuildFinishedAt } : null,
      lastError: runner?.lastError ?? null,
    };
  }
}
