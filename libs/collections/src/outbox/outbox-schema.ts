import { type SqlClient } from '@settle/event-store';

/** Serialises concurrent migrations of these tables (several processes starting at once). */
const MIGRATION_LOCK = 727_501;

/**
 * The dispatcher's own table in the views database: the tries of deliveries still in progress (not in
 * the log, so not part of the `reminder_deliveries` projection). The outbox used to follow the log on
 * its own, with a checkpoint and a delivery table of its own: those are dropped; the projection
 * rebuilds the bookkeeping from the log, outcomes included, so nothing is sent again.
 */
const statements = [
  `create table if not exists reminder_retries (
     event_id uuid not null,
     transport text not null,
     attempts integer not null,
     last_failed_at timestamptz,
     last_error text,
     next_attempt_at timestamptz not null,
     primary key (event_id, transport)
   )`,
  `drop table if exists collections_outbox_checkpoint, collections_deliveries`,
];

export async function migrateCollectionsOutbox(sql: SqlClient): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    for (const statement of statements) await tx.query(statement);
  });
}
