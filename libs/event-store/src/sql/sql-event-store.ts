import { SubscriptionRegistry } from '../subscription/subscription-registry';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventCount,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type ReadStreamGroupOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredJsonEvent,
  type StreamGroup,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { EventIdConflictError } from '../event-id-conflict.error';
import { startCatchUpSubscription } from '../subscription/catch-up-subscription';
import { WakeSignal } from '../subscription/wake-signal';
import { assertAppendable } from '../append-checks';
import { AppendGroup } from './append-group';
import { AppendNotifier } from './append-notifier';
import { EVENTS_CHANNEL } from './schema';
import type { SqlClient, SqlExecutor } from './sql-client';
import { decodePosition, encodePosition, START } from './sql-position';

export interface SqlEventStoreOptions {
  /**
   * How often an idle subscription reads again without a notification (ms). Notifications cover
   * appends; polling covers a lost listening connection and an unrelated long transaction that
   * held readers back. Default 500.
   */
  pollIntervalMs?: number;
  /**
   * Whether other processes share the database, so appends must NOTIFY them and subscriptions LISTEN
   * (default true). PGlite lives inside one process: the in-process wake-up is all it needs, and the
   * NOTIFY would cost a query per append.
   */
  crossProcess?: boolean;
  /**
   * Whether the database runs one statement at a time (PGlite; default false). Appends that queue
   * for it anyway are then grouped into one statement and commit, and no transaction can be running
   * while a subscription reads, so none ever needs to ask whether committed events are held back.
   */
  oneStatementAtATime?: boolean;
  /**
   * How long a live subscription lets events gather after a batch before reading again (ms;
   * default 10). Under load each read, handler transaction and checkpoint then serves many events
   * instead of one; when events come one by one it adds at most this to a view's lag.
   */
  lingerMs?: number;
  /**
   * Whether `readStreamJson` takes the events as ONE text the database aggregates (PGlite; default false:
   * a row per event). PGlite decodes each row of a result in JavaScript from its memory: a row per event
   * took about twice as long there. Over a socket the rows come as the server writes them, which costs it
   * less than aggregating them, and each is small (no page-sized strings and buffers for the collector).
   */
  streamJsonAsOneText?: boolean;
}

/** Wait before LISTENing again after the connection was lost (polling goes on meanwhile). */
const RELISTEN_DELAY_MS = 1000;

interface AppendRow {
  outcome: 'appended' | 'already_recorded' | 'wrong_expected_revision';
  revision: string | null;
  transaction_id: string | null;
  global_position: string | null;
}

/** One event as a JSON array: [transaction_id, global_position, event_id, stream_id, revision, type, data, metadata, created]. */
type EventTuple = [string, string, string, string, string, string, unknown, Record<string, unknown>, string];

