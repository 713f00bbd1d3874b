import { DateTime } from 'luxon';
import { isValidCreditorReference } from '../agreement/payment-instructions';
import { type ClientAccountEvent } from '../client-account/events';
import { type LetterContent } from '../client-account/letter-content';
import { clientEvent, clientRegistered } from '../client-account/testing/client-account-fixtures';
import { foldBehaviourFacts } from '../metrics/evolve-behaviour-facts';
import { initialBehaviourFacts } from '../metrics/facts';
import { type ScheduleReminder } from './commands';
import { letterPreview } from './letter';
import { DEFAULT_COLLECTIONS_POLICY } from './policy';
import { evolveCollectionsState, initialCollectionsState } from './state';
import { runCollections } from './testing/collections-run';

/**
 * given (a client in German, paying by creditor reference per invoice, two invoices) / when (the process
 * decides a step, or a letter is previewed) / then (the letter's figures). INV-1 10,000.00 due Friday
 * 2026-02-20, INV-2 500.00 due 2026-02-27; late fee 40.00, 10.50 % simple interest.
 */
const ZONE = 'Europe/Amsterdam';
const at = (date: string): string => DateTime.fromISO(`${date}T10:00`, { zone: ZONE }).toISO()!;
const GIVEN = [
  clientRegistered({
    agreement: {
      timezone: ZONE,
      language: 'de',
      accountManager: { name: 'Max Manager', email: 'max@ourfirm.example' },
      lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50', compounding: 'simple', graceDays: 0 },
      paymentInstructions: { beneficiary: 'Unsere Firma GmbH', iban: 'DE89 3704 0044 0532 0130 00', reference: 'rf_per_invoice' },
    },
  }),
  clientEvent('InvoiceIssued', { invoiceId: 'INV-1', amount: '1000000', currency: 'EUR', issuedOn: '2026-01-21', dueOn: '2026-02-20' }),
  clientEvent('InvoiceIssued', { invoiceId: 'INV-2', amount: '50000', currency: 'EUR', issuedOn: '2026-01-28', dueOn: '2026-02-27' }),
];

