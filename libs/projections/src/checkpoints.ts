import type { Position, SqlExecutor } from '@settle/event-store';
import { clearQuarantine, migrateQuarantine } from './quarantine';

/**
 * One row per projection: how far its view has got. Written in the same transaction as the view
 * change, so view and checkpoint never disagree. `generation` counts rebuilds: a runner only writes
 * while the generation and position it started from are still the stored ones (compare-and-set), so
 * a rebuild requested elsewhere, or a second runner, makes its next batch roll back instead of
 * applying events twice.
 */
export interface Checkpoint {
  name: string;
  version: number;
  generation: number;
  /** The last event folded into the view; null before the first one. */
  position: Position | null;
  eventsHandled: number;
  /** Throughput of the active runner when it wrote its last batch. */
  eventsPerSecond: number;
  /** `host:pid` of the runner that last took the lead. */
  runner: string | null;
  updatedAt: string;
  /** The latest rebuild from zero; it is still running while `rebuildFinishedAt` is null. */
  rebuildStartedAt: string | null;
  rebuildFinishedAt: string | null;
}

/** The checkpoint moved under this runner: a rebuild, or another runner. Nothing of the batch was written. */
export class CheckpointMovedError extends Error {
  constructor(readonly projection: string) {
    super(`The checkpoint of ${projection} moved (rebuild requested or another runner); the batch was rolled back`);
    this.name = 'CheckpointMovedError';
  }
}

const instant = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const COLUMNS = `name, version, generation, position, events_handled::text, events_per_second, runner,
  ${instant('updated_at')} as updated_at, ${instant('rebuild_started_at')} as rebuild_started_at,
  ${instant('rebuild_finished_at')} as rebuild_finished_at`;

interface CheckpointRow {
  name: string;
  version: number;
  generation: number;
  position: string | null;
  events_handled: string;
  events_per_second: number;
  runner: string | null;
  updated_at: string;
  rebuild_started_at: string | null;
  rebuild_finished_at: string | null;
}

const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  name: row.name,
  version: Number(row.version),
  generation: Number(row.generation),
  position: row.position,
  eventsHandled: Number(row.events_handled),
  eventsPerSecond: Number(row.events_per_second),
  runner: row.runner,
  updatedAt: row.updated_at,
  rebuildStartedAt: row.rebuild_started_at,
  rebuildFinishedAt: row.rebuild_finished_at,
});

export async function migrateCheckpoints(sql: SqlExecutor): Promise<void> {
  await sql.query(`create table if not exists projection_checkpoints (
    name text primary key,
    version integer not null,
    generation integer not null default 0,
    position text,
    events_handled bigint not null default 0,
    events_per_second double precision not null default 0,
    runner text,
    updated_at timestamptz not null default now(),
    rebuild_started_at timestamptz,
    rebuild_finished_at timestamptz
  )`);
  // Written with the checkpoints, in the same transactions.
  await migrateQuarantine(sql);
}

/** The stored checkpoint, created (at the start) when the projection has none yet. */
export async function loadCheckpoint(sql: SqlExecutor, name: string, version: number): Promise<Checkpoint> {
  await sql.query(`insert into projection_checkpoints (name, version) values ($1, $2) on conflict (name) do nothing`, [name, version]);
  return (await readCheckpoint(sql, name))!;
}

export async function readCheckpoint(sql: SqlExecutor, name: string): Promise<Checkpoint | undefined> {
  const { rows } = await sql.query<CheckpointRow>(`select ${COLUMNS} from projection_checkpoints where name = $1`, [name]);
  return rows.length === 0 ? undefined : toCheckpoint(rows[0]);
}

export async function readCheckpoints(sql: SqlExecutor): Promise<Checkpoint[]> {
  const { rows } = await sql.query<CheckpointRow>(`select ${COLUMNS} from projection_checkpoints order by name`);
  return rows.map(toCheckpoint);
}

/**
 * Locks the checkpoint row until `tx` ends and returns it: a runner's next batch waits, so what `tx`
 * reads of the view is exactly what the checkpoint says (verification copies the view this way).
 */
export async function lockCheckpoint(tx: SqlExecutor, name: string): Promise<Checkpoint | undefined> {
  const { rows } = await tx.query<CheckpointRow>(`select ${COLUMNS} from projection_checkpoints where name = $1 for update`, [name]);
  return rows.length === 0 ? undefined : toCheckpoint(rows[0]);
}

export interface CheckpointAdvance {
  name: string;
  generation: number;
  from: Position | null;
  to: Position;
  events: number;
  eventsPerSecond: number;
}

/** Moves the checkpoint inside the batch's transaction; throws `CheckpointMovedError` when it is not where the runner left it. */
export async function advanceCheckpoint(tx: SqlExecutor, advance: CheckpointAdvance): Promise<void> {
  const { rowCount } = await tx.query(
    `update projection_checkpoints
        set position = $4, events_handled = events_handled + $5, events_per_second = $6, updated_at = now()
      where name = $1 and generation = $2 and position is not distinct from $3`,
    [advance.name, advance.generation, advance.from, advance.to, advance.events, advance.eventsPerSecond],
  );
  if (rowCount !== 1) throw new CheckpointMovedError(advance.name);
}

export interface GroupProgress {
  name: string;
  generation: number;
  /** `events_handled` as this runner left it: a rebuild by stream groups keeps the position null until its end. */
  handled: number;
  events: number;
  eventsPerSecond: number;
}

/**
 * Counts a stream group of a rebuild from zero inside its transaction (the position stays null until
 * the last group); throws `CheckpointMovedError` when the generation, the position or the count is not
 * where the runner left it (a rebuild requested meanwhile, or another runner).
 */
export async function countGroup(tx: SqlExecutor, progress: GroupProgress): Promise<void> {
  const { rowCount } = await tx.query(
    `update projection_checkpoints
        set events_handled = events_handled + $4, events_per_second = $5, updated_at = now()
      where name = $1 and generation = $2 and position is null and events_handled = $3`,
    [progress.name, progress.generation, progress.handled, progress.events, progress.eventsPerSecond],
  );
  if (rowCount !== 1) throw new CheckpointMovedError(progress.name);
}

/** Back to the beginning, as a new generation (with the view's reset, in one transaction); nothing stays quarantined. */
export async function resetCheckpoint(tx: SqlExecutor, name: string, version: number): Promise<number> {
  await clearQuarantine(tx, name);
  const { rows } = await tx.query<{ generation: number }>(
    `insert into projection_checkpoints as c (name, version, rebuild_started_at) values ($1, $2, now())
     on conflict (name) do update
       set version = $2, generation = c.generation + 1, position = null, events_handled = 0, events_per_second = 0,
           rebuild_started_at = now(), rebuild_finished_at = null, updated_at = now()
     returning generation`,
    [name, version],
  );
  return Number(rows[0].generation);
}

/** Records which process leads the projection now. */
export async function claimCheckpoint(sql: SqlExecutor, name: string, runner: string): Promise<void> {
  await sql.query(`update projection_checkpoints set runner = $2, updated_at = now() where name = $1`, [name, runner]);
}

/** A rebuild of this generation has caught up. */
export async function finishRebuild(sql: SqlExecutor, name: string, generation: number): Promise<void> {
  await sql.query(
    `update projection_checkpoints set rebuild_finished_at = now()
      where name = $1 and generation = $2 and rebuild_started_at is not null and rebuild_finished_at is null`,
    [name, generation],
  );
}
