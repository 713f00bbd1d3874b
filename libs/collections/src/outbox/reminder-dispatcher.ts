import { type DateTime } from 'luxon';
import { type ClientAccountEvent, collectionsCommandId } from '@settle/domain';
import { type Clock, type CommandContext, type StreamCommandExecutor, type StreamSnapshot, systemClock } from '@settle/command-pipeline';
import { type EventStore } from '@settle/event-store';
import { type LetterTemplates } from '@settle/letters';
import { sleep } from '@settle/projections';
import { type CollectionsSubject } from '../collections-subject';
import { forEachConcurrently } from '../concurrently';
import { decideDelivery, DEFAULT_DELIVERY_POLICY, type DeliveryDecision, type DeliveryPolicy, type DeliveryTries } from './decide-delivery';
import { type DeliveryTable, type DueCursor, type PendingDelivery } from './delivery-table';
import { type ReminderTransport } from './reminder-delivery';

export interface DispatcherOptions extends Partial<DeliveryPolicy> {
  /** How often due reminders are looked for. Default 1 s. */
  pollIntervalMs?: number;
  /** Deliveries in flight at once. Default 4. */
  concurrency?: number;
  /** Times the back-off (real time passing), apart from the business clock that decides when a reminder is due. */
  wallClock?: Clock;
  /** Renders each reminder's letter from its recorded figures; without it, reminders go out as their one-line `message`. */
  letters?: LetterTemplates;
  onError?(error: unknown): void;
}

const DUE_BATCH = 100;

/**
 * The outbox's dispatcher (SPEC 5): the collections process only appends `ReminderScheduled`; the
 * `reminder_deliveries` projection books them; this delivers each pending one once its `sendAt` has
 * come, by every transport that takes it — at least once, with retries and exponential back-off —
 * and records `ReminderDelivered`, `ReminderDeliveryFailed` or `ReminderWithdrawn` in the client
 * stream. What to do is `decideDelivery`'s call, on the stream as it stands: a delivery whose
 * outcome is recorded is never sent again, whatever the table says (after a restart, a replay, or
 * while the projection is rebuilt). The outcome's command id is (client, reminder, transport), so
 * it is recorded once.
 */
