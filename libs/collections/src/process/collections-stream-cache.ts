import { type StreamSnapshot } from '@settle/command-pipeline';
import { type SqlClient } from '@settle/event-store';
import { type CollectionsSubject } from '../collections-subject';
import { chunked } from '../concurrently';
import { type DirectoryCheckpoint, type KnownClient } from './client-directory';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT } from './snapshot-codec';

/**
 * What the collections process keeps across restarts so that its first cycle does not read the
 * whole log again: the client directory (clients, their streams' revisions, the position read to)
 * and each client's folded snapshot at a revision. A cache of the events, never a truth of its own:
 * a snapshot is the fold of its stream up to its revision, and what came after is read from the
 * store; a format change (`SNAPSHOT_FORMAT`) empties it, and the process then starts from the log.
 */
export interface CollectionsStreamCache {
  /** The directory to start from; undefined when nothing (or another format) was kept. */
  loadDirectory(): Promise<DirectoryCheckpoint | undefined>;
  /** The directory and its position together; writes the clients that moved since they were last loaded or saved here. */
  saveDirectory(checkpoint: DirectoryCheckpoint): Promise<void>;
  /** The kept snapshots of these streams (those kept). */
  loadSnapshots(streamIds: readonly string[]): Promise<Map<string, StreamSnapshot<CollectionsSubject>>>;
  /** Keeps the snapshots further along than those last loaded or saved here. */
  saveSnapshots(snapshots: readonly { client: KnownClient; snapshot: StreamSnapshot<CollectionsSubject> }[]): Promise<void>;
  /** Forgets everything (a snapshot found unlike its stream's fold). */
  clear(): Promise<void>;
}

/** Rows per statement: large enough to save round trips, small enough for one statement's parameters. */
const ROWS_PER_STATEMENT = 500;

/** Serialises concurrent migrations of these tables (several processes starting at once). */
const MIGRATION_LOCK = 727_503;

/**
 * `collections_streams` (one row per client stream: the directory's revision and the snapshot) and
 * `collections_streams_state` (the format and the directory's position) in the views database.
 */
export class CollectionsStreamTable implements CollectionsStreamCache {
  /** What the tables hold as far as this process knows, so that a save writes only what moved. */
  private readonly keptRevisions = new Map<string, bigint>();
  private readonly keptSnapshotRevisions = new Map<string, bigint>();

  private constructor(private readonly sql: SqlClient) {}

  static async migrate(sql: SqlClient): Promise<CollectionsStreamTable> {
    await sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query(
        `create table if not exists collections_streams (
           stream_id text primary key,
           client_id text not null,
           revision bigint not null,
           snapshot_revision bigint,
           snapshot text
         )`,
      );
      await tx.query(
        `create table if not exists collections_streams_state (
           only_row boolean primary key default true check (only_row),
           format text not null,
           position text
         )`,
      );
      const { rows } = await tx.query<{ format: string }>('select format from collections_streams_state');
      if (rows[0]?.format === SNAPSHOT_FORMAT) return;
      // Kept under another format (or never): start from the log.
      await tx.query('truncate collections_streams');
      await tx.query('delete from collections_streams_state');
      await tx.query('insert into collections_streams_state (format) values ($1)', [SNAPSHOT_FORMAT]);
    });
    return new CollectionsStreamTable(sql);
  }

  async loadDirectory(): Promise<DirectoryCheckpoint | undefined> {
    return this.sql.transaction(async (tx) => {
      const { rows: state } = await tx.query<{ position: string | null }>(
        'select position from collections_streams_state where format = $1',
        [SNAPSHOT_FORMAT],
      );
      const position = state[0]?.position;
      if (!position) return undefined;
      const { rows } = await tx.query<{ client_id: string; stream_id: string; revision: string }>(
        'select client_id, stream_id, revision::text from collections_streams order by stream_id',
      );
      const clients = rows.map((row) => ({ clientId: row.client_id, streamId: row.stream_id, revision: BigInt(row.revision) }));
      for (const client of clients) this.keptRevisions.set(client.streamId, client.revision);
      return { position, clients };
    });
  }

  async saveDirectory({ position, clients }: DirectoryCheckpoint): Promise<void> {
    const changed = clients.filter((client) => client.revision !== this.keptRevisions.get(client.streamId));
    await this.sql.transaction(async (tx) => {
      for (const chunk of chunked(changed, ROWS_PER_STATEMENT)) {
        await tx.query(
          `insert into collections_streams (stream_id, client_id, revision)
           select * from unnest($1::text[], $2::text[], $3::bigint[])
           on conflict (stream_id) do update set revision = greatest(collections_streams.revision, excluded.revision)`,
          [
            chunk.map((client) => client.streamId),
            chunk.map((client) => client.clientId),
            chunk.map((client) => client.revision.toString()),
          ],
        );
      }
      await tx.query('update collections_streams_state set position = $1', [position]);
    });
    for (const client of changed) this.keptRevisions.set(client.streamId, client.revision);
  }

  async loadSnapshots(streamIds: readonly string[]): Promise<Map<string, StreamSnapshot<CollectionsSubject>>> {
    const { rows } = await this.sql.query<{ stream_id: string; snapshot: string }>(
      'select stream_id, snapshot from collections_streams where stream_id = any($1::text[]) and snapshot is not null',
      [streamIds],
    );
    const kept = new Map(rows.map((row) => [row.stream_id, decodeSnapshot(row.snapshot)]));
    for (const [streamId, snapshot] of kept) this.keptSnapshotRevisions.set(streamId, snapshot.revision);
    return kept;
  }

  async saveSnapshots(snapshots: readonly { client: KnownClient; snapshot: StreamSnapshot<CollectionsSubject> }[]): Promise<void> {
    const moved = snapshots.filter(({ client, snapshot }) => snapshot.revision > (this.keptSnapshotRevisions.get(client.streamId) ?? -1n));
    for (const chunk of chunked(moved, ROWS_PER_STATEMENT)) {
      // A row a directory save has not written yet starts at the snapshot's revision: never ahead of the stream.
      await this.sql.query(
        `insert into collections_streams (stream_id, client_id, revision, snapshot_revision, snapshot)
         select stream_id, client_id, revision, revision, snapshot from unnest($1::text[], $2::text[], $3::bigint[], $4::text[])
           as kept(stream_id, client_id, revision, snapshot)
         on conflict (stream_id) do update set snapshot_revision = excluded.snapshot_revision, snapshot = excluded.snapshot
           where collections_streams.snapshot_revision is null or collections_streams.snapshot_revision < excluded.snapshot_revision`,
        [
          chunk.map(({ client }) => client.streamId),
          chunk.map(({ client }) => client.clientId),
          chunk.map(({ snapshot }) => snapshot.revision.toString()),
          chunk.map(({ snapshot }) => encodeSnapshot(snapshot)),
        ],
      );
      for (const { client, snapshot } of chunk) this.keptSnapshotRevisions.set(client.streamId, snapshot.revision);
    }
  }

  async clear(): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('truncate collections_streams');
      await tx.query('update collections_streams_state set position = null');
    });
    this.keptRevisions.clear();
    this.keptSnapshotRevisions.clear();
  }
}
