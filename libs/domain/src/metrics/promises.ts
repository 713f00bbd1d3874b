import { addDays, localDateOfInstant } from '../shared/dates';
import { toMinor } from '../money/money';
import { type IsoDate } from '../shared/types';
import { type BehaviourFacts, type PaymentFacts, type PromiseFacts } from './facts';

export type PromiseOutcome = 'kept' | 'broken' | 'open';

export interface PromiseCounts {
  kept: number;
  broken: number;
  open: number;
}

/**
 * A PromiseKept / PromiseBroken decision wins. Until one is recorded, payments decide: the promise is
 * kept once the payments received from the day it was made through `promisedOn` + grace add up to its
 * amount (reversed payments do not count), broken once that day has passed without them, open before.
 * Every payment counts towards every promise it falls within, whatever invoice it settled.
 */
export const promiseOutcome = (
  promise: PromiseFacts,
  payments: readonly PaymentFacts[],
  today: IsoDate,
  timezone: string,
  graceDays: number,
): PromiseOutcome => {
  if (promise.outcome) return promise.outcome;
  const from = localDateOfInstant(promise.madeAt, timezone);
  const until = addDays(promise.promisedOn, graceDays);
  const paid = payments
    .filter((payment) => payment.reversedOn === undefined && payment.receivedOn >= from && payment.receivedOn <= until)
    .reduce((total, payment) => total + toMinor(payment.amount), 0n);
  if (paid >= toMinor(promise.amount)) return 'kept';
  return today > until ? 'broken' : 'open';
};

/** Promises due (`promisedOn`) within the last `windowDays`, by outcome; an open promise is always recent. */
export const promiseCounts = (facts: BehaviourFacts, today: IsoDate, windowDays: number, graceDays: number): PromiseCounts => {
  const windowStart = addDays(today, -windowDays);
  return facts.promises
    .filter((promise) => promise.promisedOn > windowStart)
    .map((promise) => promiseOutcome(promise, facts.payments, today, facts.timezone, graceDays))
    .reduce((counts, outcome) => ({ ...counts, [outcome]: counts[outcome] + 1 }), { kept: 0, broken: 0, open: 0 });
};
