import { DateTime } from 'luxon';
import {
  type ClientAccountCommand,
  formatMinorUnits,
  type InteractionChannel,
  type IsoDate,
  type IsoInstant,
  localDate,
  type LogInteraction,
} from '@settle/domain';
import { type ClientProfile, clientProfile, personName } from './client-profile';
import { businessDay, daysFrom, dueDateOf, localDaytime, plusDays } from './generator-calendar';
import { type Personality, TRAITS, type Traits } from './personalities';
import { type SeededRandom } from './seeded-random';
import { byInstant, type TimedCommand } from './timed-command';

/** One generated client: who it is and every command of its history, in time order. */
export interface GeneratedClient {
  clientId: string;
  name: string;
  personality: Personality;
  currency: string;
  commands: TimedCommand[];
  /**
   * The generator's ground truth, for measuring an early warning (never shown to the model): the due date
   * of the first invoice the client never pays, when it falls inside the history; absent for a client that
   * pays everything it owes.
   */
  defaultsOn?: IsoDate;
  /** Ground truth too: the day a declining client's decline starts (absent for a client that never declines). */
  declinesFrom?: IsoDate;
}

export interface ClientHistoryOptions {
  clientId: string;
  personality: Personality;
  random: SeededRandom;
  /** The history ends here: nothing happens after it. */
  now: DateTime;
  /** Length of the history window. */
  months: number;
  /** Overrides the client's usual one to three invoices a month. */
  invoicesPerMonth?: number;
}

/** How we chase an overdue invoice: days past due and channel (SPEC 2: when a problem persists, call or meet). */
const REMINDERS: readonly [days: number, channel: InteractionChannel][] = [
  [3, 'email'],
  [14, 'phone'],
  [30, 'email'],
  [45, 'letter'],
  [60, 'meeting_request'],
  [90, 'phone'],
];

const DISPUTE_REASONS = [
  'Hours billed exceed the estimate',
  'Deliverable not accepted yet',
  'Rate differs from the quote',
  'Work outside the agreed scope',
];
const COMPLAINTS = ['Turnaround too slow', 'Not happy with the quality', 'Expected an answer the same day', 'Too many follow-up questions'];

/** A change of an invoice's outstanding amount on a day (negative: paid or credited). */
interface Step {
  on: IsoDate;
  change: bigint;
}

interface PlannedPayment {
  on: IsoDate;
  amount: bigint;
}

const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** The whole history of one client, driven by its personality's traits; see personalities.ts. */
export function clientHistory(options: ClientHistoryOptions): GeneratedClient {
  const profile = clientProfile(options.clientId, options.personality, options.random.derive('profile'), options.invoicesPerMonth);
  const story = new ClientStory(profile, TRAITS[options.personality], options.random.derive('story'), options.now, options.months);
  const commands = story.tell();
  return {
    clientId: profile.clientId,
    name: profile.name,
    personality: profile.personality,
    currency: profile.currency,
    commands,
    ...(story.defaultsOn !== undefined && { defaultsOn: story.defaultsOn }),
    ...(story.declineStart !== undefined && { declinesFrom: story.declineStart }),
  };
}

class ClientStory {
  private readonly commands: TimedCommand[] = [];
  private readonly nowInstant: IsoInstant;
  private readonly today: IsoDate;
  private readonly windowStart: IsoDate;
  /** Going south: the day things started to go wrong. */
  readonly declineStart?: IsoDate;
  private interactionCount = 0;
  private paymentCount = 0;
  /** The due date of the first invoice never paid (up to now). */
  defaultsOn?: IsoDate;

