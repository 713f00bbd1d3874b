import { DateTime } from 'luxon';
import { type ReminderScheduled } from '@settle/domain';
import { type EventStore, type SqlClient } from '@settle/event-store';
import { isCaughtUp } from '@settle/projections';
import { type DeliveryTries } from './decide-delivery';
import { REMINDER_DELIVERIES, REMINDER_DELIVERIES_VERSION } from './reminder-deliveries.projection';
import { type TransportName } from './reminder-delivery';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'withdrawn';

export interface PendingDelivery {
  eventId: string;
  transport: TransportName;
  clientId: string;
  streamId: string;
  reminder: ReminderScheduled['data'];
  tries: DeliveryTries;
}

/** Where a pending delivery stands in `due`'s order (send time, then key): a round pages on. */
export type DueCursor = Pick<PendingDelivery, 'eventId' | 'transport'> & { sendAt: string };

interface PendingRow {
  event_id: string;
  transport: TransportName;
  client_id: string;
  stream_id: string;
  send_at: string;
  reminder: string;
  attempts: number | null;
  last_failed_at: string | null;
  last_error: string | null;
}

/**
 * The dispatcher's view of the outbox: the pending rows of the `reminder_deliveries` projection
 * (written only by its runner) and the dispatcher's own retry schedule (`reminder_retries`: tries made
 * so far, not in the log, so not the projection's; a rebuild leaves it alone).
 */
export class DeliveryTable {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Pending deliveries by the given transports whose `sendAt` has come (business clock) and whose
   * retry is due (wall clock): the index's cut of what `decideDelivery` decides. After `after`, in order.
   */
  async due(
    now: DateTime,
    wallNow: DateTime,
    transports: readonly TransportName[],
    limit: number,
    after?: DueCursor,
  ): Promise<(PendingDelivery & { cursor: DueCursor })[]> {
    const { rows } = await this.sql.query<PendingRow>(
      `select d.event_id::text, d.transport, d.client_id, d.stream_id, to_char(d.send_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as send_at,
              d.reminder::text as reminder, r.attempts, to_char(r.last_failed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_failed_at,
              r.last_error
         from ${REMINDER_DELIVERIES} d
         left join reminder_retries r on r.event_id = d.event_id and r.transport = d.transport
        where d.status = 'pending' and d.send_at <= $1::timestamptz and d.transport = any($3::text[])
          and (r.next_attempt_at is null or r.next_attempt_at <= $2::timestamptz)
          and ($5::timestamptz is null or (d.send_at, d.event_id, d.transport) > ($5::timestamptz, $6::uuid, $7))
        order by d.send_at, d.event_id, d.transport
        limit $4::int`,
      [
        now.toUTC().toISO(),
        wallNow.toUTC().toISO(),
        transports,
        limit,
        after?.sendAt ?? null,
        after?.eventId ?? null,
        after?.transport ?? null,
      ],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      transport: row.transport,
      clientId: row.client_id,
      streamId: row.stream_id,
      reminder: JSON.parse(row.reminder) as ReminderScheduled['data'],
      tries: {
        attempts: row.attempts ?? 0,
        ...(row.last_failed_at && { lastFailedAt: DateTime.fromISO(row.last_failed_at, { zone: 'utc' }) }),
        ...(row.last_error && { lastError: row.last_error }),
      },
      cursor: { sendAt: row.send_at, eventId: row.event_id, transport: row.transport },
    }));
  }

  /** Notes a failed try and when the next one is due. */
  async scheduleRetry(delivery: PendingDelivery, tries: DeliveryTries, nextAttemptAt: DateTime): Promise<void> {
    await this.sql.query(
      `insert into reminder_retries (event_id, transport, attempts, last_failed_at, last_error, next_attempt_at)
       values ($1::uuid, $2, $3, $4::timestamptz, $5, $6::timestamptz)
       on conflict (event_id, transport) do update set attempts = excluded.attempts, last_failed_at = excluded.last_failed_at,
              last_error = excluded.last_error, next_attempt_at = excluded.next_attempt_at`,
      [
        delivery.eventId,
        delivery.transport,
        tries.attempts,
        tries.lastFailedAt?.toUTC().toISO() ?? null,
        tries.lastError ?? null,
        nextAttemptAt.toUTC().toISO(),
      ],
    );
  }

  /** The outcome is in the stream: no more tries to schedule. */
  async forgetRetries(delivery: PendingDelivery): Promise<void> {
    await this.sql.query('delete from reminder_retries where event_id = $1::uuid and transport = $2', [
      delivery.eventId,
      delivery.transport,
    ]);
  }

  /** Whether the projection has read everything the store holds (and is not being rebuilt). */
  isCaughtUp(store: EventStore): Promise<boolean> {
    return isCaughtUp(store, this.sql, { name: REMINDER_DELIVERIES, version: REMINDER_DELIVERIES_VERSION });
  }

  /** Rows by status: for operations and tests. */
  async countByStatus(): Promise<Record<DeliveryStatus, number>> {
    const { rows } = await this.sql.query<{ status: DeliveryStatus; count: string }>(
      `select status, count(*)::text as count from ${REMINDER_DELIVERIES} group by status`,
    );
    const counts: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0, withdrawn: 0 };
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }
}