export class ReminderDispatcher {
  private readonly policy: DeliveryPolicy;
  private readonly wallClock: Clock;
  private running = false;
  private stopped = new AbortController();
  private rounds: Promise<unknown> = Promise.resolve();
  private loopDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly table: DeliveryTable,
    private readonly executor: StreamCommandExecutor<CollectionsSubject>,
    private readonly transports: readonly ReminderTransport[],
    private readonly clock: Clock,
    private readonly options: DispatcherOptions = {},
  ) {
    this.policy = {
      maxAttempts: options.maxAttempts ?? DEFAULT_DELIVERY_POLICY.maxAttempts,
      backoff: options.backoff ?? DEFAULT_DELIVERY_POLICY.backoff,
    };
    this.wallClock = options.wallClock ?? systemClock;
  }

  /** Delivers what comes due, every poll interval, until stopped. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = new AbortController();
    this.loopDone = this.loop(this.stopped.signal);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopped.abort();
    await this.loopDone;
    await this.rounds.catch(() => undefined);
  }

  /**
   * Waits until the projection has booked everything committed so far, delivers every reminder due
   * now (tries whose back-off has not passed wait for a later round), and waits until the outcomes
   * are booked too. For operations and tests.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = this.wallClock.now().plus({ milliseconds: timeoutMs });
    await this.waitUntilBooked(deadline);
    await this.deliverDue();
    await this.waitUntilBooked(deadline);
  }

  /** One round over the due reminders; rounds never overlap, so no reminder is in flight twice. */
  deliverDue(): Promise<void> {
    const round = this.rounds.catch(() => undefined).then(() => this.deliverRound());
    this.rounds = round;
    return round;
  }

  private async waitUntilBooked(deadline: DateTime): Promise<void> {
    while (!(await this.table.isCaughtUp(this.store))) {
      if (this.wallClock.now() > deadline) throw new Error('The reminder_deliveries projection is not following the store');
      await sleep(10);
    }
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.deliverDue().catch((error: unknown) => this.options.onError?.(error));
      await sleep(this.options.pollIntervalMs ?? 1_000, signal);
    }
  }

  /** Pages on through the due rows: a row whose outcome the projection has not read yet is passed over, not read again. */
  private async deliverRound(): Promise<void> {
    const names = this.transports.map((transport) => transport.name);
    let after: DueCursor | undefined;
    for (;;) {
      const due = await this.table.due(this.clock.now(), this.wallClock.now(), names, DUE_BATCH, after);
      await forEachConcurrently(due, this.options.concurrency ?? 4, (delivery) => this.handle(delivery));
      if (due.length < DUE_BATCH) return;
      after = due[due.length - 1].cursor;
    }
  }

  private async handle(delivery: PendingDelivery): Promise<void> {
    const snapshot = await this.executor.load(delivery.streamId);
    await this.carryOut(delivery, delivery.tries, this.decide(delivery, delivery.tries, snapshot), snapshot);
  }

  private decide(delivery: PendingDelivery, tries: DeliveryTries, snapshot: StreamSnapshot<CollectionsSubject>): DeliveryDecision {
    return decideDelivery({
      reminder: delivery.reminder,
      tries,
      subject: snapshot.state,
      outcomeRecorded: snapshot.commands.has(outcomeCommandId(delivery)),
      now: this.clock.now(),
      wallNow: this.wallClock.now(),
      policy: this.policy,
    });
  }

  private async carryOut(
    delivery: PendingDelivery,
    tries: DeliveryTries,
    decision: DeliveryDecision,
    snapshot: StreamSnapshot<CollectionsSubject>,
  ): Promise<void> {
    switch (decision.kind) {
      case 'done':
      case 'wait':
        // The projection closes the row once it reads the outcome.
        return;
      case 'retry':
        return this.table.scheduleRetry(delivery, tries, decision.at);
      case 'withdraw':
        // One withdrawal per reminder, whichever transport's delivery finds it settled first.
        return this.record(delivery, collectionsCommandId(delivery.clientId, 'reminder-withdrawal', delivery.reminder.reminderId), {
          content: { reminderId: delivery.reminder.reminderId },
          event: {
            type: 'ReminderWithdrawn',
            data: {
              clientId: delivery.clientId,
              reminderId: delivery.reminder.reminderId,
              withdrawnAt: this.instant(),
              reason: decision.reason,
            },
          },
        });
      case 'give_up':
        return this.record(delivery, outcomeCommandId(delivery), {
          content: outcomeContent(delivery),
          event: {
            type: 'ReminderDeliveryFailed',
            data: { ...outcomeData(delivery), failedAt: this.instant(), attempts: decision.attempts, error: decision.error },
          },
        });
      case 'deliver': {
        const transport = this.transports.find((candidate) => candidate.name === delivery.transport)!;
        try {
          // Rendered from the recorded figures with the templates loaded at start: every try sends the same letter.
          const { letter } = delivery.reminder;
          const rendered = letter && this.options.letters?.renderLetter(letter);
          await transport.send({
            eventId: delivery.eventId,
            reminder: delivery.reminder,
            attempt: decision.attempt,
            ...(rendered && { letter: rendered }),
          });
        } catch (error) {
          const failed: DeliveryTries = { attempts: decision.attempt, lastFailedAt: this.wallClock.now(), lastError: errorMessage(error) };
          return this.carryOut(delivery, failed, this.decide(delivery, failed, snapshot), snapshot);
        }
        return this.record(delivery, outcomeCommandId(delivery), {
          content: outcomeContent(delivery),
          event: {
            type: 'ReminderDelivered',
            data: { ...outcomeData(delivery), deliveredAt: this.instant(), attempts: decision.attempt },
          },
        });
      }
    }
  }

  private async record(
    delivery: PendingDelivery,
    commandId: string,
    { content, event }: { content: object; event: ClientAccountEvent },
  ): Promise<void> {
    const context: CommandContext = {
      actor: 'reminder-dispatcher',
      role: 'system',
      source: 'collections',
      correlationId: `reminder:${delivery.reminder.reminderId}`,
      causationId: delivery.eventId,
    };
    await this.executor.execute({ streamId: delivery.streamId, commandId, content, decide: () => [event] }, context);
    await this.table.forgetRetries(delivery);
  }

  private instant(): string {
    return this.clock.now().toUTC().toISO()!;
  }
}

/** Stable content: whichever outcome is recorded first stays the only one. */
const outcomeContent = ({ reminder, transport }: PendingDelivery) => ({ reminderId: reminder.reminderId, transport });

const outcomeData = ({ reminder, transport }: PendingDelivery) => ({
  clientId: reminder.clientId,
  reminderId: reminder.reminderId,
  transport,
});

/** One outcome per reminder and transport. */
export const outcomeCommandId = ({ clientId, reminder, transport }: Pick<PendingDelivery, 'clientId' | 'reminder' | 'transport'>): string =>
  collectionsCommandId(clientId, 'reminder-outcome', reminder.reminderId, transport);

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500);
