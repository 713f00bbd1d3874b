import { DateTime } from 'luxon';
import { type SqlClient } from '@settle/event-store';
import { type CycleSummary } from './cycle-summary';

/**
 * What the scheduled process remembers across restarts: the instant its schedule counts from — the
 * latest scheduled cycle's `asOf`, or the first start when no cycle has run yet. An occurrence after
 * it that has come is due; one before it is done (or was before the process first ran).
 */
export interface ScheduledCycles {
  countedFrom(): Promise<DateTime | undefined>;
  recordFirstStart(at: DateTime): Promise<void>;
  recordCycle(summary: CycleSummary): Promise<void>;
}

/** Rows kept: the recent cycles, for an operator's look, while the table stays small whatever the schedule. */
const ROWS_KEPT = 1_000;

/** Serialises concurrent migrations of this table (several processes starting at once). */
const MIGRATION_LOCK = 727_502;

/**
 * `collections_cycles` in the views database (shared by every process in postgres mode, so a standby
 * taking over knows what the leader ran): one row per scheduled cycle with its figures, plus one
 * `first_start` row when the schedule began counting.
 */
export class CollectionsCycleTable implements ScheduledCycles {
  constructor(private readonly sql: SqlClient) {}

  static async migrate(sql: SqlClient): Promise<CollectionsCycleTable> {
    await sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query(
        `create table if not exists collections_cycles (
           as_of timestamptz primary key,
           kind text not null check (kind in ('cycle', 'first_start')),
           clients_examined integer,
           events_appended integer,
           failures integer
         )`,
      );
    });
    return new CollectionsCycleTable(sql);
  }

  async countedFrom(): Promise<DateTime | undefined> {
    const { rows } = await this.sql.query<{ as_of: string | null }>(
      `select to_char(max(as_of) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as as_of from collections_cycles`,
    );
    const asOf = rows[0]?.as_of;
    return asOf ? DateTime.fromISO(asOf, { zone: 'utc' }) : undefined;
  }

  async recordFirstStart(at: DateTime): Promise<void> {
    await this.sql.query(`insert into collections_cycles (as_of, kind) values ($1, 'first_start') on conflict do nothing`, [
      at.toUTC().toISO(),
    ]);
  }

  async recordCycle(summary: CycleSummary): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `insert into collections_cycles (as_of, kind, clients_examined, events_appended, failures) values ($1, 'cycle', $2, $3, $4)
         on conflict (as_of) do update set kind = 'cycle', clients_examined = excluded.clients_examined,
           events_appended = excluded.events_appended, failures = excluded.failures`,
        [summary.asOf, summary.clientsExamined, summary.eventsAppended, summary.failures.length],
      );
      await tx.query(
        `delete from collections_cycles where as_of < (select as_of from collections_cycles order by as_of desc offset $1 limit 1)`,
        [ROWS_KEPT - 1],
      );
    });
  }

  /** The scheduled cycles recorded, oldest first: what an operator (or a test) reads. */
  async cycles(): Promise<{ asOf: string; eventsAppended: number }[]> {
    const { rows } = await this.sql.query<{ as_of: string; events_appended: number }>(
      `select to_char(as_of at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as as_of, events_appended
         from collections_cycles where kind = 'cycle' order by as_of`,
    );
    return rows.map((row) => ({ asOf: row.as_of, eventsAppended: row.events_appended }));
  }
}