/** A timestamptz as the ISO instant `RecordedEvent.created` is. */
const isoInstant = (timestamp: string) => `to_char(${timestamp} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An event `e` as an `EventTuple`. */
const EVENT_TUPLE = `json_build_array(e.transaction_id::text, e.global_position::text, e.event_id::text, e.stream_id,
  e.revision::text, e.type, e.data, e.metadata, ${isoInstant('e.created_at')})`;

/**
 * Event `e`'s place in global order is final: its transaction is older than every one still running (in the whole
 * cluster, and including the caller's own if it has written), so no event can commit before it any more.
 */
const FINAL = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

/** The events after a position ($1, $2) whose order is final, in global order, $3 at most (null: all). */
const FINAL_EVENTS_AFTER = `select * from events e
  where (e.transaction_id, e.global_position) > ($1::text::xid8, $2::text::bigint) and ${FINAL}
  order by e.transaction_id, e.global_position limit $3::int`;

/**
 * Selects events as ONE aggregated JSON value instead of a row per event: parsing one JSON text is
 * about twice as fast as the per-row protocol (PGlite and pg alike), which is what a rebuild reads.
 * `source` is a subquery over `events e` with its filter, order and limit; the order is repeated in
 * the aggregate. Numbers travel as text (bigint-safe).
 */
const aggregatedEvents = (source: string, order: string) =>
  `select coalesce(json_agg(${EVENT_TUPLE} order by ${order})::text, '[]') as events from (${source}) e`;

interface StoredJsonRow {
  transaction_id: string;
  global_position: string;
  event_id: string;
  revision: string;
  type: string;
  created: string;
  data: string;
  metadata: string;
}

/** An event `e`'s fields as `readStreamJson` reads them, data and metadata as the stored text: each row key's expression. */
const STORED_JSON_FIELDS: readonly (readonly [keyof StoredJsonRow, string])[] = [
  ['transaction_id', 'e.transaction_id::text'],
  ['global_position', 'e.global_position::text'],
  ['event_id', 'e.event_id::text'],
  ['revision', 'e.revision::text'],
  ['type', 'e.type'],
  ['created', isoInstant('e.created_at')],
  ['data', 'e.data::text'],
  ['metadata', 'e.metadata::text'],
];

/** `source`'s events a row each, in `order` (the subquery's: no second sort). */
const storedJsonRows = (source: string, order: string) =>
  `select ${STORED_JSON_FIELDS.map(([key, field]) => `${field} as ${key}`).join(', ')} from (${source}) e order by ${order}`;

/** Separates the fields of `storedJsonText`: none holds a U+0001 unescaped (a `json` column refuses one; the type is JSON text). */
const STORED_JSON_SEPARATOR = '\u0001';

/**
 * `storedJsonRows` as ONE text: each event's fields, the type as a JSON string, and the events joined by
 * STORED_JSON_SEPARATOR (chr(1)), the order repeated in the aggregate. Not a `json_agg` of tuples around
 * the stored text: the server builds no JSON, the reader parses none.
 */
const storedJsonText = (source: string, order: string) => {
  const fields = STORED_JSON_FIELDS.map(([key, field]) => (key === 'type' ? `to_json(${field})::text` : field));
  return `select coalesce(string_agg(concat_ws(chr(1), ${fields.join(', ')}), chr(1) order by ${order}), '') as events from (${source}) e`;
};

/** The rows of a `storedJsonText`. */
function storedJsonTextRows(text: string): StoredJsonRow[] {
  if (text === '') return [];
  const fields = text.split(STORED_JSON_SEPARATOR);
  const rows: StoredJsonRow[] = [];
  for (let at = 0; at < fields.length; at += STORED_JSON_FIELDS.length) {
    const row = {} as StoredJsonRow;
    STORED_JSON_FIELDS.forEach(([key], index) => (row[key] = fields[at + index]));
    row.type = JSON.parse(row.type) as string;
    rows.push(row);
  }
  return rows;
}

/**
 * Appends as part of the caller's transaction (or on its own, given a plain client), with the
 * store's full semantics. Throws `WrongExpectedRevisionError` when the stream moved on.
 * Subscriptions find such events by polling, or sooner after a NOTIFY on EVENTS_CHANNEL.
 */
export async function appendEvents(
  sql: SqlExecutor,
  streamId: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  assertAppendable(events, expected);
  const { rows } = await sql.query<AppendRow>(
    `select outcome, revision::text, transaction_id::text, global_position::text
       from settle_append($1, $2, $3::text::jsonb)`,
    [streamId, expectedParameter(expected), eventsParameter(events)],
  );
  const outcome = appendOutcome(streamId, expected, rows[0]);
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

/** Several appends in one statement (one commit), each with its own expected revision and outcome. */
export async function appendEventsTogether(
  sql: SqlExecutor,
  appends: readonly { streamId: string; events: EventToAppend[]; expected: ExpectedRevision }[],
): Promise<(AppendResult | WrongExpectedRevisionError)[]> {
  for (const { events, expected } of appends) assertAppendable(events, expected);
  const batch = appends.map(({ streamId, events, expected }) => ({
    streamId,
    expected: expectedParameter(expected),
    events: eventsPayload(events),
  }));
  const { rows } = await sql.query<AppendRow & { ord: string }>(
    `select b.ord::text, r.outcome, r.revision::text, r.transaction_id::text, r.global_position::text
       from jsonb_array_elements($1::text::jsonb) with ordinality as b(item, ord)
       cross join lateral settle_append(b.item->>'streamId', b.item->>'expected', b.item->'events') r
      order by b.ord`,
    [JSON.stringify(batch)],
  );
  return rows.map((row, index) => appendOutcome(appends[index].streamId, appends[index].expected, row));
}

const expectedParameter = (expected: ExpectedRevision): string => (typeof expected === 'bigint' ? expected.toString() : expected);
const eventsPayload = (events: EventToAppend[]) =>
  events.map(({ id, type, data, metadata }) => ({ id, type, data: data ?? null, metadata }));
const eventsParameter = (events: EventToAppend[]): string => JSON.stringify(eventsPayload(events));

function appendOutcome(streamId: string, expected: ExpectedRevision, row: AppendRow): AppendResult | WrongExpectedRevisionError {
  if (row.outcome === 'wrong_expected_revision') {
    return new WrongExpectedRevisionError(streamId, expected, row.revision === null ? 'no_stream' : BigInt(row.revision));
  }
  return {
    nextRevision: BigInt(row.revision!),
    position: encodePosition({ transactionId: row.transaction_id!, globalPosition: row.global_position! }),
    ...(row.outcome === 'already_recorded' && { alreadyRecorded: true }),
  };
}

/** The PostgreSQL / PGlite event store: the same SQL on both, through a `SqlClient`. */
export class SqlEventStore implements EventStore {
  private readonly wakeups = new WakeSignal();
  /** Absent when no other process shares the database. */
  private readonly notifier: AppendNotifier | undefined;
  private readonly group: AppendGroup | undefined;
  private readonly subscriptions = new SubscriptionRegistry();
  private listening: Promise<(() => Promise<void>) | undefined> | undefined;
  private relistenTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly sql: SqlClient,
    private readonly options: SqlEventStoreOptions = {},
  ) {
    this.notifier = options.crossProcess === false ? undefined : new AppendNotifier(sql);
    this.group = options.oneStatementAtATime
      ? new AppendGroup(sql, (streamId, events, expected) => this.appendRetryingIdRace(streamId, events, expected), appendEventsTogether)
      : undefined;
  }

  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = this.group
      ? await this.group.append(streamId, events, expected)
      : await this.appendRetryingIdRace(streamId, events, expected);
    this.wakeups.wake();
    this.notifier?.notify();
    return result;
  }

  /** Everything committed in the stream: unlike readAll, it never waits for other transactions. */
  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { source, order, params } = streamRange(streamId, options);
    return this.selectEvents(aggregatedEvents(source, order), params);
  }

  /**
   * `readStream` with the stored JSON text of each event's data and metadata, unparsed. The store wrote
   * that text itself (jsonb's rendering of an appended event, kept in a `json` column, which refuses
   * anything but valid JSON), so a reader may pass it on as JSON without parsing it again.
   */
  async readStreamJson(streamId: string, options: ReadStreamOptions = {}): Promise<StoredJsonEvent[]> {
    const { source, order, params } = streamRange(streamId, options);
    const rows = this.options.streamJsonAsOneText
      ? storedJsonTextRows((await this.sql.query<{ events: string }>(storedJsonText(source, order), params)).rows[0].events)
      : (await this.sql.query<StoredJsonRow>(storedJsonRows(source, order), params)).rows;
    return rows.map((row) => ({
      id: row.event_id,
      streamId,
      revision: BigInt(row.revision),
      position: encodePosition({ transactionId: row.transaction_id, globalPosition: row.global_position }),
      type: row.type,
      dataJson: row.data,
      metadataJson: row.metadata,
      created: row.created,
    }));
  }

  /**
   * Events in global order whose order is final: those of transactions older than every one still
   * running (in the whole cluster, and including the caller's own if it has written: read outside
   * a write transaction). An event committed a moment ago shows up as soon as older ones end.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after === undefined ? START : decodePosition(options.after);
    return this.selectEvents(aggregatedEvents(FINAL_EVENTS_AFTER, 'e.transaction_id, e.global_position'), [
      after.transactionId,
      after.globalPosition,
      options.maxCount ?? null,
    ]);
  }

  async lastPosition(): Promise<Position | undefined> {
    const { rows } = await this.sql.query<{ transaction_id: string; global_position: string }>(
      `select e.transaction_id::text, e.global_position::text from events e
        where ${FINAL} order by e.transaction_id desc, e.global_position desc limit 1`,
    );
    return rows.length === 0
      ? undefined
      : encodePosition({ transactionId: rows[0].transaction_id, globalPosition: rows[0].global_position });
  }

  /**
   * The streams come from `event_streams` (a stream's revision + 1 is its length): those after
   * `afterStream` while the ones before them in the group hold fewer than `maxEvents` events. Each
   * stream's events through the position come from the (stream, revision) index, stream after stream:
   * the reading stays proportional to the group however long the log. Every event through `through`
   * is final (it was below every running transaction when `lastPosition` read it). `types` filters in
   * the aggregate, not the scan: the plan stays the same, and the scan counts every event the group holds.
   */
  async readStreamGroup({ afterStream, maxEvents, through, types }: ReadStreamGroupOptions): Promise<StreamGroup> {
    const { transactionId, globalPosition } = decodePosition(through);
    const { rows } = await this.sql.query<{ last_stream: string | null; event_count: number; events: string }>(
      // The aggregate takes the rows in the order the nested loop yields them (the group's streams in
      // order, each by its index); an ORDER BY in it would sort the whole group's JSON, on disk at this size.
      `with grouped as (
         select c.stream_id from (
           select s.stream_id, sum(s.revision + 1) over (order by s.stream_id) - (s.revision + 1) as before
             from event_streams s where $1::text is null or s.stream_id > $1 order by s.stream_id limit $2::int
         ) c where c.before < $2::int
       ), through_position as (
         select count(*)::int as event_count,
                coalesce(json_agg(${EVENT_TUPLE}) filter (where $5::text[] is null or e.type = any($5::text[]))::text, '[]') as events
           from grouped g cross join lateral (
             -- A stream by its index alone: with the position in the same scan, PGlite (no statistics)
             -- also scanned the global-order index to the position for every stream. OFFSET 0 keeps
             -- the position's filter out of the subquery.
             select * from events e where e.stream_id = g.stream_id order by e.revision offset 0
           ) e
          where (e.transaction_id, e.global_position) <= ($3::text::xid8, $4::text::bigint)
       )
       select (select max(stream_id) from grouped) as last_stream, t.event_count, t.events from through_position t`,
      [afterStream ?? null, maxEvents, transactionId, globalPosition, types ?? null],
    );
    return {
      events: (JSON.parse(rows[0].events) as EventTuple[]).map(toRecordedEvent),
      eventCount: rows[0].event_count,
      lastStream: rows[0].last_stream ?? undefined,
    };
  }

  async countAll({ after, cap }: { after?: Position; cap: number }): Promise<EventCount> {
    const from = after === undefined ? START : decodePosition(after);
    const { rows } = await this.sql.query<{ events: number; oldest_created: string | null }>(
      `select count(*)::int as events, ${isoInstant('min(e.created_at)')} as oldest_created from (${FINAL_EVENTS_AFTER}) e`,
      [from.transactionId, from.globalPosition, cap],
    );
    return { events: rows[0].events, oldestCreated: rows[0].oldest_created ?? undefined };
  }

  private async selectEvents(statement: string, params: unknown[]): Promise<RecordedEvent[]> {
    const { rows } = await this.sql.query<{ events: string }>(statement, params);
    return (JSON.parse(rows[0].events) as EventTuple[]).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.disposed) throw new Error('The event store is disposed');
    this.ensureListening();
    const subscription = startCatchUpSubscription(
      {
        read: (after, maxCount) => this.readAll({ after, maxCount }),
        ...(!this.options.oneStatementAtATime && { heldBack: () => this.heldBack() }),
        wakeups: this.wakeups,
        pollIntervalMs: this.options.pollIntervalMs ?? 500,
        lingerMs: this.options.lingerMs ?? 10,
      },
      options,
    );
    return this.subscriptions.track(subscription);
  }

  async ping(): Promise<boolean> {
    return this.sql.query('select 1').then(
      () => true,
      () => false,
    );
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.relistenTimer);
    await this.subscriptions.stopAll();
    const unlisten = await this.listening;
    this.listening = undefined;
    await Promise.all([unlisten?.(), this.notifier?.settled()]);
  }

  /** Committed events that readAll does not show yet, because an older transaction still runs (anywhere in the cluster). */
  private async heldBack(): Promise<boolean> {
    const { rows } = await this.sql.query<{ held_back: boolean }>(
      // The newest transaction id by a backward index scan, whatever the planner's statistics say (PGlite
      // never analyses on its own: without statistics an `exists (… >= xmin)` scanned the whole table).
      `select coalesce((select e.transaction_id from events e order by e.transaction_id desc limit 1)
                        >= pg_snapshot_xmin(pg_current_snapshot()), false) as held_back`,
    );
    return rows[0].held_back;
  }

  private async appendRetryingIdRace(streamId: string, events: EventToAppend[], expected: ExpectedRevision) {
    try {
      return await appendEvents(this.sql, streamId, events, expected);
    } catch (error) {
      if (!isEventIdViolation(error)) throw error;
    }
    // A concurrent identical retry may have won in between: a second attempt sees it recorded.
    try {
      return await appendEvents(this.sql, streamId, events, expected);
    } catch (error) {
      if (isEventIdViolation(error))
        throw new EventIdConflictError(
          streamId,
          events.map((event) => event.id),
        );
      throw error;
    }
  }

  /** One LISTEN connection per store, shared by its subscriptions; re-opened after it is lost. */
  private ensureListening(): void {
    if (this.listening || !this.notifier) return;
    this.listening = this.sql
      .listen(EVENTS_CHANNEL, {
        notify: () => this.wakeups.wake(),
        lost: () => this.relisten(),
      })
      .catch(() => {
        // Polling still delivers; try again later.
        this.relisten();
        return undefined;
      });
  }

  private relisten(): void {
    this.listening = undefined;
    if (this.disposed || this.subscriptions.size === 0) return;
    this.relistenTimer = setTimeout(
      () => {
        if (!this.disposed) this.ensureListening();
      },
      Math.min(this.options.pollIntervalMs ?? 500, RELISTEN_DELAY_MS),
    );
  }
}

/**
 * The events of a `readStream` as a subquery over `events e` ($1–$3) and its order. Revisions are
 * contiguous, so a page is a closed range of the (stream, revision) index: the database fetches that
 * page only, whatever its plan (PGlite has no statistics to plan by). Backwards: the same range from
 * `fromRevision` (or the last event) down.
 */
function streamRange(
  streamId: string,
  { direction, fromRevision, maxCount }: ReadStreamOptions,
): { source: string; order: string; params: unknown[] } {
  if (direction === 'backwards')
    return {
      source: `with top as (
           select least(coalesce($2::text::bigint, max(revision)), max(revision)) as revision from events where stream_id = $1
         )
         select e.* from events e, top
          where e.stream_id = $1 and e.revision <= top.revision
            and ($3::text is null or e.revision > top.revision - $3::text::bigint)
          order by e.revision desc`,
      order: 'e.revision desc',
      params: [streamId, fromRevision?.toString() ?? null, maxCount?.toString() ?? null],
    };
  const from = fromRevision ?? 0n;
  return {
    source: `select * from events e
          where e.stream_id = $1 and e.revision >= $2::text::bigint and ($3::text is null or e.revision < $3::text::bigint)
          order by e.revision`,
    order: 'e.revision',
    params: [streamId, from.toString(), maxCount === undefined ? null : (from + BigInt(maxCount)).toString()],
  };
}

function isEventIdViolation(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'events_event_id_key';
}

function toRecordedEvent([
  transactionId,
  globalPosition,
  id,
  streamId,
  revision,
  type,
  data,
  metadata,
  created,
]: EventTuple): RecordedEvent {
  return {
    id,
    streamId,
    revision: BigInt(revision),
    position: encodePosition({ transactionId, globalPosition }),
    type,
    data,
    metadata,
    created,
  };
}