  constructor(
    private readonly profile: ClientProfile,
    private readonly traits: Traits,
    private readonly random: SeededRandom,
    now: DateTime,
    private readonly months: number,
  ) {
    this.nowInstant = now.toUTC().toISO() as IsoInstant;
    this.today = localDate(now, profile.agreement.timezone);
    this.windowStart = localDate(now.minus({ months }), profile.agreement.timezone);
    if (traits.declines) {
      // The decline takes 7 to 10 months (less in a short history): long enough to show as a trend.
      const declineMonths = Math.min(random.int(7, 10), Math.ceil(months * 0.75));
      this.declineStart = localDate(now.minus({ months: declineMonths }), profile.agreement.timezone);
    }
  }

  tell(): TimedCommand[] {
    // A business going south has a long healthy past to decline from, unless it is a new client; others may be newer clients.
    const latestStart = Math.max(1, Math.floor(this.months * 0.75));
    const monthsBeforeDecline = this.traits.monthsBeforeDecline;
    const startsOn =
      this.declineStart && monthsBeforeDecline
        ? laterOf(this.windowStart, plusDays(this.declineStart, -30 * this.random.int(...monthsBeforeDecline)))
        : this.declineStart || this.random.chance(0.75)
          ? this.windowStart
          : plusDays(this.windowStart, 30 * this.random.int(1, latestStart));
    this.register(startsOn);
    const firstMonth = DateTime.fromISO(startsOn, { zone: 'utc' }).startOf('month');
    for (
      let index = 0, month = firstMonth;
      (month.toISODate() as IsoDate) <= this.today;
      index++, month = firstMonth.plus({ months: index + 1 })
    ) {
      this.month(month.toISODate() as IsoDate, index, startsOn);
    }
    this.renewals(startsOn);
    if (this.random.chance(this.traits.changesDecisionMaker)) this.decisionMakerChange(startsOn);
    return this.commands.sort(byInstant);
  }

  private register(startsOn: IsoDate): void {
    const { clientId, name, currency, agreement } = this.profile;
    const registeredAt = this.instant(plusDays(startsOn, -14), 9);
    this.add(registeredAt, { type: 'RegisterClient', data: { clientId, name, currency, agreement } });
    // A prospect who haggled before signing (seed 000, mistake 1): logged once the client exists.
    for (let count = 0; count < this.traits.pushbacksAtSigning; count++) {
      const occurredAt = this.instant(plusDays(startsOn, -40 + 7 * count), 14);
      this.interaction(
        occurredAt,
        'price_pushback',
        { summary: 'Asked for a lower rate before signing' },
        registeredAt.plus({ minutes: count + 1 }),
      );
    }
  }

  /** `first`: the first day of the month; `index`: months since the client started. */
  private month(first: IsoDate, index: number, startsOn: IsoDate): void {
    for (let sequence = 1; sequence <= this.profile.invoicesPerMonth; sequence++) {
      const issuedOn = businessDay(plusDays(first, this.random.int(0, 27)));
      if (issuedOn >= startsOn && issuedOn <= this.today) this.invoice(issuedOn, `INV-${first.slice(0, 7).replace('-', '')}-${sequence}`);
    }
    const checkInOn = businessDay(plusDays(first, this.random.int(2, 24)));
    if (index % 2 === 0 && checkInOn >= startsOn) this.contact(checkInOn, 10, 'email', 'Check-in from the account manager');
    const meetingOn = businessDay(plusDays(first, this.random.int(5, 25)));
    // Quarterly reviews; once a business is visibly declining, we ask to meet every month.
    if (meetingOn >= startsOn && (index % 3 === 1 || this.declineOn(meetingOn) > 0.5)) this.meeting(meetingOn);
    const complaintOn = businessDay(plusDays(first, this.random.int(0, 27)));
    if (this.random.chance(this.traits.complaintsPerYear / 12) && complaintOn >= startsOn) {
      this.interaction(this.instant(complaintOn, 16), 'complaint', { summary: this.random.pick(COMPLAINTS) });
    }
  }

