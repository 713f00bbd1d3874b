import type { RecordedEvent, SqlExecutor } from '@settle/event-store';

/**
 * A read model kept in SQL, fed batch by batch in global order. The runner calls `apply` inside the
 * transaction that also moves the projection's checkpoint, so a view never holds a half batch.
 */
export interface Projection {
  /** Stable name: the checkpoint's key and the prefix of the view's tables. */
  readonly name: string;
  /** Bumped whenever the fold or the tables change: a view stored by another version is rebuilt from zero. */
  readonly version: number;
  /** Creates the view's tables when missing (idempotent, safe to run on every start). */
  migrate(sql: SqlExecutor): Promise<void>;
  /** Empties the view, for a rebuild from zero. */
  reset(tx: SqlExecutor): Promise<void>;
  /** Folds one batch (global order, any streams) into the view. */
  apply(tx: SqlExecutor, events: readonly RecordedEvent[], batch?: BatchContext): Promise<void>;
  /**
   * The only event types `apply` acts on (omitted: any). Having it declares that `apply` passes every
   * other type by, so the runner may leave them out of a batch: a rebuild from zero then reads only
   * these from the store (they still count as handled).
   */
  readonly eventTypes?: readonly string[];
  /**
   * Deletes what the view holds of one stream, so that the stream can be replayed alone. Having it
   * declares that the view's rows of a stream depend on that stream's events only: the runner then
   * quarantines a stream whose event cannot be applied and keeps every other stream live (see
   * quarantine.ts). Without it, a failed batch is retried whole until it applies.
   */
  forgetStream?(tx: SqlExecutor, streamId: string): Promise<void>;
}

/** What the runner knows of a batch beyond its events. */
export interface BatchContext {
  /**
   * None of the batch's streams has rows in the view yet, and the batch holds each of them whole (a
   * rebuild from zero by stream groups): the projection need not read what it holds of them.
   */
  readonly newStreams: boolean;
}

/** A row of a view that a rebuild from zero does not reproduce. */
export interface ViewDifference {
  projection: string;
  /** The row's key (a client id for the client views). */
  key: string;
  /** `missing`: the rebuild has the row, the live view not; `unexpected`: the other way round. */
  kind: 'missing' | 'unexpected' | 'different';
  /** The columns (and, for documents, the top-level fields as `column.field`) that differ. */
  fields: string[];
}

/** What `POST /v1/admin/verify` needs: the same projection rebuilt into tables beside the live ones. */
export interface VerifiableProjection extends Projection {
  /** The same projection writing into tables of its own, named after `label` (letters, digits, `_`). */
  beside(label: string): VerifiableProjection;
  /** Copies this view's rows (as committed and visible to `tx`) into `target`, made by `beside`. */
  copyInto(tx: SqlExecutor, target: VerifiableProjection): Promise<void>;
  /** Rows compared and how they differ, `this` read as the live view and `rebuilt` as the truth. */
  compare(sql: SqlExecutor, rebuilt: VerifiableProjection, limit: number): Promise<{ rows: number; differences: ViewDifference[] }>;
  /** Drops this view's tables (for views made by `beside`). */
  drop(sql: SqlExecutor): Promise<void>;
}

/** Table names are spliced into SQL: only plain lower-case identifiers, short enough for PostgreSQL. */
export function assertIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  return name;
}
