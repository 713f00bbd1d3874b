import { DateTime } from 'luxon';
import {
  addDays,
  assessSolvency,
  type BehaviourFacts,
  type ClientAccountCommand,
  type ClientAccountEvent,
  type ClientAccountState,
  type CollectionsProcessState,
  computePaymentBehaviour,
  decide,
  decideCollections,
  decideCollectionsCommands,
  DEFAULT_COLLECTIONS_POLICY,
  DomainError,
  evolve,
  evolveBehaviourFacts,
  evolveCollectionsState,
  initialBehaviourFacts,
  initialCollectionsState,
  initialState,
  type IsoDate,
} from '@settle/domain';

/**
 * Client histories for the performance measurements and the fold property tests, decided by the
 * real domain: the client-account decider for what finance staff record, and the collections
 * process (decide → events) run four times a month, so every event type the folds read occurs —
 * late and partial payments, reversals, credit notes, write-offs, disputes, promises, contacts,
 * meetings, agreement changes, escalations, fees and interest. Seeded, so a history is the same
 * on every run and the figures computed from it can be compared before and after a change.
 */

export interface HistoryOptions {
  /** Months of history from 2024-01-01. */
  months: number;
  /** Invoices issued each month (every one with its payment, contacts and the rest scaled alike). */
  invoicesPerMonth?: number;
  /** Run the collections process on days 8, 15, 22 and 28 of each month (default true). */
  collections?: boolean;
}

export interface GeneratedClient {
  clientId: string;
  events: ClientAccountEvent[];
  /** The day after the last simulated day, 10:00 in the client's time zone: when the figures are taken. */
  end: DateTime;
}

const TIMEZONES = ['Europe/Amsterdam', 'America/New_York', 'UTC', 'Asia/Tokyo', 'Australia/Sydney', 'Europe/Moscow'];
const START = '2024-01-01';

/** mulberry32: a small, fast, seedable generator. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

type Personality = 'prompt' | 'late' | 'deteriorating' | 'partial' | 'disengaged';
const PERSONALITIES: Personality[] = ['prompt', 'late', 'deteriorating', 'partial', 'disengaged'];

/** What happens on a day: commands built from the account as it is then (or a collections run). */
type Action = (account: ClientAccountState) => ClientAccountCommand[] | 'collections';