describe('the letter of a collections step', () => {
  // 17 days past due: the call charges INV-1's late fee and interest, and the first reminder goes out, in one run.
  const run = runCollections(GIVEN, { now: at('2026-03-09') });
  const letter = run.commands.find((command): command is ScheduleReminder => command.type === 'ScheduleReminder')!.letter as LetterContent;

  it('lists every overdue invoice with the fees and interest charged in the same run, and totals them', () => {
    expect(letter).toMatchObject({
      level: 'reminder',
      language: 'de',
      date: '2026-03-09',
      currency: 'EUR',
      recipient: { name: 'Ada Client' },
    });
    const [first, second] = letter!.lines;
    expect(first).toMatchObject({
      invoiceId: 'INV-1',
      issuedOn: '2026-01-21',
      dueOn: '2026-02-20',
      principal: '1000000',
      lateFees: '4000',
    });
    expect(BigInt(first.interest)).toBeGreaterThan(0n);
    expect(second).toEqual({
      invoiceId: 'INV-2',
      issuedOn: '2026-01-28',
      dueOn: '2026-02-27',
      principal: '50000',
      lateFees: '0',
      interest: '0',
      total: '50000',
      reference: 'RF20INV2',
    });
    const total = 1_000_000n + 4000n + BigInt(first.interest) + 50_000n;
    expect(letter!.totals).toEqual({ principal: '1050000', lateFees: '4000', interest: first.interest, total: total.toString() });
  });

  it('gives each invoice its creditor reference, and names our contact and the next step with its first day', () => {
    expect(letter!.lines.every((line) => isValidCreditorReference(line.reference!))).toBe(true);
    expect(letter!.payment).toEqual({
      beneficiary: 'Unsere Firma GmbH',
      iban: 'DE89370400440532013000',
      scheme: 'rf_per_invoice',
      reference: letter!.lines.map((line) => line.reference).join(', '),
    });
    expect(letter!.contact).toEqual({ name: 'Max Manager', email: 'max@ourfirm.example' });
    // Seven days after this letter (the ladder reached the firm reminder on 27 Feb already).
    expect(letter!.nextStep).toEqual({ level: 'firm_reminder', on: '2026-03-16' });
  });

  it('previews a final notice: its deadline, the suspension date, and the agency once the ladder reaches it', () => {
    const collections = GIVEN.reduce(evolveCollectionsState, initialCollectionsState());
    const facts = foldBehaviourFacts(initialBehaviourFacts(), GIVEN);
    const preview = letterPreview(
      {
        account: { invoices: facts.invoices, payments: facts.payments, collections },
        behaviour: { trend: { direction: 'stable', slopeDaysPerInvoice: 0, observations: [] } },
        solvency: { riskScore: 10, riskLevel: 'low' },
        policy: DEFAULT_COLLECTIONS_POLICY,
        now: DateTime.fromISO(at('2026-03-09')),
      },
      'final_notice',
      'ru',
    );
    expect(preview).toMatchObject({
      level: 'final_notice',
      language: 'ru',
      paymentDeadline: '2026-03-23',
      suspensionOn: '2026-03-16',
      // 60 days past due of INV-1 comes after the deadline.
      nextStep: { level: 'agency', on: '2026-04-21' },
    });
  });

  it('states a statutory preset with its fixed sum and the rate of the half year, as they are charged', () => {
    // de_b2b: EUR 40 per late invoice, Basiszinssatz 1.27 % on 1 July 2025 + 9 points.
    const given = [
      clientRegistered({ agreement: { timezone: ZONE, lateFeePolicy: { preset: 'de_b2b' } } }),
      clientEvent('InvoiceIssued', { invoiceId: 'INV-1', amount: '1000000', currency: 'EUR', issuedOn: '2025-07-15', dueOn: '2025-08-14' }),
    ];
    const facts = foldBehaviourFacts(initialBehaviourFacts(), given);
    const preview = letterPreview(
      {
        account: {
          invoices: facts.invoices,
          payments: facts.payments,
          collections: given.reduce(evolveCollectionsState, initialCollectionsState()),
        },
        behaviour: { trend: { direction: 'stable', slopeDaysPerInvoice: 0, observations: [] } },
        solvency: { riskScore: 10, riskLevel: 'low' },
        policy: DEFAULT_COLLECTIONS_POLICY,
        now: DateTime.fromISO(at('2025-09-15')),
      },
      'firm_reminder',
    );
    expect(preview!.lateFeePolicy).toEqual({
      preset: 'de_b2b',
      fixedFee: '4000',
      annualInterestRate: '10.27',
      compounding: 'simple',
      graceDays: 0,
    });
  });

  it("writes the preset's figures into the one-line message of the firm reminder as well", () => {
    const given = [
      clientRegistered({ agreement: { timezone: ZONE, lateFeePolicy: { preset: 'de_b2b' } } }),
      clientEvent('InvoiceIssued', { invoiceId: 'INV-1', amount: '1000000', currency: 'EUR', issuedOn: '2025-07-15', dueOn: '2025-08-14' }),
    ];
    // One client-facing step per spacing: run daily until the firm reminder is scheduled.
    let history: ClientAccountEvent[] = given;
    let firm: ScheduleReminder | undefined;
    for (let day = DateTime.fromISO('2025-09-01'); !firm && day < DateTime.fromISO('2025-11-01'); day = day.plus({ days: 1 })) {
      const run = runCollections(history, { now: at(day.toISODate()!) });
      history = run.history;
      firm = run.commands.find(
        (command): command is ScheduleReminder => command.type === 'ScheduleReminder' && command.level === 'firm_reminder',
      );
    }
    expect(firm!.message).toContain(
      'Under the statutory late-payment rules, a late fee of EUR 40.00 per invoice and interest of 10.27% per year',
    );
  });
});
