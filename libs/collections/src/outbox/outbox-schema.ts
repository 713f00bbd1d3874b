import { SqlClient } from '@settle/event-store';

/** Serialises concurrent migrations of these tables (several processes starting at once). */
const MIGRATION_LOCK = 727_501;

/**
 * The dispatcher's own tables in the views database: where it stopped reading the store, and one
 * row per reminder and transport (the dedupe record: event id + transport is delivered at most once
 * by this table, and its outcome is recorded in the client stream).
 */
const statements = [
  `create table if not exists collections_outbox_checkpoint (
     consumer text primary key,
     position text not null,
     updated_at timestamptz not null default now()
   )`,
  `create table if not exists collections_deliveries (
     event_id uuid not null,
     transport text not null,
     client_id text not null,
     stream_id text not null,
     reminder_id text not null,
     send_at timestamptz not null,
     reminder jsonb not null,
     status text not null default 'pending',
     attempts integer not null default 0,
     next_attempt_at timestamptz,
     last_error text,
     finished_at timestamptz,
     primary key (event_id, transport)
   )`,
  `create index if not exists collections_deliveries_pending on collections_deliveries (send_at) where status = 'pending'`,
  `create index if not exists collections_deliveries_reminder on collections_deliveries (stream_id, reminder_id)`,
];

export async function migrateCollectionsOutbox(sql: SqlClient): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    for (const statement of statements) await tx.query(statement);
  });
}
