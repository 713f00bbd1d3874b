import type { SqlClient } from './sql-client';

/** Notified after appends commit (see AppendNotifier); subscribers LISTEN on it to wake up. */
export const EVENTS_CHANNEL = 'settle_events';

/** Serialises concurrent migrations (several API processes starting at once). */
const MIGRATION_LOCK = 727_101;

/**
 * Global order is (transaction_id, global_position): a bigserial alone is handed out before
 * commit, so a reader ordering by it could pass an event that commits later with a lower number.
 * Readers only look at rows whose transaction is older than every transaction still running
 * (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`), and those rows never gain a
 * predecessor: any transaction that commits later has a larger id.
 */
const statements = [
  `create table if not exists event_streams (
     stream_id text primary key,
     revision bigint not null
   )`,
  `create table if not exists events (
     global_position bigserial primary key,
     transaction_id xid8 not null default pg_current_xact_id(),
     event_id uuid not null unique,
     stream_id text not null,
     revision bigint not null,
     type text not null,
     data json not null,
     metadata json not null,
     created_at timestamptz not null default now(),
     unique (stream_id, revision)
   )`,
  `create index if not exists events_global_order on events (transaction_id, global_position)`,

  // Where an idempotent retry finds its batch: the events' ids recorded in this stream, in order,
  // from p_start (any place when null). Nulls when the batch is not (entirely) there.
  `create or replace function settle_recorded_batch(
     p_stream_id text, p_start bigint, p_events jsonb,
     out last_revision bigint, out last_transaction_id xid8, out last_global_position bigint)
   language plpgsql stable as $$
   declare
     v_count bigint := jsonb_array_length(p_events);
     v_first bigint;
     v_matched bigint;
   begin
     select e.revision into v_first from events e
      where e.event_id = (p_events->0->>'id')::uuid and e.stream_id = p_stream_id;
     if not found or v_first <> coalesce(p_start, v_first) then return; end if;
     select count(*) into v_matched
       from jsonb_array_elements(p_events) with ordinality as b(event, ord)
       join events e on e.event_id = (b.event->>'id')::uuid
                    and e.stream_id = p_stream_id and e.revision = v_first + b.ord - 1;
     if v_matched < v_count then return; end if;
     select e.revision, e.transaction_id, e.global_position
       into last_revision, last_transaction_id, last_global_position
       from events e where e.stream_id = p_stream_id and e.revision = v_first + v_count - 1;
   end $$`,

  // One round trip per append. The event_streams row is the optimistic-concurrency lock: concurrent
  // appends at one revision queue on it and all but the first find the revision moved.
  // outcome: appended | already_recorded | wrong_expected_revision (revision = the actual one).
  `create or replace function settle_append(p_stream_id text, p_expected text, p_events jsonb,
     out outcome text, out revision bigint, out transaction_id xid8, out global_position bigint)
   language plpgsql as $$
   declare
     v_count bigint := jsonb_array_length(p_events);
     v_start bigint;
     v_last bigint;
     v_recorded record;
   begin
     if p_expected = 'no_stream' then v_start := 0;
     elsif p_expected <> 'any' then v_start := p_expected::bigint + 1;
     end if;

     select * into v_recorded from settle_recorded_batch(p_stream_id, v_start, p_events);
     if v_recorded.last_revision is not null then
       select 'already_recorded', v_recorded.last_revision, v_recorded.last_transaction_id,
              v_recorded.last_global_position into outcome, revision, transaction_id, global_position;
       return;
     end if;

     if p_expected = 'no_stream' then
       insert into event_streams as s (stream_id, revision) values (p_stream_id, v_count - 1) on conflict do nothing;
       if found then v_last := v_count - 1; end if;
     elsif p_expected = 'any' then
       insert into event_streams as s (stream_id, revision) values (p_stream_id, v_count - 1)
         on conflict (stream_id) do update set revision = s.revision + v_count
         returning s.revision into v_last;
       v_start := v_last - v_count + 1;
     else
       update event_streams as s set revision = s.revision + v_count
        where s.stream_id = p_stream_id and s.revision = p_expected::bigint
        returning s.revision into v_last;
     end if;

     if v_last is null then
       -- Lost a race: the winner may have been this very batch (a concurrent retry).
       select * into v_recorded from settle_recorded_batch(p_stream_id, v_start, p_events);
       if v_recorded.last_revision is not null then
         select 'already_recorded', v_recorded.last_revision, v_recorded.last_transaction_id,
                v_recorded.last_global_position into outcome, revision, transaction_id, global_position;
       else
         outcome := 'wrong_expected_revision';
         select s.revision into revision from event_streams s where s.stream_id = p_stream_id;
       end if;
       return;
     end if;

     with appended as (
       insert into events (event_id, stream_id, revision, type, data, metadata)
       select (b.event->>'id')::uuid, p_stream_id, v_start + b.ord - 1, b.event->>'type',
              b.event->'data', b.event->'metadata'
         from jsonb_array_elements(p_events) with ordinality as b(event, ord)
        order by b.ord
       returning events.transaction_id, events.global_position
     )
     select 'appended', v_last, pg_current_xact_id(), max(a.global_position)
       into outcome, revision, transaction_id, global_position from appended a;
   end $$`,
];

/**
 * What changed in the tables of a store created by an earlier build, in order; `event_store_version`
 * holds how many of them the store has had. A store this build creates has the latest shape already.
 */
const upgrades: readonly string[] = [
  // 1. The events' JSON as text (json, was jsonb): a read hands it over as stored instead of printing
  //    jsonb each time, which bounded a rebuild's and a long history's reads. Appends still pass jsonb,
  //    so the stored text is jsonb's own rendering: readers get the same bytes as before.
  `alter table events alter column data type json using data::json, alter column metadata type json using metadata::json`,
];

/** Creates or upgrades the event tables and functions; safe to run any number of times, concurrently. */
export async function migrateEventStore(sql: SqlClient): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const { rows: found } = await tx.query<{ existed: boolean }>(`select to_regclass('events') is not null as existed`);
    for (const statement of statements) await tx.query(statement);
    await tx.query(`create table if not exists event_store_version (version integer not null)`);
    const { rows } = await tx.query<{ version: number }>(`select version from event_store_version`);
    // A store from before the versions has had none of the upgrades; a new one needs none.
    const version = rows[0]?.version ?? (found[0].existed ? 0 : upgrades.length);
    for (const upgrade of upgrades.slice(version)) await tx.query(upgrade);
    if (rows.length === 0) await tx.query(`insert into event_store_version (version) values ($1)`, [upgrades.length]);
    else if (version < upgrades.length) await tx.query(`update event_store_version set version = $1`, [upgrades.length]);
  });
}
