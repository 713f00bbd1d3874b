import { addDays, localDateOfInstant } from '../shared/dates';
import { toMinor } from '../money/money';
import { type IsoDate } from '../shared/types';
import { type CollectionsPayment } from './input';
import { type OpenPromise } from '../client-account/collections-state';

export interface PromiseStanding {
  outcome: 'open' | 'kept' | 'broken';
  /** Payments received from the day the promise was made through its deadline, reversed ones excluded. */
  paid: bigint;
}

/**
 * A promise is kept as soon as the payments received since it was made reach its amount, or once
 * nothing is outstanding any more (it promised more than was due); it is broken when its deadline
 * (`promisedOn` + grace) has passed without that; open before. Same window as the behaviour
 * figures (metrics/promises.ts), so the case and the views agree.
 */
export const promiseStanding = (
  promise: OpenPromise,
  payments: readonly CollectionsPayment[],
  context: { today: IsoDate; timezone: string; graceDays: number; accountSettled: boolean },
): PromiseStanding => {
  const from = localDateOfInstant(promise.madeAt, context.timezone);
  const deadline = addDays(promise.promisedOn, context.graceDays);
  const paid = payments
    .filter((payment) => payment.reversedOn === undefined && payment.receivedOn >= from && payment.receivedOn <= deadline)
    .reduce((total, payment) => total + toMinor(payment.amount), 0n);
  if (paid >= promise.amount || context.accountSettled) return { outcome: 'kept', paid };
  return { outcome: context.today > deadline ? 'broken' : 'open', paid };
};
