import { DateTime } from 'luxon';
import { type BehaviourFacts, type CollectionsProcessState, type ReminderScheduled, remindsOfAnythingOpen } from '@settle/domain';

export interface DeliveryPolicy {
  /** Tries per reminder and transport before it is given up (`ReminderDeliveryFailed`). */
  maxAttempts: number;
  /** Back-off after the n-th failed try: initialMs × 2^(n−1), at most maxMs. */
  backoff: { initialMs: number; maxMs: number };
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { maxAttempts: 6, backoff: { initialMs: 1_000, maxMs: 300_000 } };

/** The tries made so far of one reminder by one transport. */
export interface DeliveryTries {
  /** Failed tries. */
  attempts: number;
  /** When the last one failed (wall clock); set whenever `attempts` > 0. */
  lastFailedAt?: DateTime;
  lastError?: string;
}

export interface DeliveryQuestion {
  reminder: ReminderScheduled['data'];
  tries: DeliveryTries;
  /** The client's case and facts as its stream stands (the stream, not the delivery table, has the last word). */
  subject: { collections: Pick<CollectionsProcessState, 'reminders'>; facts: Pick<BehaviourFacts, 'invoices'> };
  /** An outcome of this reminder by this transport is recorded in the stream. */
  outcomeRecorded: boolean;
  /** The business clock: a reminder is due from its `sendAt`. */
  now: DateTime;
  /** Real time, in which the back-off passes. */
  wallNow: DateTime;
  policy: DeliveryPolicy;
}

export type DeliveryDecision =
  /** Nothing left to do: the stream holds this delivery's outcome, or the reminder was withdrawn. */
  | { kind: 'done'; because: 'outcome_recorded' | 'withdrawn' }
  /** Not due before its send time. */
  | { kind: 'wait'; until: DateTime }
  /** Everything it reminds of was settled before it went out: record `ReminderWithdrawn` instead. */
  | { kind: 'withdraw'; reason: 'nothing_left_open' }
  /** The last try failed and the back-off has not passed: try again then. */
  | { kind: 'retry'; at: DateTime }
  /** Every try failed: record `ReminderDeliveryFailed`. */
  | { kind: 'give_up'; attempts: number; error: string }
  /** Send it now; `attempt` is 1 for the first try. */
  | { kind: 'deliver'; attempt: number };

/**
 * What to do about one reminder and one transport (SPEC 5), before a try and again after a failed
 * one. Pure: the dispatcher loads the stream, asks, and carries out the answer.
 */
export function decideDelivery({ reminder, tries, subject, outcomeRecorded, now, wallNow, policy }: DeliveryQuestion): DeliveryDecision {
  const status = subject.collections.reminders.get(reminder.reminderId)?.status;
  if (status === 'withdrawn') return { kind: 'done', because: 'withdrawn' };
  if (outcomeRecorded) return { kind: 'done', because: 'outcome_recorded' };
  const sendAt = DateTime.fromISO(reminder.sendAt);
  if (now < sendAt) return { kind: 'wait', until: sendAt };
  // Once one transport has delivered it, the reminder is out: the others deliver it too.
  if (status !== 'delivered' && !remindsOfAnythingOpen(subject.facts, reminder.invoiceIds)) {
    return { kind: 'withdraw', reason: 'nothing_left_open' };
  }
  if (tries.attempts >= policy.maxAttempts)
    return { kind: 'give_up', attempts: tries.attempts, error: tries.lastError ?? 'no attempt succeeded' };
  if (tries.attempts > 0 && tries.lastFailedAt) {
    const at = tries.lastFailedAt.plus({ milliseconds: backoffAfter(tries.attempts, policy) });
    if (at > wallNow) return { kind: 'retry', at };
  }
  return { kind: 'deliver', attempt: tries.attempts + 1 };
}

const backoffAfter = (attempts: number, { backoff }: DeliveryPolicy): number =>
  Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempts - 1));
