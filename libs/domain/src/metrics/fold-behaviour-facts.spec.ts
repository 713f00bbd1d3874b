import { type ClientAccountEvent, INTERACTION_KINDS } from '../client-account/events';
import { evolveBehaviourFacts, foldBehaviourFacts } from './evolve-behaviour-facts';
import { type BehaviourFacts, initialBehaviourFacts } from './facts';
import { clientEvent, registered } from './fixtures/behaviour-events';

/**
 * foldBehaviourFacts (a batch at once) against reduce(evolveBehaviourFacts) (one event at a time) on
 * seeded random streams with every event type, ids that exist and ids that do not, in random batches
 * as a projection would apply them — and the facts passed in are never changed.
 */

let seed = 77;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
const pick = <T>(values: readonly T[]): T => values[between(0, values.length - 1)];

const day = (n: number) => `2026-${String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
const at = (n: number) => `${day(n)}T${String(between(8, 18)).padStart(2, '0')}:00:00.000Z`;

/** A stream of `length` events after the registration; about one reference in ten names an id that does not exist. */
const randomStream = (length: number): ClientAccountEvent[] => {
  const invoices: string[] = [];
  const payments: string[] = [];
  const promises: string[] = [];
  const invoice = () => (invoices.length === 0 || random() < 0.1 ? `missing-${between(1, 3)}` : pick(invoices));
  const promise = () => (promises.length === 0 || random() < 0.1 ? 'missing-promise' : pick(promises));
  const amount = () => String(between(1, 50_000));
  const events: ClientAccountEvent[] = [registered({ timezone: 'Europe/Amsterdam' })];
  for (let n = 1; n <= length; n++) {
    const kind = between(0, 15);
    if (kind <= 2 || invoices.length === 0) {
      const invoiceId = `inv-${n}`;
      invoices.push(invoiceId);
      events.push(clientEvent('InvoiceIssued', { invoiceId, amount: amount(), currency: 'EUR', issuedOn: day(n), dueOn: day(n + 30) }));
    } else if (kind === 3 || payments.length === 0) {
      const paymentId = `pay-${n}`;
      payments.push(paymentId);
      events.push(clientEvent('PaymentReceived', { paymentId, amount: amount(), currency: 'EUR', receivedOn: day(n) }));
    } else if (kind === 4) {
      events.push(
        clientEvent(pick(['PaymentAllocated', 'CreditApplied'] as const), {
          paymentId: pick(payments),
          invoiceId: invoice(),
          amount: amount(),
        }),
      );
    } else if (kind === 5) {
      events.push(
        clientEvent('PaymentReversed', {
          paymentId: random() < 0.9 ? pick(payments) : 'missing-payment',
          reason: 'bounced',
          reversedOn: day(n),
          deallocations: Array.from({ length: between(0, 3) }, () => ({ invoiceId: invoice(), amount: amount() })),
          unappliedCreditRemoved: '0',
        }),
      );
    } else if (kind === 6) {
      events.push(clientEvent('CreditNoteIssued', { creditNoteId: `cn-${n}`, invoiceId: invoice(), amount: amount(), issuedOn: day(n) }));
    } else if (kind === 7) {
      events.push(clientEvent('InvoiceWrittenOff', { invoiceId: invoice(), amount: amount(), writtenOffOn: day(n), reason: 'gone' }));
    } else if (kind <= 10) {
      events.push(
        clientEvent('InteractionLogged', {
          interactionId: `i-${n}`,
          kind: pick(INTERACTION_KINDS),
          occurredAt: at(n),
          ...(random() < 0.3 && { expectsResponse: random() < 0.5 }),
        }),
      );
    } else if (kind === 11) {
      promises.push(`ptp-${n}`);
      events.push(clientEvent('PromiseToPayMade', { interactionId: `ptp-${n}`, amount: amount(), promisedOn: day(n + 10), madeAt: at(n) }));
    } else if (kind === 12) {
      const type = pick(['PromiseKept', 'PromiseBroken'] as const);
      events.push(clientEvent(type, { interactionId: promise(), promisedOn: day(n), amount: amount(), paid: '0', decidedAt: at(n) }));
    } else if (kind === 13) {
      events.push(
        random() < 0.5
          ? clientEvent('DisputeRaised', { interactionId: `d-${n}`, invoiceId: invoice(), reason: 'quality', raisedAt: at(n) })
          : clientEvent('DisputeResolved', { interactionId: `r-${n}`, invoiceId: invoice(), outcome: 'rejected', resolvedAt: at(n) }),
      );
    } else if (kind === 14) {
      const agreement = { ...registered().data.agreement, responseTimeBusinessDays: between(1, 3), holidays: [day(n + 5)] };
      events.push(clientEvent('AgreementChanged', { agreement, announcedAt: at(n) }));
    } else {
      events.push(clientEvent('CollectionsEscalated', { level: 'reminder', trigger: 'overdue', figures: {}, decidedAt: at(n) }));
    }
  }
  return events;
};

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

/** Cuts `events` into consecutive batches of random sizes. */
const batches = <T>(events: readonly T[]): T[][] => {
  const result: T[][] = [];
  for (let start = 0; start < events.length;) {
    const size = between(1, 40);
    result.push(events.slice(start, start + size));
    start += size;
  }
  return result;
};

describe('foldBehaviourFacts', () => {
  it('folds a stream to the same facts as evolveBehaviourFacts one event at a time', () => {
    for (let run = 0; run < 60; run++) {
      const events = randomStream(between(0, 300));
      expect(foldBehaviourFacts(initialBehaviourFacts(), events)).toEqual(events.reduce(evolveBehaviourFacts, initialBehaviourFacts()));
    }
  });

  it('folds batch after batch to the same facts, never changing the facts it was given', () => {
    for (let run = 0; run < 40; run++) {
      const events = randomStream(between(50, 300));
      let facts: BehaviourFacts = initialBehaviourFacts();
      for (const batch of batches(events)) {
        const before = deepFreeze(facts);
        const snapshot = structuredClone(before);
        facts = foldBehaviourFacts(before, batch);
        expect(before).toEqual(snapshot);
      }
      expect(facts).toEqual(events.reduce(evolveBehaviourFacts, initialBehaviourFacts()));
    }
  });

  it('keeps the invoices, payments and promises a batch does not touch as the same objects', () => {
    const events = randomStream(200);
    const before = foldBehaviourFacts(initialBehaviourFacts(), events);
    const after = foldBehaviourFacts(before, [
      clientEvent('PaymentReceived', { paymentId: 'late-pay', amount: '100', currency: 'EUR', receivedOn: '2026-12-01' }),
      clientEvent('CreditNoteIssued', {
        creditNoteId: 'cn-x',
        invoiceId: before.invoices[0].invoiceId,
        amount: '1',
        issuedOn: '2026-12-01',
      }),
    ]);
    expect(after.invoices[0]).not.toBe(before.invoices[0]);
    expect(after.invoices.slice(1).every((invoice, index) => invoice === before.invoices[index + 1])).toBe(true);
    expect(after.payments.slice(0, -1).every((payment, index) => payment === before.payments[index])).toBe(true);
    expect(after.promises).toBe(before.promises);
  });

  it('returns the facts themselves when no event changes them, as evolveBehaviourFacts does', () => {
    const facts = foldBehaviourFacts(initialBehaviourFacts(), randomStream(50));
    const noOp = clientEvent('CollectionsEscalated', {
      level: 'reminder',
      trigger: 'overdue',
      figures: {},
      decidedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(foldBehaviourFacts(facts, [noOp, noOp])).toBe(facts);
    expect(evolveBehaviourFacts(facts, noOp)).toBe(facts);
  });

  it('refuses an allocation of a payment it has not seen, like the single-event fold', () => {
    const allocation = clientEvent('PaymentAllocated', { paymentId: 'nowhere', invoiceId: 'inv-1', amount: '1' });
    expect(() => foldBehaviourFacts(initialBehaviourFacts(), [registered(), allocation])).toThrow('Allocation of unknown payment nowhere');
  });
});
