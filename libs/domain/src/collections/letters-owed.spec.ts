import { DateTime } from 'luxon';
import { type ClientAccountEvent } from '../client-account/events';
import { type LetterContent, type PromiseConfirmationContent } from '../client-account/letter-content';
import { clientEvent, clientRegistered } from '../client-account/testing/client-account-fixtures';
import { type ScheduleReminder } from './commands';
import { runCollections } from './testing/collections-run';

/**
 * given (a Dutch client paying by creditor reference, one invoice of 10,000.00 due Friday 2026-02-20) /
 * when (a promise to pay is recorded, or the debt is handed to an agency, and the process runs) /
 * then (the letter it schedules through the outbox, once, with its figures fixed then).
 */
const ZONE = 'Europe/Amsterdam';
const at = (date: string, time = '10:00'): string => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toISO()!;
const GIVEN: ClientAccountEvent[] = [
  clientRegistered({
    agreement: {
      timezone: ZONE,
      language: 'nl',
      accountManager: { name: 'Max Manager', email: 'max@ourfirm.example' },
      paymentInstructions: { beneficiary: 'Onze Firma B.V.', iban: 'NL91 ABNA 0417 1643 00', reference: 'invoice_number' },
    },
  }),
  clientEvent('InvoiceIssued', { invoiceId: 'INV-1', amount: '1000000', currency: 'EUR', issuedOn: '2026-01-21', dueOn: '2026-02-20' }),
];
const promise = (promisedOn: string, madeOn: string) =>
  clientEvent('PromiseToPayMade', { interactionId: 'int-1', amount: '600000', promisedOn, madeAt: at(madeOn, '09:30') });
const handedToAgency = (on: string) =>
  clientEvent('HandedToAgency', { invoiceIds: ['INV-1'], amount: '1000000', decidedAt: at(on, '09:30') });

const lettersOf = (history: readonly ClientAccountEvent[], date: string, time?: string) => {
  const run = runCollections(history, { now: at(date, time) });
  const letters = run.commands.filter((command): command is ScheduleReminder => command.type === 'ScheduleReminder');
  return { run, letters };
};

describe('the letters the process owes besides the ladder', () => {
  it('confirms a promise to pay in the agreed language with what was promised and by when, once', () => {
    const { run, letters } = lettersOf([...GIVEN, promise('2026-03-06', '2026-02-26')], '2026-02-26');
    const confirmations = letters.filter((letter) => letter.level === 'promise_confirmation');
    expect(confirmations).toHaveLength(1);
    const [confirmation] = confirmations;
    expect(confirmation).toMatchObject({
      reminderId: 'reminder:acme:promise_confirmation:int-1:2026-02-26',
      invoiceIds: ['INV-1'],
      to: { name: 'Ada Client' },
    });
    expect(confirmation.message).toContain('your promise to pay EUR 6000.00 by 2026-03-06');
    expect(confirmation.letter).toEqual<PromiseConfirmationContent>({
      level: 'promise_confirmation',
      language: 'nl',
      date: '2026-02-26',
      recipient: { name: 'Ada Client' },
      currency: 'EUR',
      amount: '600000',
      promisedOn: '2026-03-06',
      invoiceIds: ['INV-1'],
      contact: { name: 'Max Manager', email: 'max@ourfirm.example' },
      payment: { beneficiary: 'Onze Firma B.V.', iban: 'NL91ABNA0417164300', scheme: 'invoice_number', reference: 'INV-1' },
    });
    // Recorded as ReminderScheduled with its figures: the next run does not confirm it again.
    expect(run.events.find((event) => event.type === 'ReminderScheduled')?.data).toMatchObject({
      level: 'promise_confirmation',
      letter: confirmation.letter,
    });
    expect(lettersOf(run.history, '2026-02-27').letters).toEqual([]);
  });

  it('does not confirm a promise whose day has passed, nor one kept in the same run', () => {
    const passed = lettersOf([...GIVEN, promise('2026-02-25', '2026-02-24')], '2026-02-26').letters;
    expect(passed.map((letter) => letter.level)).not.toContain('promise_confirmation');
    const paidInFull = [
      ...GIVEN,
      promise('2026-03-06', '2026-02-26'),
      clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '600000', currency: 'EUR', receivedOn: '2026-02-26' }),
    ];
    const { run, letters } = lettersOf(paidInFull, '2026-02-27');
    expect(letters.filter((letter) => letter.level === 'promise_confirmation')).toEqual([]);
    expect(run.commands.some((command) => command.type === 'MarkPromiseKept')).toBe(true);
  });

  it('sends the notice of a hand-over an admin approved, with the letter of the agency step, once', () => {
    const { run, letters } = lettersOf([...GIVEN, handedToAgency('2026-04-21')], '2026-04-21', '11:00');
    const [notice] = letters;
    expect(letters).toHaveLength(1);
    expect(notice).toMatchObject({ level: 'agency', reminderId: 'reminder:acme:agency:INV-1:2026-04-21', invoiceIds: ['INV-1'] });
    expect(notice.message).toContain('we have handed the debt to a collection agency');
    const letter = notice.letter as LetterContent;
    expect(letter).toMatchObject({ level: 'agency', language: 'nl', date: '2026-04-21', currency: 'EUR' });
    expect(letter.lines.map((line) => line.invoiceId)).toEqual(['INV-1']);
    expect(letter.nextStep).toBeUndefined();
    expect(lettersOf(run.history, '2026-04-22').letters).toEqual([]);
  });

  it('does not announce a hand-over recorded long before the notices existed', () => {
    expect(lettersOf([...GIVEN, handedToAgency('2026-03-20')], '2026-04-21').letters).toEqual([]);
  });
});
