import { clientEvent, factsFrom, promiseDecided, promiseMade, registered } from './fixtures/behaviour-events';
import { promiseCounts, promiseOutcome } from './promises';

const TODAY = '2026-06-30';

/** A promise of 50.00 made on 1 June, the payments received, and its outcome today (grace in days). */
const outcomeWith = (promisedOn: string, events: Parameters<typeof factsFrom>, graceDays = 0) => {
  const facts = factsFrom(registered(), promiseMade('pr', '5000', promisedOn, '2026-06-01T10:00:00Z'), ...events);
  return promiseOutcome(facts.promises[0], facts.payments, TODAY, facts.timezone, graceDays);
};
const received = (paymentId: string, receivedOn: string, amount: string) =>
  clientEvent('PaymentReceived', { paymentId, amount, currency: 'EUR', receivedOn });

describe('promises to pay', () => {
  it('is kept when the payments by the promised day add up to the amount', () => {
    expect(outcomeWith('2026-06-15', [received('p1', '2026-06-10', '3000'), received('p2', '2026-06-15', '2000')])).toBe('kept');
  });

  it('is broken once the promised day has passed short of the amount', () => {
    expect(outcomeWith('2026-06-20', [received('p1', '2026-06-18', '4000')])).toBe('broken');
  });

  it('is open until the promised day (plus grace) has passed', () => {
    expect(outcomeWith('2026-07-05', [])).toBe('open');
    expect(outcomeWith('2026-06-28', [], 2)).toBe('open'); // 28 June + 2 = 30 June, today
    expect(outcomeWith('2026-06-20', [received('p1', '2026-06-23', '5000')], 3)).toBe('kept');
  });

  it('does not count payments before the promise was made, or payments reversed since', () => {
    expect(outcomeWith('2026-06-20', [received('p0', '2026-05-31', '5000')])).toBe('broken');
    expect(
      outcomeWith('2026-06-20', [
        received('p1', '2026-06-19', '5000'),
        clientEvent('PaymentReversed', {
          paymentId: 'p1',
          reason: 'bounced',
          reversedOn: '2026-06-22',
          deallocations: [],
          unappliedCreditRemoved: '5000',
        }),
      ]),
    ).toBe('broken');
  });

  it('follows a PromiseKept or PromiseBroken decision over the payments', () => {
    expect(outcomeWith('2026-06-20', [promiseDecided('PromiseKept', 'pr', '2026-06-20', '5000')])).toBe('kept');
    expect(
      outcomeWith('2026-06-20', [received('p1', '2026-06-19', '5000'), promiseDecided('PromiseBroken', 'pr', '2026-06-20', '5000')]),
    ).toBe('broken');
  });

  it('counts kept, broken and open promises due in the last 180 days', () => {
    const facts = factsFrom(
      registered(),
      promiseMade('old', '1000', '2025-12-01', '2025-11-20T10:00:00Z'), // broken, but due 211 days ago: outside the window
      promiseMade('kept-by-payment', '1000', '2026-02-01', '2026-01-20T10:00:00Z'),
      received('p2', '2026-01-31', '1000'),
      promiseMade('kept-by-decision', '2000', '2026-03-01', '2026-02-20T10:00:00Z'),
      promiseDecided('PromiseKept', 'kept-by-decision', '2026-03-01', '2000'),
      promiseMade('broken-1', '3000', '2026-04-01', '2026-03-20T10:00:00Z'),
      promiseMade('broken-2', '3000', '2026-05-01', '2026-04-20T10:00:00Z'),
      promiseDecided('PromiseBroken', 'broken-2', '2026-05-01', '3000'),
      promiseMade('open', '3000', '2026-07-10', '2026-06-25T10:00:00Z'),
    );
    expect(promiseCounts(facts, TODAY, 180, 0)).toEqual({ kept: 2, broken: 2, open: 1 });
  });
});
