import { ClientAccountEvent, collectionsCommandId, remindsOfAnythingOpen } from '@settle/domain';
import { Clock, CommandContext, StreamCommandExecutor, systemClock } from '@settle/command-pipeline';
import { EventStore, Position, Subscription } from '@settle/event-store';
import { CollectionsSubject } from '../collections-subject';
import { forEachConcurrently } from '../concurrently';
import { DeliveryTable, PendingDelivery } from './delivery-table';
import { ReminderTransport } from './reminder-delivery';

export interface DispatcherOptions {
  /** Tries per reminder and transport before `ReminderDeliveryFailed` is recorded. Default 6. */
  maxAttempts?: number;
  /** Back-off after the n-th failed try: initialMs × 2^(n−1), at most maxMs. Default 1 s … 5 min. */
  backoff?: { initialMs: number; maxMs: number };
  /** How often due reminders are looked for when nothing wakes the dispatcher. Default 1 s. */
  pollIntervalMs?: number;
  /** Deliveries in flight at once. Default 4. */
  concurrency?: number;
  /** Times the back-off (real time passing), apart from the business clock that decides when a reminder is due. */
  wallClock?: Clock;
  onError?(error: unknown): void;
}

const DUE_BATCH = 100;
const RESUBSCRIBE_DELAY_MS = 1_000;

/**
 * The outbox's dispatcher (SPEC 5): the collections process only appends `ReminderScheduled`; this
 * delivers each, once its `sendAt` has come, by every transport that takes it — at least once, with
 * retries and exponential back-off — and records `ReminderDelivered` or `ReminderDeliveryFailed` in the
 * client stream. The outcome's command id is (client, reminder, transport), so it is recorded once,
 * and a reminder whose outcome is in the stream is never sent again: not after a restart, a replay
 * of the log, nor a rebuilt delivery table.
 */
