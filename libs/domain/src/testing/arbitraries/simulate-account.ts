import { isImmutable } from 'immutable';
import { DateTime } from 'luxon';
import { type AgreementInput } from '../../agreement/agreement-input';
import { clientAccountDecider } from '../../client-account/client-account.decider';
import { type ClientAccountCommand, type LogInteraction } from '../../client-account/commands';
import { type ClientAccountEvent } from '../../client-account/events';
import { type InvoiceState, type PaymentState, type RegisteredAccount, type ClientAccountState } from '../../client-account/state';
import { collectionsDecider } from '../../collections/collections.decider';
import { decideCollections } from '../../collections/decide-collections';
import { DEFAULT_COLLECTIONS_POLICY } from '../../collections/policy';
import { type CollectionsProcessState } from '../../collections/state';
import { evolveBehaviourFacts } from '../../metrics/evolve-behaviour-facts';
import { type BehaviourFacts, initialBehaviourFacts } from '../../metrics/facts';
import { computePaymentBehaviour } from '../../metrics/payment-behaviour';
import { assessSolvency } from '../../metrics/solvency';
import { feeReceivable } from '../../client-account/fee-receivables';
import { formatMinorUnits } from '../../money/money';
import { addDays, localDate } from '../../shared/dates';
import { DomainError } from '../../shared/errors';
import { type IsoDate } from '../../shared/types';
import { type AccountSequence, type AgreementChoice, type Step } from './account-sequences';

/**
 * Runs an `AccountSequence` through the real deciders with a moving clock, as the command pipeline and
 * the collections process would: each command is decided on the state folded so far and its events are
 * folded into the account state, the collections process's state and the behaviour facts, one event
 * at a time. A refused command (a `DomainError`) must leave the state as it was: the states and events
 * are frozen, so a decision that changed one in place fails. Any other error is a bug.
 */
export interface SimulatedAccount {
  clientId: string;
  currency: string;
  /** The stream, in order. */
  events: ClientAccountEvent[];
  /** Folded one event at a time while the sequence ran. */
  account: RegisteredAccount;
  process: CollectionsProcessState;
  facts: BehaviourFacts;
  /** The clock at the end. */
  now: DateTime;
  accepted: number;
  /** Refusal codes (`kind/code`) with their counts. */
  refusals: Map<string, number>;
  /** The sequence as it ran: one line per command with what it recorded or why it was refused. */
  transcript: () => string;
}

const HOUR = 3_600_000;
const CONTACT = { name: 'Ada Client', email: 'ada@client.test', preferredChannel: 'email' } as const;
const HOLIDAY_BASE: IsoDate = '2025-01-01';

const agreementInput = (choice: AgreementChoice, currency: string): AgreementInput => ({
  paymentTerms: choice.terms,
  timezone: choice.timezone,
  contact: CONTACT,
  holidays: choice.holidayOffsets.map((offset) => addDays(HOLIDAY_BASE, offset)),
  ...(choice.noticeDays !== undefined && { noticeDays: choice.noticeDays }),
  ...(choice.allocationOrder !== undefined && { paymentAllocationOrder: choice.allocationOrder }),
  ...(choice.policy && {
    lateFeePolicy: {
      ...(choice.policy.fixedFeeMinor !== undefined && { fixedFee: formatMinorUnits(BigInt(choice.policy.fixedFeeMinor), currency) }),
      ...(choice.policy.rateHundredths !== undefined && { annualInterestRate: percent(choice.policy.rateHundredths) }),
      compounding: choice.policy.compounding,
      graceDays: choice.policy.graceDays,
    },
  }),
});

const percent = (hundredths: number): string => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;

/** Plain JSON of a state (immutable collections through their toJSON, bigint as text): equal states give equal strings. */
export const snapshot = (value: unknown): string =>
  JSON.stringify(value, (_key, field: unknown) => (typeof field === 'bigint' ? `${field}n` : field));

export const simulateAccount = (sequence: AccountSequence, clientId = 'acme'): SimulatedAccount => new Simulation(sequence, clientId).run();

class Simulation {
  private now: DateTime;
  private account: ClientAccountState = clientAccountDecider.initialState();
  private process: CollectionsProcessState = collectionsDecider.initialState();
  private facts: BehaviourFacts = initialBehaviourFacts();
  private readonly events: ClientAccountEvent[] = [];
  /** Formatted only when a report needs it. */
  private readonly transcript: (() => string)[] = [];
  private readonly refusals = new Map<string, number>();
  private accepted = 0;
  private nextId = 1;
  private readonly currency: string;