  private invoice(issuedOn: IsoDate, invoiceId: string): void {
    const { clientId, currency, agreement, typicalAmount } = this.profile;
    const amount = (typicalAmount * BigInt(this.traits.amountPerCent?.(this.random) ?? this.random.int(85, 115))) / 100n;
    const dueOn = dueDateOf(issuedOn, agreement.paymentTerms);
    this.add(this.instant(issuedOn, 9, this.random.int(0, 59)), {
      type: 'IssueInvoice',
      data: { clientId, invoiceId, amount: this.money(amount), currency, issuedOn },
    });

    const steps: Step[] = [];
    let payableFrom = plusDays(issuedOn, 1);
    let disputed: { from: IsoDate; until: IsoDate } | undefined;
    if (this.random.chance(this.traits.disputes)) {
      const raisedOn = businessDay(plusDays(issuedOn, this.random.int(2, 5)));
      const resolvedOn = businessDay(plusDays(raisedOn, this.random.int(10, 35)));
      const raised = this.interaction(this.instant(raisedOn, 11), 'dispute_raised', {
        invoiceId,
        reason: this.random.pick(DISPUTE_REASONS),
      });
      // Still open now (or not raised yet): a disputed invoice is neither paid nor chased.
      if (!raised || !this.happened(this.instant(resolvedOn, 15))) return;
      const credit = this.random.chance(0.6) ? (amount * BigInt(this.random.int(10, 25))) / 100n : 0n;
      this.interaction(this.instant(resolvedOn, 15), 'dispute_resolved', {
        invoiceId,
        ...(credit > 0n ? { outcome: 'upheld', creditAmount: this.money(credit), currency } : { outcome: 'rejected' }),
      });
      if (credit > 0n) steps.push({ on: resolvedOn, change: -credit });
      payableFrom = plusDays(resolvedOn, this.random.int(2, 7));
      disputed = { from: raisedOn, until: resolvedOn };
    }

    const payments = this.plannedPayments(amount + steps.reduce((sum, step) => sum + step.change, 0n), dueOn, payableFrom);
    if (!this.pay(invoiceId, payments, steps)) this.neverPaid(dueOn);
    this.chase(invoiceId, amount, dueOn, steps, payments, disputed);
  }

  /** When and how much the client pays for an invoice: nothing when it has stopped paying. */
  private plannedPayments(outstanding: bigint, dueOn: IsoDate, payableFrom: IsoDate): PlannedPayment[] {
    const decline = this.declineOn(dueOn);
    if (this.random.chance(this.traits.stopsPaying(decline))) return [];
    const settleOn = businessDay(laterOf(plusDays(dueOn, this.traits.daysLate(this.random, decline, dueOn)), payableFrom));
    if (!this.random.chance(this.traits.paysInParts(decline))) return [{ on: settleOn, amount: outstanding }];
    const part = (outstanding * BigInt(this.traits.partPerCent?.(this.random, decline) ?? this.random.int(30, 60))) / 100n;
    const partOn = businessDay(laterOf(payableFrom, plusDays(settleOn, -this.random.int(10, 25))));
    return [
      { on: partOn, amount: part },
      { on: laterOf(settleOn, partOn), amount: outstanding - part },
    ];
  }

  /**
   * Records the payments (explicitly allocated to the invoice); the last one may bounce and be paid again
   * later. False when the invoice is never paid in full (the client stopped paying).
   */
  private pay(invoiceId: string, payments: PlannedPayment[], steps: Step[]): boolean {
    const paymentIds = payments.map((payment) => this.recordPayment(invoiceId, payment, steps));
    const last = payments[payments.length - 1];
    if (!last) return false;
    if (!this.random.chance(this.traits.bounces(this.declineOn(last.on)))) return true;
    const reversedOn = businessDay(plusDays(last.on, this.random.int(3, 6)));
    this.add(this.instant(reversedOn, 13), {
      type: 'ReversePayment',
      data: {
        clientId: this.profile.clientId,
        paymentId: paymentIds[paymentIds.length - 1],
        reason: 'Bounced: insufficient funds',
        reversedOn,
      },
    });
    steps.push({ on: reversedOn, change: last.amount });
    if (this.random.chance(this.traits.stopsPaying(this.declineOn(reversedOn)))) return false;
    const again = { on: businessDay(plusDays(reversedOn, this.random.int(5, 20))), amount: last.amount };
    payments.push(again);
    this.recordPayment(invoiceId, again, steps);
    return true;
  }