export class ReminderDispatcher {
  private readonly maxAttempts: number;
  private readonly backoff: { initialMs: number; maxMs: number };
  private readonly pollIntervalMs: number;
  private readonly wallClock: Clock;
  private subscription: Subscription | undefined;
  private ingested: Position | undefined;
  private running = false;
  private rounds: Promise<unknown> = Promise.resolve();
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> = Promise.resolve();
  private resubscribeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly table: DeliveryTable,
    private readonly executor: StreamCommandExecutor<CollectionsSubject>,
    private readonly transports: readonly ReminderTransport[],
    private readonly clock: Clock,
    private readonly options: DispatcherOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.backoff = options.backoff ?? { initialMs: 1_000, maxMs: 300_000 };
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.wallClock = options.wallClock ?? systemClock;
  }

  /** Catches up from the stored checkpoint, then follows the store and delivers what comes due. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.subscribe();
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.resubscribeTimer);
    this.wake?.();
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.loopDone;
    await this.rounds.catch(() => undefined);
  }

  /**
   * Waits until everything committed so far is booked, then delivers every reminder due now (tries
   * whose back-off has not passed wait for a later round). For operations and tests.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = this.wallClock.now().plus({ milliseconds: timeoutMs });
    for (;;) {
      const unread = await this.store.readAll({ after: this.ingested, maxCount: 1 });
      if (unread.length === 0) break;
      if (!this.subscription || this.wallClock.now() > deadline) throw new Error('The reminder dispatcher is not following the store');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.deliverDue();
  }

  /** One round over the due reminders; rounds never overlap, so no reminder is in flight twice. */
  deliverDue(): Promise<void> {
    const round = this.rounds.catch(() => undefined).then(() => this.deliverRound());
    this.rounds = round;
    return round;
  }

  private async subscribe(): Promise<void> {
    this.ingested = await this.table.checkpoint();
    const transportsFor = (reminder: Parameters<ReminderTransport['accepts']>[0]) =>
      this.transports.filter((transport) => transport.accepts(reminder)).map((transport) => transport.name);
    this.subscription = this.store.subscribeToAll({
      after: this.ingested,
      handle: async (events) => {
        const added = await this.table.ingest(events, transportsFor);
        this.ingested = events[events.length - 1].position;
        if (added > 0) this.wake?.();
      },
      onError: (error) => {
        this.options.onError?.(error);
        this.subscription = undefined;
        this.resubscribeLater();
      },
    });
  }

  /** Resumes from the stored checkpoint after a failure: the failed batch was not booked, so it is read again. */
  private resubscribeLater(): void {
    if (!this.running) return;
    this.resubscribeTimer = setTimeout(() => {
      this.subscribe().catch((error: unknown) => {
        this.options.onError?.(error);
        this.resubscribeLater();
      });
    }, RESUBSCRIBE_DELAY_MS);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      await this.deliverDue().catch((error: unknown) => this.options.onError?.(error));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.pollIntervalMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = undefined;
    }
  }

  private async deliverRound(): Promise<void> {
    for (;;) {
      const due = await this.table.due(this.clock.now(), this.wallClock.now(), DUE_BATCH);
      await forEachConcurrently(due, this.options.concurrency ?? 4, (delivery) => this.deliver(delivery));
      if (due.length < DUE_BATCH) return;
    }
  }

  private async deliver(delivery: PendingDelivery): Promise<void> {
    const transport = this.transports.find((candidate) => candidate.name === delivery.transport);
    const commandId = outcomeCommandId(delivery);
    const snapshot = await this.executor.load(delivery.streamId);
    const status = snapshot.state.collections.reminders.get(delivery.reminder.reminderId)?.status;
    if (status === 'withdrawn') return this.table.finish(delivery, 'withdrawn', delivery.attempts);
    if (!transport || snapshot.commands.has(commandId)) {
      // Its outcome is already in the stream (or the transport is no longer configured): never send again.
      await this.table.finish(
        delivery,
        status === 'delivered' ? 'delivered' : 'failed',
        delivery.attempts,
        transport ? undefined : 'transport not configured',
      );
      return;
    }
    if (status !== 'delivered' && !remindsOfAnythingOpen(snapshot.state.facts, delivery.reminder.invoiceIds)) {
      // Settled between the decision and its send time (say, paid over the weekend): not sent at all.
      await this.record(
        delivery,
        withdrawalCommandId(delivery),
        { reminderId: delivery.reminder.reminderId },
        {
          type: 'ReminderWithdrawn',
          data: {
            clientId: delivery.clientId,
            reminderId: delivery.reminder.reminderId,
            withdrawnAt: this.instant(),
            reason: 'nothing_left_open',
          },
        },
      );
      return this.table.finish(delivery, 'withdrawn', delivery.attempts);
    }
    const attempts = delivery.attempts + 1;
    try {
      await transport.send({ eventId: delivery.eventId, reminder: delivery.reminder, attempt: attempts });
    } catch (error) {
      const message = errorMessage(error);
      if (attempts < this.maxAttempts) {
        await this.table.retryLater(delivery, attempts, this.wallClock.now().plus({ milliseconds: this.backoffAfter(attempts) }), message);
        return;
      }
      await this.record(delivery, commandId, this.outcomeContent(delivery), {
        type: 'ReminderDeliveryFailed',
        data: { ...this.outcomeData(delivery), failedAt: this.instant(), attempts, error: message },
      });
      await this.table.finish(delivery, 'failed', attempts, message);
      return;
    }
    await this.record(delivery, commandId, this.outcomeContent(delivery), {
      type: 'ReminderDelivered',
      data: { ...this.outcomeData(delivery), deliveredAt: this.instant(), attempts },
    });
    await this.table.finish(delivery, 'delivered', attempts);
  }

  /** Stable content: whichever outcome is recorded first stays the only one. */
  private outcomeContent({ reminder, transport }: PendingDelivery) {
    return { reminderId: reminder.reminderId, transport };
  }

  private outcomeData({ reminder, transport }: PendingDelivery) {
    return { clientId: reminder.clientId, reminderId: reminder.reminderId, transport };
  }

  private async record(delivery: PendingDelivery, commandId: string, content: object, event: ClientAccountEvent): Promise<void> {
    const context: CommandContext = {
      actor: 'reminder-dispatcher',
      role: 'system',
      source: 'collections',
      correlationId: `reminder:${delivery.reminder.reminderId}`,
      causationId: delivery.eventId,
    };
    await this.executor.execute(
      {
        streamId: delivery.streamId,
        commandId,
        content,
        decide: () => [event],
      },
      context,
    );
  }

  private backoffAfter(attempts: number): number {
    return Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (attempts - 1));
  }

  private instant(): string {
    return this.clock.now().toUTC().toISO()!;
  }
}

/** One withdrawal per reminder, whichever transport's delivery finds it settled first. */
const withdrawalCommandId = ({ clientId, reminder }: Pick<PendingDelivery, 'clientId' | 'reminder'>): string =>
  collectionsCommandId(clientId, 'reminder-withdrawal', reminder.reminderId);

/** One outcome per reminder and transport. */
export const outcomeCommandId = ({ clientId, reminder, transport }: Pick<PendingDelivery, 'clientId' | 'reminder' | 'transport'>): string =>
  collectionsCommandId(clientId, 'reminder-outcome', reminder.reminderId, transport);

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500);