  constructor(
    private readonly sequence: AccountSequence,
    private readonly clientId: string,
  ) {
    this.now = DateTime.fromMillis(sequence.registration.startsAt, { zone: 'utc' });
    this.currency = sequence.registration.currency;
  }

  run(): SimulatedAccount {
    try {
      this.execute(this.registerCommand());
      for (const step of this.sequence.steps) this.step(step);
    } catch (error) {
      throw new Error(`${(error as Error).stack ?? String(error)}\n\nThe sequence as it ran:\n${this.describe()}`, {
        cause: error,
      });
    }
    return {
      clientId: this.clientId,
      currency: this.currency,
      events: this.events,
      account: this.registered,
      process: this.process,
      facts: this.facts,
      now: this.now,
      accepted: this.accepted,
      refusals: this.refusals,
      transcript: () => this.describe(),
    };
  }

  private describe(): string {
    return this.transcript.map((line) => line()).join('\n');
  }

  private get registered(): RegisteredAccount {
    if (this.account.status !== 'registered') throw new Error('The client was not registered');
    return this.account;
  }

  private get today(): IsoDate {
    return localDate(this.now, this.registered.agreement.timezone);
  }

  private daysAgo(days: number): IsoDate {
    return addDays(this.today, -days);
  }

  private money(minor: bigint | number): string {
    return formatMinorUnits(BigInt(minor), this.currency);
  }

  private id(prefix: string): string {
    return `${prefix}-${this.nextId++}`;
  }

  private registerCommand(): ClientAccountCommand {
    const { currency, agreement } = this.sequence.registration;
    return {
      type: 'RegisterClient',
      data: { clientId: this.clientId, name: 'Client Ltd', currency, agreement: agreementInput(agreement, currency) },
    };
  }

  private step(step: Step): void {
    // Plain arithmetic in UTC: cheaper than DateTime.plus, which a long run does thousands of times.
    this.now = DateTime.fromMillis(this.now.toMillis() + step.hoursLater * HOUR, { zone: 'utc' });
    if (step.kind === 'collectionsRun') {
      this.now = DateTime.fromMillis(this.now.toMillis() + step.days * 24 * HOUR, { zone: 'utc' });
      this.runCollections('collections run');
      // Whatever the number of runs: once a run's events are folded, another at the same instant decides nothing (SPEC 5).
      if (step.rerun && this.runCollections('collections run again').length > 0)
        throw new Error('A second run at the same instant decided more');
      return;
    }
    this.execute(this.command(step));
  }

