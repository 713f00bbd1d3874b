import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { ReminderDelivered, ReminderDeliveryFailed, ReminderScheduled, ReminderWithdrawn } from '@settle/domain';
import { Position, RecordedEvent, SqlClient, SqlExecutor } from '@settle/event-store';
import { TransportName } from './reminder-delivery';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'withdrawn';

export interface PendingDelivery {
  eventId: string;
  transport: TransportName;
  clientId: string;
  streamId: string;
  reminder: ReminderScheduled['data'];
  /** Tries made so far. */
  attempts: number;
}

interface PendingRow {
  event_id: string;
  transport: TransportName;
  client_id: string;
  stream_id: string;
  reminder: ReminderScheduled['data'] | string;
  attempts: number;
}

const OUTBOX_EVENT_TYPES = new Set(['ReminderScheduled', 'ReminderDelivered', 'ReminderDeliveryFailed', 'ReminderWithdrawn']);
/** How long the checkpoint may lag behind batches that book nothing. */
const LAZY_CHECKPOINT_MS = 1_000;

/**
 * The outbox's SQL: rows to deliver, fed from the store in the same transaction as the checkpoint
 * (a crash replays a batch whole or not at all; replaying inserts nothing twice), and their state.
 */
export class DeliveryTable {
  private checkpointWrittenAt = -Infinity;

  constructor(
    private readonly sql: SqlClient,
    private readonly consumer = 'reminder-dispatcher',
  ) {}

  async checkpoint(): Promise<Position | undefined> {
    const { rows } = await this.sql.query<{ position: string }>('select position from collections_outbox_checkpoint where consumer = $1', [
      this.consumer,
    ]);
    return rows[0]?.position;
  }

  /**
   * Books a batch of the global log: a row per scheduled reminder and transport that takes it; an
   * outcome already in the stream (a replay, a rebuilt table) closes its row, so it is never sent again.
   */
  async ingest(events: readonly RecordedEvent[], transportsFor: (reminder: ReminderScheduled['data']) => TransportName[]): Promise<number> {
    if (events.length === 0) return 0;
    // Most of the log is not about reminders: such a batch only moves the checkpoint, which can wait
    // (replaying it after a crash books nothing), so it costs no transaction per batch.
    const relevant = events.some((event) => OUTBOX_EVENT_TYPES.has(event.type));
    if (!relevant && performance.now() - this.checkpointWrittenAt < LAZY_CHECKPOINT_MS) return 0;
    this.checkpointWrittenAt = performance.now();
    return this.sql.transaction(async (tx) => {
      let added = 0;
      for (const event of events) {
        if (event.type === 'ReminderScheduled') added += await insertRows(tx, event, transportsFor);
        if (event.type === 'ReminderDelivered' || event.type === 'ReminderDeliveryFailed') await closeRow(tx, event);
        if (event.type === 'ReminderWithdrawn') await closeWithdrawn(tx, event);
      }
      await tx.query(
        `insert into collections_outbox_checkpoint (consumer, position) values ($1, $2)
         on conflict (consumer) do update set position = excluded.position, updated_at = now()`,
        [this.consumer, events[events.length - 1].position],
      );
      return added;
    });
  }

  /** Pending rows whose `sendAt` has come (business clock) and whose back-off has passed (wall clock). */
  async due(now: DateTime, wallNow: DateTime, limit: number): Promise<PendingDelivery[]> {
    const { rows } = await this.sql.query<PendingRow>(
      `select event_id::text, transport, client_id, stream_id, reminder::text as reminder, attempts
         from collections_deliveries
        where status = 'pending' and send_at <= $1::timestamptz
          and (next_attempt_at is null or next_attempt_at <= $2::timestamptz)
        order by send_at, event_id, transport
        limit $3::int`,
      [now.toUTC().toISO(), wallNow.toUTC().toISO(), limit],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      transport: row.transport,
      clientId: row.client_id,
      streamId: row.stream_id,
      reminder: typeof row.reminder === 'string' ? (JSON.parse(row.reminder) as ReminderScheduled['data']) : row.reminder,
      attempts: row.attempts,
    }));
  }

  async finish(delivery: PendingDelivery, status: Exclude<DeliveryStatus, 'pending'>, attempts: number, error?: string): Promise<void> {
    await this.sql.query(
      `update collections_deliveries set status = $3, attempts = $4, last_error = $5, finished_at = now()
        where event_id = $1::uuid and transport = $2`,
      [delivery.eventId, delivery.transport, status, attempts, error ?? null],
    );
  }

  async retryLater(delivery: PendingDelivery, attempts: number, nextAttemptAt: DateTime, error: string): Promise<void> {
    await this.sql.query(
      `update collections_deliveries set attempts = $3, next_attempt_at = $4::timestamptz, last_error = $5
        where event_id = $1::uuid and transport = $2 and status = 'pending'`,
      [delivery.eventId, delivery.transport, attempts, nextAttemptAt.toUTC().toISO(), error],
    );
  }

  /** Rows by status: for operations and tests. */
  async countByStatus(): Promise<Record<DeliveryStatus, number>> {
    const { rows } = await this.sql.query<{ status: DeliveryStatus; count: string }>(
      'select status, count(*)::text as count from collections_deliveries group by status',
    );
    const counts: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0, withdrawn: 0 };
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }
}

async function insertRows(
  tx: SqlExecutor,
  event: RecordedEvent,
  transportsFor: (reminder: ReminderScheduled['data']) => TransportName[],
): Promise<number> {
  const reminder = event.data as ReminderScheduled['data'];
  let added = 0;
  for (const transport of transportsFor(reminder)) {
    const { rowCount } = await tx.query(
      `insert into collections_deliveries (event_id, transport, client_id, stream_id, reminder_id, send_at, reminder)
       values ($1::uuid, $2, $3, $4, $5, $6::timestamptz, $7::text::jsonb)
       on conflict (event_id, transport) do nothing`,
      [event.id, transport, reminder.clientId, event.streamId, reminder.reminderId, reminder.sendAt, JSON.stringify(reminder)],
    );
    added += rowCount;
  }
  return added;
}

async function closeRow(tx: SqlExecutor, event: RecordedEvent): Promise<void> {
  const outcome = event.data as ReminderDelivered['data'] | ReminderDeliveryFailed['data'];
  await tx.query(
    `update collections_deliveries set status = $4, attempts = greatest(attempts, $5::int), finished_at = coalesce(finished_at, now())
      where stream_id = $1 and reminder_id = $2 and transport = $3 and status = 'pending'`,
    [event.streamId, outcome.reminderId, outcome.transport, event.type === 'ReminderDelivered' ? 'delivered' : 'failed', outcome.attempts],
  );
}

/** A withdrawn reminder is sent by no transport. */
async function closeWithdrawn(tx: SqlExecutor, event: RecordedEvent): Promise<void> {
  const { reminderId } = event.data as ReminderWithdrawn['data'];
  await tx.query(
    `update collections_deliveries set status = 'withdrawn', finished_at = coalesce(finished_at, now())
      where stream_id = $1 and reminder_id = $2 and status = 'pending'`,
    [event.streamId, reminderId],
  );
}