  /** Ground truth only: a default is a due date inside the history. */
  private neverPaid(dueOn: IsoDate): void {
    if (dueOn <= this.today && (this.defaultsOn === undefined || dueOn < this.defaultsOn)) this.defaultsOn = dueOn;
  }

  private recordPayment(invoiceId: string, { on, amount }: PlannedPayment, steps: Step[]): string {
    const { clientId, currency } = this.profile;
    const paymentId = `PAY-${++this.paymentCount}`;
    this.add(this.instant(on, 12, this.random.int(0, 59)), {
      type: 'RecordPayment',
      data: {
        clientId,
        paymentId,
        amount: this.money(amount),
        currency,
        receivedOn: on,
        allocations: [{ invoiceId, amount: this.money(amount) }],
      },
    });
    steps.push({ on, change: -amount });
    return paymentId;
  }

  /** Reminders while the invoice is overdue and undisputed; an answer may come with a promise to pay. */
  private chase(
    invoiceId: string,
    amount: bigint,
    dueOn: IsoDate,
    steps: Step[],
    payments: PlannedPayment[],
    disputed?: { from: IsoDate; until: IsoDate },
  ): void {
    const outstandingOn = (day: IsoDate) => steps.filter((step) => step.on < day).reduce((left, step) => left + step.change, amount);
    let promised = false;
    for (const [days, channel] of REMINDERS) {
      const on = businessDay(plusDays(dueOn, days));
      if (on > this.today) return;
      if (outstandingOn(on) === 0n || (disputed && on >= disputed.from && on <= disputed.until)) continue;
      const answeredAt = this.contact(on, 10, channel, `Reminder: ${invoiceId} is ${days} days overdue`);
      if (!answeredAt || promised || !this.random.chance(this.traits.promises)) continue;
      promised = this.promise(answeredAt, outstandingOn(on), payments, this.declineOn(on));
    }
  }

  /** A promise to pay made when answering; kept when the next payment honours it, else broken (its day passes unpaid). */
  private promise(answeredAt: DateTime, outstanding: bigint, payments: PlannedPayment[], decline: number): boolean {
    const madeAt = answeredAt.plus({ minutes: 5 });
    const madeOn = localDate(madeAt, this.profile.agreement.timezone);
    const next = payments.find((payment) => payment.on > madeOn);
    const keeps = next !== undefined && this.random.chance(this.traits.keepsPromises(decline));
    if (!keeps && next !== undefined && daysFrom(madeOn, next.on) <= 8) return false;
    const promisedOn = keeps ? next.on : plusDays(madeOn, this.random.int(3, 7));
    const promiseId = this.interaction(madeAt, 'promise_to_pay', {
      amount: this.money(keeps ? next.amount : outstanding),
      currency: this.profile.currency,
      promisedOn,
      summary: 'Promised to pay',
    });
    return promiseId !== undefined;
  }

  /** An outbound contact on `day` that expects an answer; returns when the client answered in time, if it did. */
  private contact(day: IsoDate, hour: number, channel: InteractionChannel, summary: string): DateTime | undefined {
    const decline = this.declineOn(day);
    const at = this.instant(day, hour, this.random.int(0, 59));
    const contactId = this.interaction(at, 'outbound_contact', { channel, summary, expectsResponse: true });
    if (!contactId) return undefined;
    // A call mostly reaches someone, even at a client that no longer answers e-mail (and who then promises).
    const answers = this.random.chance(channel === 'phone' ? Math.max(0.6, this.traits.answers(decline)) : this.traits.answers(decline));
    // A late answer does not count as answered, but it does end the unanswered streak.
    const answeredAt = answers
      ? at.plus({ hours: this.random.int(1, 26) })
      : this.random.chance(0.3 * (1 - decline))
        ? at.plus({ days: this.random.int(5, 9) })
        : undefined;
    if (!answeredAt) return undefined;
    const responded = this.interaction(answeredAt, 'client_response', {
      channel: channel === 'phone' ? 'phone' : 'email',
      respondsTo: contactId,
    });
    return answers && responded ? answeredAt : undefined;
  }