  /** The concrete command for a step, resolved against the account as it stands. */
  private command(step: Exclude<Step, { kind: 'collectionsRun' }>): ClientAccountCommand {
    const clientId = this.clientId;
    const currency = this.currency;
    const account = this.registered;
    switch (step.kind) {
      case 'invoice': {
        const issuedOn = this.daysAgo(step.daysAgo);
        const reused = step.reuseId ? pickFrom([...account.invoices.values()], this.nextId) : undefined;
        return {
          type: 'IssueInvoice',
          data: {
            clientId,
            invoiceId: reused?.invoiceId ?? this.id('INV'),
            amount: this.money(step.amountMinor),
            currency,
            issuedOn,
            ...(step.explicitDueInDays !== undefined && { dueOn: addDays(issuedOn, step.explicitDueInDays) }),
          },
        };
      }
      case 'payment': {
        // Without an invoice to name, the payment is one without allocations; an invoice is named once.
        const allocations =
          step.allocations === undefined || account.invoices.isEmpty()
            ? undefined
            : uniqueBy(
                step.allocations.map((allocation) => ({ invoice: this.invoice(allocation)!, perMille: allocation.perMille })),
                ({ invoice }) => invoice.invoiceId,
              ).map(({ invoice, perMille }) => ({
                invoiceId: invoice.invoiceId,
                amount: share(invoice, perMille),
                // An even share also settles the invoice's outstanding fees and interest, when it has any.
                fees: perMille % 2 === 0 ? feeReceivable(account.collections.charges.get(invoice.invoiceId)).outstanding : 0n,
              }));
        const allocated = (allocations ?? []).reduce((total, allocation) => total + allocation.amount + allocation.fees, 0n);
        const amount =
          allocations === undefined
            ? BigInt(step.amountMinor)
            : step.coverage === 'short'
              ? allocated - 1n
              : allocated + BigInt(step.amountMinor);
        return {
          type: 'RecordPayment',
          data: {
            clientId,
            paymentId: this.id('PAY'),
            amount: this.money(amount),
            currency,
            receivedOn: this.daysAgo(step.daysAgo),
            ...(allocations && {
              allocations: allocations.map(({ invoiceId, amount: part, fees }) => ({
                invoiceId,
                amount: this.money(part),
                ...(fees > 0n && { fees: this.money(fees) }),
              })),
            }),
          },
        };
      }
      case 'reversal': {
        const payments = [...account.payments.values()].filter((payment) => step.anyPayment || !payment.reversed);
        const payment: PaymentState | undefined = pickFrom(payments, step.pick);
        return {
          type: 'ReversePayment',
          data: { clientId, paymentId: payment?.paymentId ?? 'PAY-none', reason: 'bounced', reversedOn: this.daysAgo(step.daysAgo) },
        };
      }
      case 'creditNote': {
        const invoice = this.invoice(step);
        return {
          type: 'IssueCreditNote',
          data: {
            clientId,
            invoiceId: invoice?.invoiceId ?? 'INV-none',
            creditNoteId: this.id('CN'),
            amount: this.money(share(invoice, step.perMille)),
            currency,
            reason: 'goodwill',
            issuedOn: this.daysAgo(step.daysAgo),
          },
        };
      }
      case 'writeOff': {
        const invoice = this.invoice(step);
        return {
          type: 'WriteOffInvoice',
          data: {
            clientId,
            invoiceId: invoice?.invoiceId ?? 'INV-none',
            reason: 'uncollectable',
            writtenOffOn: this.daysAgo(step.daysAgo),
          },
        };
      }
      case 'waiver': {
        const invoice = this.invoice(step);
        const receivable = feeReceivable(invoice && account.collections.charges.get(invoice.invoiceId));
        const part = (perMille: number | undefined, outstanding: bigint) =>
          perMille === undefined ? undefined : step.all ? 'all' : this.money((outstanding * BigInt(perMille) + 999n) / 1000n);
        const lateFee = part(step.lateFeePerMille, receivable.lateFee.outstanding);
        const interest = part(step.interestPerMille, receivable.interest.outstanding);
        return {
          type: 'WaiveFees',
          data: {
            clientId,
            invoiceId: invoice?.invoiceId ?? 'INV-none',
            waiverId: this.id('WV'),
            ...(lateFee !== undefined && { lateFee }),
            ...(interest !== undefined && { interest }),
            reason: 'goodwill',
          },
        };
      }
      case 'disputeRaised':
        return this.interaction('dispute_raised', { invoiceId: this.invoice(step)?.invoiceId ?? 'INV-none', reason: 'not delivered' });
      case 'disputeResolved': {
        const invoices = [...account.invoices.values()];
        const disputed = invoices.filter((invoice) => invoice.openDispute);
        const invoice = pickFrom(disputed.length > 0 ? disputed : invoices, step.pick);
        return this.interaction('dispute_resolved', {
          invoiceId: invoice?.invoiceId ?? 'INV-none',
          outcome: step.outcome,
          ...(step.outcome === 'upheld' &&
            step.creditPerMille !== undefined && { creditAmount: this.money(share(invoice, step.creditPerMille)) }),
        });
      }
      case 'promise':
        return this.interaction('promise_to_pay', {
          amount: this.money(step.amountMinor),
          currency,
          promisedOn: addDays(this.today, step.inDays),
        });
      case 'interaction':
        return this.interaction(step.interaction, {
          ...((step.interaction === 'outbound_contact' || step.interaction === 'client_response') && { channel: 'email' as const }),
        });
      case 'pause':
        return {
          type: 'PauseCollections',
          data: { clientId, pauseId: this.id('PAUSE'), until: addDays(this.today, step.inDays), reason: 'talks' },
        };
      case 'resume':
        return { type: 'ResumeCollections', data: { clientId, reason: 'talks ended' } };
      case 'agreement':
        return {
          type: 'ChangeAgreement',
          data: {
            clientId,
            agreement: agreementInput(step.agreement, currency),
            ...(step.effectiveInDays !== undefined && { lateFeePolicyEffectiveFrom: addDays(this.today, step.effectiveInDays) }),
          },
        };
      case 'registerAgain':
        return this.registerCommand();
      default: {
        const unknown: never = step;
        throw new Error(`Unknown step ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** An open invoice (or any, with `anyInvoice`) by `pick`; undefined when there is none. */
  private invoice({ pick, anyInvoice }: { pick: number; anyInvoice: boolean }): InvoiceState | undefined {
    const invoices = [...this.registered.invoices.values()];
    const open = invoices.filter((invoice) => invoice.outstanding > 0n);
    return pickFrom(anyInvoice || open.length === 0 ? invoices : open, pick);
  }

  private interaction(kind: LogInteraction['data']['kind'], details: Partial<LogInteraction['data']>): LogInteraction {
    return {
      type: 'LogInteraction',
      data: { clientId: this.clientId, interactionId: this.id('INT'), kind, occurredAt: this.now.toUTC().toISO()!, ...details },
    };
  }

  private execute(command: ClientAccountCommand): void {
    const { now, currency } = this;
    const line = () => {
      const { clientId: _clientId, ...shown } = command.data as { clientId: string };
      return `${clock(now)} ${command.type} ${JSON.stringify(shown)}`;
    };
    let events: ClientAccountEvent[];
    try {
      events = clientAccountDecider.decide(command, this.account, now);
    } catch (error) {
      if (!(error instanceof DomainError)) {
        this.transcript.push(() => `${line()}\n    → crashed`);
        throw error;
      }
      const code = `${error.kind}/${error.code}`;
      this.transcript.push(() => `${line()}\n    → refused ${code}`);
      this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
      return;
    }
    this.accepted++;
    this.transcript.push(() => `${line()}\n    → ${describeEvents(events, currency)}`);
    this.record(events);
  }

  /** One run of the collections process at `now`, as `decideClientRun` does it: behaviour and solvency from the facts, then the pure decision. */
  private runCollections(label: string): ClientAccountEvent[] {
    const behaviour = computePaymentBehaviour(this.facts, this.now);
    const solvency = assessSolvency(this.facts, this.now, undefined, behaviour);
    const commands = decideCollections({
      account: { invoices: this.facts.invoices, payments: this.facts.payments, collections: this.process },
      behaviour: { trend: behaviour.trend },
      solvency: { riskScore: solvency.riskScore, riskLevel: solvency.riskLevel },
      policy: DEFAULT_COLLECTIONS_POLICY,
      now: this.now,
    });
    const { now, currency } = this;
    const decided: ClientAccountEvent[] = [];
    this.transcript.push(
      () =>
        `${clock(now)} ${label} (risk ${solvency.riskLevel}, trend ${behaviour.trend.direction})\n    → ${describeEvents(decided, currency)}`,
    );
    for (const command of commands) {
      const events = collectionsDecider.decide(command, this.process, now);
      this.record(events);
      decided.push(...events);
    }
    return decided;
  }

  private record(events: readonly ClientAccountEvent[]): void {
    for (const event of events) {
      this.events.push(deepFreeze(event));
      this.account = deepFreeze(clientAccountDecider.evolve(this.account, event));
      this.process = deepFreeze(collectionsDecider.evolve(this.process, event));
      this.facts = evolveBehaviourFacts(this.facts, event);
    }
  }
}

const clock = (now: DateTime): string => `[${now.toUTC().toISO({ suppressMilliseconds: true, suppressSeconds: true })}]`;

/**
 * Freezes a state and what it holds, so that a decision (accepted or refused) that changed it in place
 * fails with a TypeError instead of going unnoticed: a refused command leaves the state as it was.
 * The fold shares what an event did not change, so the walk stops at what is frozen already.
 */
const deepFreeze = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (isImmutable(value)) {
    // Persistent collections cannot be frozen (nor changed in place); what they hold can.
    if (!walked.has(value)) {
      walked.add(value);
      for (const element of (value as unknown as { values(): Iterable<unknown> }).values()) deepFreeze(element);
    }
    return value;
  }
  Object.freeze(value);
  for (const field of Object.values(value)) deepFreeze(field);
  return value;
};
const walked = new WeakSet<object>();

const uniqueBy = <T>(items: readonly T[], key: (item: T) => string): T[] =>
  items.filter((item, index) => items.findIndex((other) => key(other) === key(item)) === index);

const pickFrom = <T>(items: readonly T[], pick: number): T | undefined => (items.length === 0 ? undefined : items[pick % items.length]);

/** `perMille` of what the invoice has outstanding, rounded up (0 when there is no such invoice). */
const share = (invoice: InvoiceState | undefined, perMille: number): bigint =>
  invoice === undefined ? 0n : (invoice.outstanding * BigInt(perMille) + 999n) / 1000n;

const describeEvents = (events: readonly ClientAccountEvent[], currency: string): string => {
  if (events.length === 0) return 'nothing recorded';
  return events
    .map((event) => {
      const data = event.data as { invoiceId?: string; amount?: string; level?: string; periodFrom?: string; periodTo?: string };
      const details = [
        data.level,
        data.invoiceId,
        data.amount !== undefined && /^\d+$/.test(data.amount) ? formatMinorUnits(BigInt(data.amount), currency) : undefined,
        data.periodFrom !== undefined ? `${data.periodFrom}…${data.periodTo}` : undefined,
      ].filter((detail) => detail !== undefined);
      return details.length > 0 ? `${event.type}(${details.join(' ')})` : event.type;
    })
    .join(', ');
};
