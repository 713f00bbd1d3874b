import { DateTime } from 'luxon';
import { type ClientAccountEvent, type ReminderScheduled } from '@settle/domain';
import { clientEvent, invoiceIssued, paid, registered, subjectOf } from '../testing/subjects';
import { decideDelivery, type DeliveryDecision, type DeliveryPolicy, type DeliveryTries } from './decide-delivery';

const policy: DeliveryPolicy = { maxAttempts: 3, backoff: { initialMs: 1_000, maxMs: 3_000 } };
const sendAt = '2026-03-09T08:00:00.000Z';
const due = DateTime.fromISO('2026-03-09T08:00:00Z', { zone: 'utc' });
const wallNow = DateTime.fromISO('2026-03-09T08:00:10Z', { zone: 'utc' });
const failedAgo = (seconds: number) => wallNow.minus({ seconds });

const reminder: ReminderScheduled['data'] = {
  clientId: 'acme',
  reminderId: 'R-1',
  level: 'reminder',
  channel: 'email',
  to: { name: 'Ada Client', email: 'ada@client.example' },
  invoiceIds: ['INV-1'],
  sendAt,
  message: 'Dear Ada Client, INV-1 is past due.',
};
const scheduled = clientEvent('ReminderScheduled', reminder);
const open = [registered, invoiceIssued('INV-1', '100000', '2026-02-20'), scheduled];
const settled = [...open, ...paid('PAY-1', '2026-03-08', 'INV-1', '100000')];
const deliveredByWebhook = clientEvent('ReminderDelivered', {
  reminderId: 'R-1',
  transport: 'webhook',
  deliveredAt: sendAt,
  attempts: 1,
});
const withdrawn = clientEvent('ReminderWithdrawn', {
  reminderId: 'R-1',
  withdrawnAt: sendAt,
  reason: 'nothing_left_open',
});

interface Case {
  given: { stream: ClientAccountEvent[]; tries?: DeliveryTries; outcomeRecorded?: boolean };
  when?: { now?: DateTime };
  then: DeliveryDecision;
}

/** given the client stream and the tries so far, when the dispatcher asks at `now`, then it decides … */
const cases: Record<string, Case> = {
  'a reminder due now, never tried, is delivered (first attempt)': {
    given: { stream: open },
    then: { kind: 'deliver', attempt: 1 },
  },
  'a reminder before its send time waits for it': {
    given: { stream: open },
    when: { now: due.minus({ minutes: 1 }) },
    then: { kind: 'wait', until: DateTime.fromISO(sendAt) },
  },
  'a reminder whose invoices were all settled before its send time is withdrawn': {
    given: { stream: settled },
    then: { kind: 'withdraw', reason: 'nothing_left_open' },
  },
  'a reminder another transport has delivered goes out by this one too, settled or not': {
    given: { stream: [...settled, deliveredByWebhook] },
    then: { kind: 'deliver', attempt: 1 },
  },
  'a withdrawn reminder is done, whatever its row says': {
    given: { stream: [...settled, withdrawn] },
    then: { kind: 'done', because: 'withdrawn' },
  },
  'a delivery whose outcome is in the stream is done: never sent again (after a replay or a rebuild)': {
    given: { stream: [...open, deliveredByWebhook], outcomeRecorded: true },
    then: { kind: 'done', because: 'outcome_recorded' },
  },
  'a delivery that just failed is retried after the back-off: 1 s after the first failure': {
    given: { stream: open, tries: { attempts: 1, lastFailedAt: wallNow, lastError: 'webhook answered 503' } },
    then: { kind: 'retry', at: wallNow.plus({ seconds: 1 }) },
  },
  'the back-off doubles: 2 s after the second failure': {
    given: { stream: open, tries: { attempts: 2, lastFailedAt: failedAgo(1), lastError: 'webhook answered 503' } },
    then: { kind: 'retry', at: failedAgo(1).plus({ seconds: 2 }) },
  },
  'once the back-off has passed, the next attempt goes out': {
    given: { stream: open, tries: { attempts: 2, lastFailedAt: failedAgo(2), lastError: 'webhook answered 503' } },
    then: { kind: 'deliver', attempt: 3 },
  },
  'after the last attempt it is given up, with the last error': {
    given: { stream: open, tries: { attempts: 3, lastFailedAt: wallNow, lastError: 'webhook answered 500' } },
    then: { kind: 'give_up', attempts: 3, error: 'webhook answered 500' },
  },
  'a reminder settled while its tries failed is withdrawn rather than given up': {
    given: { stream: settled, tries: { attempts: 3, lastFailedAt: wallNow, lastError: 'webhook answered 500' } },
    then: { kind: 'withdraw', reason: 'nothing_left_open' },
  },
};

describe('decideDelivery (what the dispatcher does about one reminder and one transport)', () => {
  it.each(Object.entries(cases))('%s', (_, { given, when, then }) => {
    expect(
      decideDelivery({
        reminder,
        tries: given.tries ?? { attempts: 0 },
        subject: subjectOf(given.stream),
        outcomeRecorded: given.outcomeRecorded ?? false,
        now: when?.now ?? due,
        wallNow,
        policy,
      }),
    ).toEqual(then);
  });

  it('caps the back-off at its maximum', () => {
    const policyWithManyTries = { ...policy, maxAttempts: 10 };
    expect(
      decideDelivery({
        reminder,
        tries: { attempts: 5, lastFailedAt: wallNow, lastError: 'timeout' },
        subject: subjectOf(open),
        outcomeRecorded: false,
        now: due,
        wallNow,
        policy: policyWithManyTries,
      }),
    ).toEqual({ kind: 'retry', at: wallNow.plus({ milliseconds: 3_000 }) });
  });
});

describe('decideDelivery for the letters besides the ladder (the notice of a hand-over, a promise’s confirmation)', () => {
  it.each(['agency', 'promise_confirmation'] as const)(
    'a %s letter is delivered like a reminder, and withdrawn once nothing is open',
    (level) => {
      const letter: ReminderScheduled['data'] = { ...reminder, reminderId: `R-${level}`, level };
      const ask = (stream: ClientAccountEvent[]) =>
        decideDelivery({
          reminder: letter,
          tries: { attempts: 0 },
          subject: subjectOf(stream),
          outcomeRecorded: false,
          now: due,
          wallNow,
          policy,
        });
      const given = [registered, invoiceIssued('INV-1', '100000', '2026-02-20'), clientEvent('ReminderScheduled', letter)];
      expect(ask(given)).toEqual({ kind: 'deliver', attempt: 1 });
      expect(ask([...given, ...paid('PAY-1', '2026-03-08', 'INV-1', '100000')])).toEqual({ kind: 'withdraw', reason: 'nothing_left_open' });
      const withdrawnLetter = clientEvent('ReminderWithdrawn', {
        reminderId: letter.reminderId,
        withdrawnAt: sendAt,
        reason: 'nothing_left_open',
      });
      expect(ask([...given, withdrawnLetter])).toEqual({ kind: 'done', because: 'withdrawn' });
    },
  );
});
