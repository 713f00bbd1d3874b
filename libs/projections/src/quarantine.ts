import type { Position, SqlExecutor } from '@settle/event-store';

/**
 * A stream whose event a projection could not apply (SPEC 10). Its rows keep what the events before
 * that one made of them and are stale from it on; the runner passes its later events by, so that
 * every other stream stays live. A rebuild of the stream replays it whole and lifts the quarantine
 * when it applies. Written in the transaction that moves the checkpoint, like the view.
 */
export interface QuarantinedStream {
  projection: string;
  streamId: string;
  /** The event that could not be applied. */
  revision: bigint;
  position: Position;
  eventType: string;
  reason: string;
  /** When the stream was first quarantined. */
  since: string;
  /** The last event of the stream at or before the checkpoint (applied or passed by): a rebuild of the stream replays up to it. */
  throughRevision: bigint;
}

export interface QuarantineSummary {
  count: number;
  /** The first few, oldest first. */
  first: QuarantinedStream[];
}

const TABLE = 'projection_quarantine';

const COLUMNS = `projection, stream_id, revision::text as revision, position, event_type, reason,
  to_char(since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as since, through_revision::text as through_revision`;

interface QuarantineRow {
  projection: string;
  stream_id: string;
  revision: string;
  position: string;
  event_type: string;
  reason: string;
  since: string;
  through_revision: string;
}

const toQuarantinedStream = (row: QuarantineRow): QuarantinedStream => ({
  projection: row.projection,
  streamId: row.stream_id,
  revision: BigInt(row.revision),
  position: row.position,
  eventType: row.event_type,
  reason: row.reason,
  since: row.since,
  throughRevision: BigInt(row.through_revision),
});

export async function migrateQuarantine(sql: SqlExecutor): Promise<void> {
  await sql.query(`create table if not exists ${TABLE} (
    projection text not null,
    stream_id text not null,
    revision bigint not null,
    position text not null,
    event_type text not null,
    reason text not null,
    since timestamptz not null default now(),
    through_revision bigint not null,
    primary key (projection, stream_id)
  )`);
}

/** Quarantines a stream, or records why it still fails (a rebuild that did not apply); keeps when it was first quarantined. */
export async function quarantineStream(tx: SqlExecutor, stream: Omit<QuarantinedStream, 'since'>): Promise<void> {
  await tx.query(
    `insert into ${TABLE} (projection, stream_id, revision, position, event_type, reason, through_revision)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (projection, stream_id) do update
       set revision = excluded.revision, position = excluded.position, event_type = excluded.event_type,
           reason = excluded.reason, through_revision = excluded.through_revision`,
    [
      stream.projection,
      stream.streamId,
      stream.revision.toString(),
      stream.position,
      stream.eventType,
      stream.reason,
      stream.throughRevision.toString(),
    ],
  );
}

/** Which of `streamIds` are quarantined, as `QuarantinedStream`s by stream id. */
export async function quarantinedAmong(
  tx: SqlExecutor,
  projection: string,
  streamIds: readonly string[],
): Promise<Map<string, QuarantinedStream>> {
  const { rows } = await tx.query<QuarantineRow>(
    `select ${COLUMNS} from ${TABLE}
      where projection = $1 and stream_id in (select jsonb_array_elements_text($2::text::jsonb))`,
    [projection, JSON.stringify(streamIds)],
  );
  return new Map(rows.map((row) => [row.stream_id, toQuarantinedStream(row)]));
}

/** Every stream the projection has quarantined (the runner's starting point; few, or the projection is broken). */
export async function quarantinedStreams(sql: SqlExecutor, projection: string): Promise<Set<string>> {
  const { rows } = await sql.query<{ stream_id: string }>(`select stream_id from ${TABLE} where projection = $1`, [projection]);
  return new Set(rows.map((row) => row.stream_id));
}

/** The runner passed these events of quarantined streams by: a rebuild of the stream must replay them. */
export async function passQuarantined(tx: SqlExecutor, projection: string, throughRevisions: ReadonlyMap<string, bigint>): Promise<void> {
  await tx.query(
    `update ${TABLE} q set through_revision = greatest(q.through_revision, p.through_revision)
       from jsonb_to_recordset($2::text::jsonb) as p(stream_id text, through_revision bigint)
      where q.projection = $1 and q.stream_id = p.stream_id`,
    [
      projection,
      JSON.stringify([...throughRevisions].map(([streamId, revision]) => ({ stream_id: streamId, through_revision: String(revision) }))),
    ],
  );
}

export async function liftQuarantine(tx: SqlExecutor, projection: string, streamId: string): Promise<void> {
  await tx.query(`delete from ${TABLE} where projection = $1 and stream_id = $2`, [projection, streamId]);
}

/** A rebuild from zero replays every stream: nothing stays quarantined unless it fails again. */
export async function clearQuarantine(tx: SqlExecutor, projection: string): Promise<void> {
  await tx.query(`delete from ${TABLE} where projection = $1`, [projection]);
}

/** How many streams each projection has quarantined, and the first `limit` of each. */
export async function summariseQuarantine(sql: SqlExecutor, limit: number): Promise<Map<string, QuarantineSummary>> {
  const { rows } = await sql.query<QuarantineRow & { count: string }>(
    `select * from (
       select ${COLUMNS}, count(*) over (partition by projection)::text as count,
              row_number() over (partition by projection order by since, stream_id) as rank
         from ${TABLE}) q
      where rank <= $1 order by projection, rank`,
    [limit],
  );
  const summaries = new Map<string, QuarantineSummary>();
  for (const row of rows) {
    const summary = summaries.get(row.projection) ?? { count: Number(row.count), first: [] };
    summary.first.push(toQuarantinedStream(row));
    summaries.set(row.projection, summary);
  }
  return summaries;
}

/** The quarantines of one stream, in every projection. */
export async function quarantinesOf(sql: SqlExecutor, streamId: string): Promise<QuarantinedStream[]> {
  const { rows } = await sql.query<QuarantineRow>(`select ${COLUMNS} from ${TABLE} where stream_id = $1 order by projection`, [streamId]);
  return rows.map(toQuarantinedStream);
}