export const generateClientHistory = (index: number, options: HistoryOptions): GeneratedClient => {
  const random = seededRandom(index * 7919 + 17);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const clientId = `perf-${index}`;
  const personality = PERSONALITIES[index % PERSONALITIES.length];
  const timezone = TIMEZONES[index % TIMEZONES.length];
  const perMonth = options.invoicesPerMonth ?? 1;
  const lastDay = DateTime.fromISO(START, { zone: 'utc' }).plus({ months: options.months }).toISODate() as IsoDate;

  const schedule = new Map<IsoDate, Action[]>();
  const at = (day: IsoDate, action: Action) => {
    if (day >= lastDay) return;
    const actions = schedule.get(day);
    if (actions) actions.push(action);
    else schedule.set(day, [action]);
  };
  let sequence = 0;
  const nextId = (prefix: string) => `${prefix}-${++sequence}`;
  const instant = (day: IsoDate, minutes: number) => DateTime.fromISO(`${day}T09:00`, { zone: timezone }).plus({ minutes });
  const iso = (day: IsoDate, minutes: number) => instant(day, minutes).toISO()!;
  const contact = { name: 'Pat Payable', email: 'pat@client.example', preferredChannel: 'email' as const };
  const interaction = (
    data: Omit<Extract<ClientAccountCommand, { type: 'LogInteraction' }>['data'], 'clientId'>,
  ): ClientAccountCommand => ({
    type: 'LogInteraction',
    data: { clientId, ...data },
  });

  at(START, () => [
    {
      type: 'RegisterClient',
      data: {
        clientId,
        name: `Perf ${index}`,
        currency: 'EUR',
        agreement: {
          contact,
          timezone,
          paymentTerms: index % 7 === 0 ? { type: 'end_of_month', days: 15 } : { type: 'net', days: pick([14, 30, 30, 45]) },
          holidays: ['2024-05-01', '2024-12-25', '2024-12-26', '2025-01-01', '2025-05-01', '2025-12-25'],
          responseTimeBusinessDays: pick([1, 2, 2, 3]),
          lateFeePolicy: {
            fixedFee: '40.00',
            annualInterestRate: pick(['8.00', '10.50', '12.00']),
            compounding: pick(['simple', 'annual']),
          },
        },
      },
    },
  ]);
  if (random() < 0.4)
    at('2024-01-03', () => [interaction({ interactionId: nextId('push'), kind: 'price_pushback', occurredAt: iso('2024-01-03', 30) })]);

  const lateness = (month: number): number => {
    switch (personality) {
      case 'prompt':
        return between(-5, 2);
      case 'late':
        return between(3, 25);
      case 'deteriorating':
        return month * 6 + between(-3, 8);
      case 'partial':
        return between(0, 40);
      case 'disengaged':
        return between(10, 70);
    }
  };

  for (let month = 0; month < options.months; month++) {
    const first = DateTime.fromISO(START, { zone: 'utc' }).plus({ months: month }).toISODate() as IsoDate;
    const day = (n: number) => addDays(first, n - 1);
    for (let k = 0; k < perMonth; k++) {
      const invoiceId = `INV-${month}-${k}`;
      const amount = `${between(300, 4000)}.${String(between(0, 99)).padStart(2, '0')}`;
      const issuedOn = day(1 + (k % 27));
      at(issuedOn, () => [{ type: 'IssueInvoice', data: { clientId, invoiceId, amount, currency: 'EUR', issuedOn } }]);
      // The payment is decided when its day comes: it pays what is then outstanding (all, or half for some).
      const delay = lateness(month);
      const paysOn = addDays(issuedOn, 30 + delay);
      const paymentId = `PAY-${month}-${k}`;
      at(paysOn, (account) => {
        const invoice = account.status === 'registered' ? account.invoices.get(invoiceId) : undefined;
        if (!invoice || invoice.outstanding === 0n) return [];
        const half = personality === 'partial' && random() < 0.6;
        const minor = half ? invoice.outstanding / 2n : invoice.outstanding;
        if (minor <= 0n) return [];
        const major = `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
        return [{ type: 'RecordPayment', data: { clientId, paymentId, amount: major, currency: 'EUR', receivedOn: paysOn } }];
      });
      if (random() < 0.06)
        at(addDays(paysOn, between(2, 9)), () => [{ type: 'ReversePayment', data: { clientId, paymentId, reason: 'bounced' } }]);
      if (random() < 0.08)
        at(addDays(issuedOn, between(3, 20)), () => [
          { type: 'IssueCreditNote', data: { clientId, invoiceId, creditNoteId: nextId('CN'), amount: '25.00', currency: 'EUR' } },
        ]);
      if (random() < 0.07) {
        const raisedOn = addDays(issuedOn, between(5, 25));
        const disputeId = nextId('DSP');
        at(raisedOn, () => [
          interaction({ interactionId: disputeId, kind: 'dispute_raised', invoiceId, reason: 'quality', occurredAt: iso(raisedOn, 60) }),
        ]);
        const resolvedOn = addDays(raisedOn, between(5, 40));
        at(resolvedOn, (account) => {
          const invoice = account.status === 'registered' ? account.invoices.get(invoiceId) : undefined;
          if (!invoice?.openDispute) return [];
          const upheld = random() < 0.5 && invoice.outstanding > 1000n;
          return [
            interaction({
              interactionId: nextId('RES'),
              kind: 'dispute_resolved',
              invoiceId,
              outcome: upheld ? 'upheld' : 'rejected',
              ...(upheld && { creditAmount: '10.00', currency: 'EUR' }),
              occurredAt: iso(resolvedOn, 90),
            }),
          ];
        });
      }
      if (personality === 'deteriorating' && month > 6 && random() < 0.15)
        at(addDays(issuedOn, 150), () => [{ type: 'WriteOffInvoice', data: { clientId, invoiceId, reason: 'client insolvent' } }]);
    }

    // Contacts: we write twice a month (more with more invoices); the client answers, late, or not at all.
    for (const n of [5, 19].flatMap((d) => Array.from({ length: Math.max(1, Math.round(perMonth / 2)) }, (_, j) => d + (j % 8)))) {
      const sentOn = day(n);
      const contactId = nextId('OUT');
      const minutes = between(0, 480);
      at(sentOn, () => [
        interaction({
          interactionId: contactId,
          kind: 'outbound_contact',
          channel: pick(['email', 'phone', 'letter']),
          expectsResponse: random() < 0.9,
          occurredAt: iso(sentOn, minutes),
        }),
      ]);
      const answers = personality === 'disengaged' ? random() < 0.2 + (month < 3 ? 0.5 : 0) : random() < 0.75;
      if (answers) {
        const answeredOn = addDays(sentOn, between(0, 6));
        at(answeredOn, () => [
          interaction({
            interactionId: nextId('ANS'),
            kind: 'client_response',
            channel: 'email',
            respondsTo: contactId,
            occurredAt: iso(answeredOn, answeredOn === sentOn ? minutes + between(5, 120) : between(0, 600)),
          }),
        ]);
      }
    }
    if (month % 2 === 0) {
      const meetingOn = day(between(10, 25));
      const missed = personality === 'disengaged' || personality === 'deteriorating' ? random() < 0.6 : random() < 0.1;
      at(meetingOn, () => [
        interaction({ interactionId: nextId('MTG'), kind: missed ? 'meeting_missed' : 'meeting_held', occurredAt: iso(meetingOn, 300) }),
      ]);
    }
    if ((personality === 'partial' || personality === 'deteriorating') && random() < 0.5) {
      const madeOn = day(between(2, 20));
      at(madeOn, () => [
        interaction({
          interactionId: nextId('PTP'),
          kind: 'promise_to_pay',
          amount: `${between(200, 2000)}.00`,
          currency: 'EUR',
          promisedOn: addDays(madeOn, between(3, 21)),
          occurredAt: iso(madeOn, 120),
        }),
      ]);
    }
    if (random() < 0.04)
      at(day(12), () => [interaction({ interactionId: nextId('DMC'), kind: 'decision_maker_changed', occurredAt: iso(day(12), 200) })]);
    if (random() < 0.05)
      at(day(3), () => [interaction({ interactionId: nextId('PUSH'), kind: 'price_pushback', occurredAt: iso(day(3), 45) })]);
    if (month === 3 && index % 3 === 0) {
      // A late-fee change, announced 30 days ahead (the notice rule).
      at(day(2), () => [
        {
          type: 'ChangeAgreement',
          data: {
            clientId,
            agreement: {
              contact,
              timezone,
              responseTimeBusinessDays: 2,
              lateFeePolicy: { fixedFee: '50.00', annualInterestRate: '9.75', graceDays: 3 },
            },
            lateFeePolicyEffectiveFrom: day(2 + 35),
          },
        },
      ]);
    }
    if (options.collections !== false) for (const n of [8, 15, 22, 28]) at(day(n), () => 'collections');
  }

  // Simulate day by day, each day's actions in the order they were planned.
  let account: ClientAccountState = initialState();
  let facts: BehaviourFacts = initialBehaviourFacts();
  let collections: CollectionsProcessState = initialCollectionsState();
  const events: ClientAccountEvent[] = [];
  const record = (decided: readonly ClientAccountEvent[]) => {
    for (const event of decided) {
      account = evolve(account, event);
      facts = evolveBehaviourFacts(facts, event);
      collections = evolveCollectionsState(collections, event);
      events.push(event);
    }
  };
  for (let today = START; today < lastDay; today = addDays(today, 1)) {
    (schedule.get(today) ?? []).forEach((action, position) => {
      const now = instant(today, 60 + position);
      const planned = action(account);
      if (planned === 'collections') {
        const behaviour = computePaymentBehaviour(facts, now);
        const solvency = assessSolvency(facts, now, undefined, behaviour);
        const commands = decideCollections({
          account: { invoices: facts.invoices, payments: facts.payments, collections },
          behaviour: { trend: behaviour.trend },
          solvency: { riskScore: solvency.riskScore, riskLevel: solvency.riskLevel },
          policy: DEFAULT_COLLECTIONS_POLICY,
          now,
        });
        record(decideCollectionsCommands(commands, collections).flatMap((decided) => decided.events));
        return;
      }
      for (const command of planned) {
        try {
          record(decide(command, account, now));
        } catch (error) {
          // A planned step the account no longer allows (reversing a reversed payment, crediting a paid invoice…) is skipped.
          if (!(error instanceof DomainError)) throw error;
        }
      }
    });
  }
  return { clientId, events, end: instant(lastDay, 60) };
};
