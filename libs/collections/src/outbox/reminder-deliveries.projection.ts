import {
  type ClientAccountEvent,
  type ReminderDelivered,
  type ReminderDeliveryFailed,
  type ReminderScheduled,
  type ReminderWithdrawn,
} from '@settle/domain';
import type { RecordedEvent, SqlExecutor } from '@settle/event-store';
import { assertIdentifier, rowDifferences, type VerifiableProjection, type ViewDifference } from '@settle/projections';
import { type TransportName, transportsTaking } from './reminder-delivery';

export const REMINDER_DELIVERIES = 'reminder_deliveries';
export const REMINDER_DELIVERIES_VERSION = 1;

/** The events this view is made of: a rebuild reads no other (`eventTypes`), and `apply` has a case for each. */
const REMINDER_EVENT_TYPES = ['ReminderScheduled', 'ReminderDelivered', 'ReminderDeliveryFailed', 'ReminderWithdrawn'] as const;
type ReminderEvent = Extract<ClientAccountEvent, { type: (typeof REMINDER_EVENT_TYPES)[number] }>;
const isReminderEvent = (event: { type: string }): event is ReminderEvent =>
  (REMINDER_EVENT_TYPES as readonly string[]).includes(event.type);

/** Every column but the key: what verification compares. */
const COLUMNS = ['client_id', 'stream_id', 'reminder_id', 'send_at', 'reminder', 'status', 'attempts', 'error', 'finished_at'] as const;

/**
 * The outbox's bookkeeping (SPEC 5) as a projection of the log: a row per scheduled reminder and
 * configured transport that takes it, `pending` until its outcome (`ReminderDelivered`,
 * `ReminderDeliveryFailed`, `ReminderWithdrawn`) is read. Every column comes from the events, so a
 * rebuild from zero reads every outcome again and leaves exactly the deliveries still to make
 * pending: rebuilding sends nothing again. The dispatcher only reads it (and keeps its retry schedule
 * apart, see DeliveryTable).
 */
export class ReminderDeliveriesProjection implements VerifiableProjection {
  readonly name = REMINDER_DELIVERIES;
  readonly version = REMINDER_DELIVERIES_VERSION;
  readonly eventTypes = REMINDER_EVENT_TYPES;

  /** `transports`: those configured; a reminder gets a row for each of them that takes it. */
  constructor(
    private readonly transports: readonly TransportName[],
    readonly table: string = REMINDER_DELIVERIES,
  ) {
    assertIdentifier(table);
  }

  async migrate(sql: SqlExecutor): Promise<void> {
    await sql.query(`create table if not exists ${this.table} (
      event_id uuid not null,
      transport text not null,
      client_id text not null,
      stream_id text not null,
      reminder_id text not null,
      send_at timestamptz not null,
      reminder jsonb not null,
      status text not null default 'pending',
      attempts integer not null default 0,
      error text,
      finished_at timestamptz,
      primary key (event_id, transport)
    )`);
    await sql.query(`create index if not exists ${this.table}_pending on ${this.table} (send_at) where status = 'pending'`);
    await sql.query(`create index if not exists ${this.table}_reminder on ${this.table} (stream_id, reminder_id)`);
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query(`truncate ${this.table}`);
  }

  /** A stream's rows depend on its events only (every update names its stream). */
  async forgetStream(tx: SqlExecutor, streamId: string): Promise<void> {
    await tx.query(`delete from ${this.table} where stream_id = $1`, [streamId]);
  }

  /** Most batches hold no reminder event and cost nothing; the others a statement per reminder event, in log order. */
  async apply(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      // Not about delivering reminders.
      if (!isReminderEvent(event)) continue;
      const reminderEvent = { type: event.type, data: event.data } as ReminderEvent;
      switch (reminderEvent.type) {
        case 'ReminderScheduled':
          await this.schedule(tx, event, reminderEvent.data);
          break;
        case 'ReminderDelivered':
          await this.close(tx, event.streamId, reminderEvent.data, 'delivered', reminderEvent.data.deliveredAt, null);
          break;
        case 'ReminderDeliveryFailed':
          await this.close(tx, event.streamId, reminderEvent.data, 'failed', reminderEvent.data.failedAt, reminderEvent.data.error);
          break;
        case 'ReminderWithdrawn':
          await this.withdraw(tx, event.streamId, reminderEvent.data);
          break;
        default: {
          const unhandled: never = reminderEvent;
          throw new Error(`No case for ${(unhandled as ReminderEvent).type}`);
        }
      }
    }
  }

  beside(label: string): ReminderDeliveriesProjection {
    return new ReminderDeliveriesProjection(this.transports, `${this.table}_${label}`);
  }

  async copyInto(tx: SqlExecutor, target: VerifiableProjection): Promise<void> {
    await tx.query(`insert into ${this.sameKind(target).table} select * from ${this.table}`);
  }

  async compare(sql: SqlExecutor, rebuilt: VerifiableProjection, limit: number): Promise<{ rows: number; differences: ViewDifference[] }> {
    return rowDifferences(
      sql,
      this.name,
      { live: this.table, rebuilt: this.sameKind(rebuilt).table, keyColumns: ['event_id', 'transport'], valueColumns: COLUMNS },
      limit,
    );
  }

  async drop(sql: SqlExecutor): Promise<void> {
    await sql.query(`drop table if exists ${this.table}`);
  }

  private async schedule(tx: SqlExecutor, event: RecordedEvent, reminder: ReminderScheduled['data']): Promise<void> {
    const transports = transportsTaking(reminder, this.transports);
    if (transports.length === 0) return;
    await tx.query(
      `insert into ${this.table} (event_id, transport, client_id, stream_id, reminder_id, send_at, reminder)
       select $1::uuid, transport, $2, $3, $4, $5::timestamptz, $6::text::jsonb from unnest($7::text[]) as transport
       on conflict (event_id, transport) do nothing`,
      [event.id, reminder.clientId, event.streamId, reminder.reminderId, reminder.sendAt, JSON.stringify(reminder), transports],
    );
  }

  private async close(
    tx: SqlExecutor,
    streamId: string,
    outcome: ReminderDelivered['data'] | ReminderDeliveryFailed['data'],
    status: 'delivered' | 'failed',
    finishedAt: string,
    error: string | null,
  ): Promise<void> {
    await tx.query(
      `update ${this.table} set status = $4, attempts = $5, error = $6, finished_at = $7::timestamptz
        where stream_id = $1 and reminder_id = $2 and transport = $3 and status = 'pending'`,
      [streamId, outcome.reminderId, outcome.transport, status, outcome.attempts, error, finishedAt],
    );
  }

  /** A withdrawn reminder is sent by none of its transports still pending. */
  private async withdraw(tx: SqlExecutor, streamId: string, { reminderId, withdrawnAt }: ReminderWithdrawn['data']): Promise<void> {
    await tx.query(
      `update ${this.table} set status = 'withdrawn', finished_at = $3::timestamptz
        where stream_id = $1 and reminder_id = $2 and status = 'pending'`,
      [streamId, reminderId, withdrawnAt],
    );
  }

  private sameKind(other: VerifiableProjection): ReminderDeliveriesProjection {
    if (!(other instanceof ReminderDeliveriesProjection)) throw new Error(`${other.name} is not a ${this.name} view`);
    return other;
  }
}