  private meeting(on: IsoDate): void {
    const missed = this.random.chance(this.traits.missesMeetings(this.declineOn(on)));
    this.interaction(this.instant(on, 15), missed ? 'meeting_missed' : 'meeting_held', {
      summary: missed ? (this.declineStart ? 'The CEO cancelled at the last minute' : 'No-show') : 'Account review',
    });
  }

  /** Each yearly renewal, a haggler pushes back on the price again. */
  private renewals(startsOn: IsoDate): void {
    for (let year = 1; ; year++) {
      const renewsOn = plusDays(startsOn, 365 * year);
      if (renewsOn > this.today) return;
      for (let count = 0; count < this.traits.pushbacksAtRenewal; count++) {
        this.interaction(this.instant(businessDay(plusDays(renewsOn, -14 + 5 * count)), 11), 'price_pushback', {
          summary: 'Wants a discount to renew',
        });
      }
    }
  }

  /** The key person leaves (red flag 2); for a business going south, while it declines. */
  private decisionMakerChange(startsOn: IsoDate): void {
    const daysAgo = this.declineStart
      ? this.random.int(20, Math.max(21, daysFrom(this.declineStart, this.today) - 10))
      : this.random.int(20, 150);
    const changedOn = businessDay(plusDays(this.today, -daysAgo));
    if (changedOn < startsOn) return;
    this.interaction(this.instant(changedOn, 10), 'decision_maker_changed', {
      newContact: personName(this.random),
      summary: 'Our contact left; a new decision maker took over',
    });
  }

  /**
   * Logs an interaction (skipped when it lies after now); returns its id. `recordedAt` differs from
   * `occurredAt` for what is logged later than it happened.
   */
  private interaction(
    occurredAt: DateTime,
    kind: LogInteraction['data']['kind'],
    extra: Omit<LogInteraction['data'], 'clientId' | 'interactionId' | 'kind' | 'occurredAt'>,
    recordedAt: DateTime = occurredAt,
  ): string | undefined {
    const interactionId = `INT-${++this.interactionCount}`;
    const data = { clientId: this.profile.clientId, interactionId, kind, occurredAt: occurredAt.toUTC().toISO() as IsoInstant, ...extra };
    return this.add(recordedAt, { type: 'LogInteraction', data }) ? interactionId : undefined;
  }

  /** Adds a command that happens at `at`, unless that is after now; true when added. */
  private add(at: DateTime, command: ClientAccountCommand): boolean {
    const instant = at.toUTC().toISO() as IsoInstant;
    if (instant > this.nowInstant) return false;
    this.commands.push({ at: instant, command });
    return true;
  }

  private happened(at: DateTime): boolean {
    return (at.toUTC().toISO() as IsoInstant) <= this.nowInstant;
  }

  /** 0 for a healthy business; for one going south, rising from 0 when the decline starts to 1 now. */
  private declineOn(day: IsoDate): number {
    if (!this.declineStart || day <= this.declineStart) return 0;
    return Math.min(1, daysFrom(this.declineStart, day) / daysFrom(this.declineStart, this.today));
  }

  /** A local time of day in the client's time zone. */
  private instant(day: IsoDate, hour: number, minute = 0): DateTime {
    return localDaytime(this.profile.agreement.timezone, day, hour, minute);
  }

  private money(minor: bigint): string {
    return formatMinorUnits(minor, this.profile.currency);
  }
}
