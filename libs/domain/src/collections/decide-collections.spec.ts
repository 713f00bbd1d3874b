import { DateTime } from 'luxon';
import { type ClientAccountEvent } from '../client-account/events';
import { normalizeAgreement } from '../agreement/normalize-agreement';
import { CONTACT, clientEvent, clientRegistered } from '../client-account/testing/client-account-fixtures';
import { type EscalateCollections, type ScheduleReminder } from './commands';
import { DEFAULT_COLLECTIONS_POLICY, withAgreedSettings } from './policy';
import { type CollectionsRunOptions, commandTypes, runCollections } from './testing/collections-run';

/**
 * given (a client history) / when (the process runs at a fixed instant, with the behaviour and risk
 * figures given) / then (these commands). Client `acme`, Europe/Amsterdam, Mon–Fri 09:00–17:00,
 * late fee 40.00 and 10.50 % simple interest. INV-1: 10,000.00 due Friday 2026-02-20.
 */
const ZONE = 'Europe/Amsterdam';
const at = (date: string, time = '10:00'): string => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toISO() as string;

const registered = clientRegistered({
  agreement: { timezone: ZONE, lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50', compounding: 'simple', graceDays: 0 } },
});
const invoice = (invoiceId: string, amount: string, dueOn: string) =>
  clientEvent('InvoiceIssued', { invoiceId, amount, currency: 'EUR', issuedOn: '2026-01-21', dueOn });
const paid = (paymentId: string, receivedOn: string, invoiceId: string, amount: string): ClientAccountEvent[] => [
  clientEvent('PaymentReceived', { paymentId, amount, currency: 'EUR', receivedOn }),
  clientEvent('PaymentAllocated', { paymentId, invoiceId, amount }),
];
const promise = (interactionId: string, amount: string, promisedOn: string, madeOn: string) =>
  clientEvent('PromiseToPayMade', { interactionId, amount, promisedOn, madeAt: at(madeOn) });

const pausedUntil = (until: string, pausedOn: string, reason = 'restructuring talks') =>
  clientEvent('CollectionsPaused', { pauseId: 'p-1', until, reason, pausedAt: at(pausedOn) });

const TEN_THOUSAND = '1000000';
const GIVEN = [registered, invoice('INV-1', TEN_THOUSAND, '2026-02-20')];

/**
 * The process's policy for a client who agreed no booking lag (`bookingLagBusinessDays: 0`), so that the ladder's own
 * days decide: the default lag of 2 business days has its own tests below.
 */
const POLICY = { ...DEFAULT_COLLECTIONS_POLICY, bookingLagBusinessDays: 0 };

const when = (history: readonly ClientAccountEvent[], date: string, options: Omit<CollectionsRunOptions, 'now'> & { time?: string } = {}) =>
  runCollections(history, { policy: POLICY, ...options, now: at(date, options.time) });

/** Runs on each date in turn, carrying the history forward; returns the last run. */
const runThrough = (history: readonly ClientAccountEvent[], dates: string[], options: Omit<CollectionsRunOptions, 'now'> = {}) =>
  dates.reduce((run, date) => when(run.history, date, options), { commands: [], events: [], history: [...history] } as ReturnType<
    typeof when
  >);

const ofType = <T extends { type: string }>(commands: readonly { type: string }[], type: T['type']): T[] =>
  commands.filter((command) => command.type === type) as T[];

describe('decideCollections — the ladder (days past due of the oldest undisputed overdue invoice)', () => {
  it('does nothing on the due date, nor on the weekend before the first business day past due', () => {
    expect(when(GIVEN, '2026-02-20').commands).toEqual([]);
    expect(when(GIVEN, '2026-02-21').commands).toEqual([]);
    expect(when(GIVEN, '2026-02-22').commands).toEqual([]);
  });

  it('reminder at 1 business day: a friendly reminder to the single point of contact, by the agreed channel', () => {
    const run = when(GIVEN, '2026-02-23'); // Monday: 3 calendar days, 1 business day past due
    expect(commandTypes(run)).toEqual(['EscalateCollections:reminder', 'ScheduleReminder']);
    const [escalation, reminder] = run.commands as [EscalateCollections, ScheduleReminder];
    expect(escalation).toMatchObject({
      trigger: 'overdue',
      invoiceId: 'INV-1',
      figures: expect.objectContaining({
        daysPastDue: 3,
        businessDaysPastDue: 1,
        thresholdDays: 1,
        thresholdUnit: 'business_days',
        overdueAmount: TEN_THOUSAND,
      }),
      decidedAt: '2026-02-23T09:00:00.000Z',
    });
    expect(reminder).toMatchObject({
      reminderId: 'reminder:acme:reminder:INV-1:2026-02-23',
      level: 'reminder',
      channel: 'email',
      to: { name: 'Ada Client', email: 'ada@acme.test' },
      invoiceIds: ['INV-1'],
      sendAt: '2026-02-23T09:00:00.000Z', // inside business hours: now
    });
    expect(reminder.message).toContain('INV-1 (due 2026-02-20, EUR 10000.00 outstanding)');
  });

  describe('walking up the ladder day by day', () => {
    const reminded = when(GIVEN, '2026-02-23').history;

    it('waits until 7 days past due and 7 days after the reminder, then a firm reminder that states the late-fee policy', () => {
      expect(when(reminded, '2026-02-26').commands).toEqual([]); // 6 days
      expect(when(reminded, '2026-02-27').commands).toEqual([]); // 7 days past due, but the reminder went out 4 days ago
      expect(when(reminded, '2026-03-01').commands).toEqual([]);
      const run = when(reminded, '2026-03-02');
      expect(commandTypes(run)).toEqual(['EscalateCollections:firm_reminder', 'ScheduleReminder']);
      expect(run.commands[0]).toMatchObject({
        figures: expect.objectContaining({ previousClientStep: 'reminder', previousClientStepOn: '2026-02-23', minimumStepSpacingDays: 7 }),
      });
      const { message } = ofType<ScheduleReminder>(run.commands, 'ScheduleReminder')[0];
      expect(message).toContain('remain unpaid despite our reminder of 2026-02-23.');
      expect(message).toContain('a late fee of EUR 40.00 per invoice and interest of 10.50% per year (simple)');
    });

    const firm = when(reminded, '2026-03-02').history;

    it('call at 14 days: a task for the account manager (no client message), the fixed fee and the interest so far', () => {
      expect(when(firm, '2026-03-05').commands).toEqual([]); // 13 days
      const run = when(firm, '2026-03-06');
      expect(commandTypes(run)).toEqual(['EscalateCollections:call', 'ChargeLateFee', 'ChargeLateInterest']);
      expect(run.commands[1]).toMatchObject({ invoiceId: 'INV-1', amount: 4000n, chargedOn: '2026-03-06' });
      // Finished period 21–28 Feb (March is still running): 10000 × 0.105 × 8/365 = 23.0136… → 23.01
      expect(run.commands[2]).toMatchObject({
        periodFrom: '2026-02-21',
        periodTo: '2026-02-28',
        amount: 2301n,
        principal: 1_000_000n,
        annualInterestRate: '10.50',
      });
    });

    const called = when(firm, '2026-03-06').history;

    it('credit_hold at 30 days: stop new work', () => {
      expect(when(called, '2026-03-21').commands).toEqual([]); // 29 days
      const run = when(called, '2026-03-22');
      expect(commandTypes(run)).toEqual(['EscalateCollections:credit_hold', 'PlaceCreditHold']);
      expect(run.commands[1]).toMatchObject({ trigger: 'overdue', reason: expect.stringContaining('INV-1 is 30 days past due') });
    });

    const held = when(called, '2026-03-22').history;

    it('charges each finished month of interest once', () => {
      const run = when(held, '2026-04-01');
      // 21 Feb … 31 Mar = 39 days: 10000 × 0.105 × 39/365 = 112.1917… → 112.19 in all; 23.01 charged → 89.18 for March
      expect(run.commands).toEqual([
        expect.objectContaining({ type: 'ChargeLateInterest', periodFrom: '2026-03-01', periodTo: '2026-03-31', amount: 8918n }),
      ]);
      expect(when(run.history, '2026-04-02').commands).toEqual([]);
    });

    const aprilCharged = when(held, '2026-04-01').history;

    it('final_notice at 45 days: a final demand with the service-suspension date and a payment deadline', () => {
      const run = when(aprilCharged, '2026-04-06');
      expect(commandTypes(run)).toEqual(['EscalateCollections:final_notice', 'ScheduleReminder']);
      const [notice] = ofType<ScheduleReminder>(run.commands, 'ScheduleReminder');
      // finalNoticeDays (14) from the day it reaches the client
      expect(notice.paymentDeadline).toBe('2026-04-20');
      expect(notice.message).toContain('despite our reminders of 2026-02-23 and 2026-03-02. Please pay by 2026-04-20.');
      expect(notice.message).toContain('suspended on 2026-04-13');
    });

    it('agency at 60 days, once the final notice’s deadline passed: proposed to an admin, with the principal and the fees and interest charged on it', () => {
      const run = runThrough(aprilCharged, ['2026-04-06', '2026-04-20', '2026-04-21']);
      expect(commandTypes(run)).toEqual(['ProposeAgencyHandover']);
      // 10,000.00 + 40.00 fee + 23.01 + 89.18 interest
      expect(run.commands[0]).toMatchObject({
        invoiceIds: ['INV-1'],
        amount: 1_000_000n + 4_000n + 2_301n + 8_918n,
        paymentDeadline: '2026-04-20',
      });
      expect(when(run.history, '2026-04-21', { time: '11:00' }).commands).toEqual([]);
      expect(when(run.history, '2026-04-28').commands).toEqual([]); // waiting for the admin
    });

    it('agency handed over at once when the agreement needs no approval', () => {
      const policy = { ...POLICY, agencyRequiresApproval: false };
      const run = runThrough(aprilCharged, ['2026-04-06', '2026-04-20', '2026-04-21'], { policy });
      // The hand-over comes with its notice to the client (SPEC 9).
      expect(commandTypes(run)).toEqual(['EscalateCollections:agency', 'HandToAgency', 'ScheduleReminder']);
      expect(run.commands[1]).toMatchObject({ invoiceIds: ['INV-1'], amount: 1_000_000n + 4_000n + 2_301n + 8_918n });
      expect(run.commands[2]).toMatchObject({ level: 'agency', invoiceIds: ['INV-1'], letter: { level: 'agency' } });
      expect(when(run.history, '2026-04-21', { time: '11:00' }).commands).toEqual([]);
    });

    it('a handover carries the interest charged in the same run', () => {
      const policy = { ...POLICY, agencyRequiresApproval: false };
      // 1 May: the agency step is due and April's interest is charged: 10000 × 0.105 × 30/365 = 86.3013… → 86.30
      const run = runThrough(aprilCharged, ['2026-04-06', '2026-05-01'], { policy });
      expect(commandTypes(run)).toEqual(['EscalateCollections:agency', 'HandToAgency', 'ScheduleReminder', 'ChargeLateInterest']);
      expect(run.commands[3]).toMatchObject({ periodFrom: '2026-04-01', periodTo: '2026-04-30', amount: 8_630n });
      expect(run.commands[1]).toMatchObject({ amount: 1_000_000n + 4_000n + 2_301n + 8_918n + 8_630n });
      expect(run.events.find((event) => event.type === 'HandedToAgency')?.data).toMatchObject({ amount: '1023849' });
    });
  });

  it('a case found late takes the internal rungs at once but starts the client-facing steps at the reminder', () => {
    const run = when(GIVEN, '2026-03-27'); // 35 days, first run ever
    expect(commandTypes(run)).toEqual([
      'EscalateCollections:reminder',
      'ScheduleReminder',
      'EscalateCollections:call',
      'EscalateCollections:credit_hold',
      'PlaceCreditHold',
      'ChargeLateFee',
      'ChargeLateInterest',
    ]);
  });

  it('follows a per-client ladder', () => {
    const policy = { ...POLICY, ladder: { ...POLICY.ladder, reminder: { days: 5, unit: 'calendar_days' as const } } };
    expect(when(GIVEN, '2026-02-24', { policy }).commands).toEqual([]);
    expect(commandTypes(when(GIVEN, '2026-02-25', { policy }))).toEqual(['EscalateCollections:reminder', 'ScheduleReminder']);
  });

  it('by default waits 2 business days after the due date before a client-facing step, so that bank payments are booked first', () => {
    const byDefault = { policy: DEFAULT_COLLECTIONS_POLICY };
    // Given INV-1 due Friday 20 Feb; the weekend is no business day.
    expect(when(GIVEN, '2026-02-22', byDefault).commands).toEqual([]); // Sunday
    expect(when(GIVEN, '2026-02-23', byDefault).commands).toEqual([]); // Monday: 1 business day past due, the ladder's reminder day
    const tuesday = when(GIVEN, '2026-02-24', byDefault); // 2 business days past due
    expect(commandTypes(tuesday)).toEqual(['EscalateCollections:reminder', 'ScheduleReminder']);
    expect(tuesday.commands[0]).toMatchObject({ figures: expect.objectContaining({ businessDaysPastDue: 2, thresholdDays: 1 }) });
    // A payment received on Monday and booked on Tuesday before the run: no reminder at all.
    expect(when([...GIVEN, ...paid('pay-1', '2026-02-23', 'INV-1', TEN_THOUSAND)], '2026-02-24', byDefault).commands).toEqual([]);
  });

  it('counts the default lag in the client’s business days: a holiday in between moves the reminder a day on', () => {
    const withHoliday = clientRegistered({ agreement: { timezone: ZONE, holidays: ['2026-02-23'] } });
    const given = [withHoliday, invoice('INV-1', TEN_THOUSAND, '2026-02-20')]; // due Friday; Monday is a holiday
    const byDefault = { policy: DEFAULT_COLLECTIONS_POLICY };
    expect(when(given, '2026-02-23', byDefault).commands).toEqual([]); // holiday
    expect(when(given, '2026-02-24', byDefault).commands).toEqual([]); // Tuesday: 1 business day past due
    expect(commandTypes(when(given, '2026-02-25', byDefault))).toEqual(['EscalateCollections:reminder', 'ScheduleReminder']);
  });

  it('a lag agreed with the client replaces the default, 0 included', () => {
    const agreedNone = withAgreedSettings(DEFAULT_COLLECTIONS_POLICY, { ...registered.data.agreement, bookingLagBusinessDays: 0 });
    expect(commandTypes(when(GIVEN, '2026-02-23', { policy: agreedNone }))).toEqual(['EscalateCollections:reminder', 'ScheduleReminder']);
    const agreedThree = withAgreedSettings(DEFAULT_COLLECTIONS_POLICY, { ...registered.data.agreement, bookingLagBusinessDays: 3 });
    expect(when(GIVEN, '2026-02-24', { policy: agreedThree }).commands).toEqual([]);
    expect(commandTypes(when(GIVEN, '2026-02-25', { policy: agreedThree }))).toEqual(['EscalateCollections:reminder', 'ScheduleReminder']);
  });
});

describe('decideCollections — client-facing steps in order, each with time to act', () => {
  /** Runs every day from `from` through `through`; the client-facing steps taken, each with its day. */
  const dayByDay = (
    history: readonly ClientAccountEvent[],
    from: string,
    through: string,
    options: Omit<CollectionsRunOptions, 'now'> = {},
  ) => {
    const steps: [string, string][] = [];
    let current = [...history];
    for (let day = from; day <= through; day = DateTime.fromISO(day).plus({ days: 1 }).toISODate()!) {
      const run = when(current, day, options);
      for (const command of run.commands) {
        if (command.type === 'ScheduleReminder') steps.push([command.level, day]);
        if (command.type === 'ProposeAgencyHandover' || command.type === 'HandToAgency') steps.push(['agency', day]);
      }
      current = run.history;
    }
    return { steps, history: current };
  };

  it('a case first seen at 69 days past due gets a reminder only; then one step a week, the agency after the final notice’s deadline', () => {
    const first = when(GIVEN, '2026-04-30'); // Thursday, 69 days past due: the days say agency
    expect(commandTypes(first)).toEqual([
      'EscalateCollections:reminder',
      'ScheduleReminder',
      'EscalateCollections:call',
      'EscalateCollections:credit_hold',
      'PlaceCreditHold',
      'ChargeLateFee',
      'ChargeLateInterest', // February
      'ChargeLateInterest', // March (April is still running)
    ]);
    expect(first.commands[0]).toMatchObject({
      trigger: 'overdue',
      figures: expect.objectContaining({ daysPastDue: 69, levelByDaysPastDue: 'agency', previousClientStep: null }),
    });
    const { steps, history } = dayByDay(first.history, '2026-05-01', '2026-06-05');
    expect(steps).toEqual([
      ['firm_reminder', '2026-05-07'],
      ['final_notice', '2026-05-14'],
      // The final notice asked for payment by 28 May (14 days): the agency only once that day has passed.
      ['agency', '2026-05-29'],
    ]);
    const notice = history.find((event) => event.type === 'ReminderScheduled' && event.data.level === 'final_notice');
    expect(notice?.data).toMatchObject({ paymentDeadline: '2026-05-28' });
    expect(history.filter((event) => event.type === 'AgencyHandoverProposed')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ invoiceIds: ['INV-1'], paymentDeadline: '2026-05-28' }) }),
    ]);
  });

  it('follows the spacing and the deadline agreed with the client', () => {
    const policy = { ...POLICY, minimumStepSpacingDays: 10, finalNoticeDays: 21 };
    const { steps } = dayByDay(GIVEN, '2026-04-30', '2026-06-30', { policy });
    expect(steps).toEqual([
      ['reminder', '2026-04-30'],
      ['firm_reminder', '2026-05-10'], // a Sunday: decided then, sent Monday 09:00
      ['final_notice', '2026-05-21'], // 10 days after the Monday the firm reminder went out
      ['agency', '2026-06-12'], // deadline 11 June
    ]);
  });

  it('a ladder halved by risk takes the case from the call to the final notice, never straight to the agency', () => {
    const high = { solvency: { riskLevel: 'high' as const, riskScore: 64 } };
    const called = runThrough(GIVEN, ['2026-02-23', '2026-03-02', '2026-03-06']);
    expect(called.history.filter((event) => event.type === 'CollectionsEscalated').map((event) => event.data.level)).toEqual([
      'reminder',
      'firm_reminder',
      'call',
    ]);
    // Sunday 22 March, 30 days past due: halved, the days say agency (60 → 30).
    const run = when(called.history, '2026-03-22', high);
    expect(commandTypes(run)).toEqual([
      'EscalateCollections:credit_hold',
      'PlaceCreditHold',
      'EscalateCollections:final_notice',
      'ScheduleReminder',
      'TightenTerms',
    ]);
    expect(run.commands[2]).toMatchObject({ figures: expect.objectContaining({ levelByDaysPastDue: 'agency', ladderFactor: 0.5 }) });
    // Sent Monday 23 March: pay by 6 April; the agency from 7 April.
    expect(ofType<ScheduleReminder>(run.commands, 'ScheduleReminder')[0]).toMatchObject({ paymentDeadline: '2026-04-06' });
    const { steps } = dayByDay(run.history, '2026-03-23', '2026-04-10', high);
    expect(steps).toEqual([['agency', '2026-04-07']]);
  });

  it('a pause that just ended resumes at the first client-facing step not yet taken', () => {
    const history = [...GIVEN, pausedUntil('2026-04-30', '2026-02-21')];
    expect(when(history, '2026-04-30').commands).toEqual([]);
    const resumed = when(history, '2026-05-01'); // Friday, 70 days past due
    expect(ofType<EscalateCollections>(resumed.commands, 'EscalateCollections').map((command) => command.level)).toEqual([
      'reminder',
      'call',
      'credit_hold',
    ]);
    const { steps } = dayByDay(resumed.history, '2026-05-02', '2026-06-01');
    expect(steps).toEqual([
      ['firm_reminder', '2026-05-08'],
      ['final_notice', '2026-05-15'],
      ['agency', '2026-05-30'],
    ]);
  });

  it('a message refers only to the steps really taken', () => {
    const first = when(GIVEN, '2026-04-30');
    const { history } = dayByDay(first.history, '2026-05-01', '2026-05-14');
    const messages = history
      .filter((event) => event.type === 'ReminderScheduled')
      .map((event) => [event.data.level, event.data.message] as const);
    expect(messages.map(([level]) => level)).toEqual(['reminder', 'firm_reminder', 'final_notice']);
    expect(messages[0][1]).toContain('a friendly reminder that invoice(s) INV-1 (due 2026-02-20, EUR 10000.00 outstanding) are past due');
    expect(messages[0][1]).not.toContain('despite');
    expect(messages[1][1]).toContain('remain unpaid despite our reminder of 2026-04-30.');
    expect(messages[2][1]).toContain('seriously overdue despite our reminders of 2026-04-30 and 2026-05-07. Please pay by 2026-05-28.');
  });
});

describe('decideCollections — a late-fee policy change applies only from its effective date', () => {
  const changed = (effectiveFrom: string) =>
    clientEvent('AgreementChanged', {
      agreement: normalizeAgreement(
        {
          contact: CONTACT,
          timezone: ZONE,
          lateFeePolicy: { fixedFee: '60.00', annualInterestRate: '8.00', compounding: 'simple', graceDays: 0 },
        },
        'EUR',
      ),
      announcedAt: at('2026-01-15'),
      lateFeePolicyEffectiveFrom: effectiveFrom,
    });

  it('splits the interest at the change and takes the fee of the day the call step was reached', () => {
    const called = when([...GIVEN, changed('2026-03-01')], '2026-03-06');
    expect(ofType(called.commands, 'ChargeLateFee')).toEqual([expect.objectContaining({ amount: 6000n })]); // new policy in force on 6 Mar
    expect(ofType(called.commands, 'ChargeLateInterest')[0]).toMatchObject({
      periodFrom: '2026-02-21',
      periodTo: '2026-02-28',
      annualInterestRate: '10.50',
      amount: 2301n,
    });
    // March at 8.00 %: 10000 × 0.08 × 31/365 = 67.9452…; running total 23.0137… + 67.9452… = 90.9589… → 90.96; 90.96 − 23.01 = 67.95
    expect(ofType(when(called.history, '2026-04-01').commands, 'ChargeLateInterest')).toEqual([
      expect.objectContaining({ periodFrom: '2026-03-01', periodTo: '2026-03-31', annualInterestRate: '8.00', amount: 6795n }),
    ]);
  });

  it('keeps the old fee before the change takes effect', () => {
    expect(ofType(when([...GIVEN, changed('2026-03-10')], '2026-03-06').commands, 'ChargeLateFee')).toEqual([
      expect.objectContaining({ amount: 4000n }),
    ]);
  });
});

describe('decideCollections — a changed ladder applies from the day it was agreed, never retroactively', () => {
  const agreed = (callDays: number) =>
    normalizeAgreement(
      {
        contact: CONTACT,
        timezone: ZONE,
        lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50', compounding: 'simple', graceDays: 0 },
        collectionsLadder: { call: { days: callDays } },
      },
      'EUR',
    );
  // The call step (when fees and interest start) agreed at 25 days, shortened to 10 days on 10 March (18 days past due).
  const registeredAt25 = clientEvent('ClientRegistered', { ...registered.data, agreement: agreed(25) });
  const shortened = clientEvent('AgreementChanged', { agreement: agreed(10), announcedAt: at('2026-03-10') });
  const policy = withAgreedSettings(POLICY, agreed(10));

  it('an invoice paid before the call step of the ladder then in force is not charged under the shorter ladder agreed later', () => {
    const paidOnDay15 = [
      registeredAt25,
      invoice('INV-1', TEN_THOUSAND, '2026-02-20'),
      ...paid('pay-1', '2026-03-07', 'INV-1', TEN_THOUSAND),
    ];
    expect(when([...paidOnDay15, shortened], '2026-04-15', { policy }).commands).toEqual([]);
    // Agreed at 10 days from the start, the same history is charged (call reached on 2 March, paid on 7 March).
    const from10 = [clientEvent('ClientRegistered', { ...registered.data, agreement: agreed(10) }), ...paidOnDay15.slice(1)];
    expect(commandTypes(when(from10, '2026-04-15', { policy }))).toEqual(['ChargeLateFee', 'ChargeLateInterest', 'ChargeLateInterest']);
  });

  it('an unpaid invoice reaches the call step on the day the shorter ladder was agreed, and takes the fee in force that day', () => {
    // A fee of 60.00 in force from 5 March: by the new ladder's days the call step was 2 March (40.00), but that ladder applies from 10 March.
    const dearer = clientEvent('AgreementChanged', {
      agreement: { ...agreed(25), lateFeePolicy: { fixedFee: '6000', annualInterestRate: '10.50', compounding: 'simple', graceDays: 0 } },
      announcedAt: at('2026-01-15'),
      lateFeePolicyEffectiveFrom: '2026-03-05',
    });
    const unpaid = [registeredAt25, invoice('INV-1', TEN_THOUSAND, '2026-02-20'), dearer, shortened];
    expect(ofType(when(unpaid, '2026-04-15', { policy }).commands, 'ChargeLateFee')).toEqual([expect.objectContaining({ amount: 6000n })]);
  });
});

describe('decideCollections — trend and risk act before the ladder would', () => {
  it('risk medium and a deteriorating trend → account_review, with the figures behind it; not again within the interval', () => {
    // Nothing overdue: the trend alone is the early warning.
    const run = when([registered], '2026-02-19', {
      solvency: { riskLevel: 'medium', riskScore: 38 },
      trend: { direction: 'deteriorating', slopeDaysPerInvoice: 4.5 },
    });
    expect(run.commands).toEqual([
      expect.objectContaining({
        type: 'EscalateCollections',
        level: 'account_review',
        trigger: 'trend',
        figures: { riskLevel: 'medium', riskScore: 38, trend: 'deteriorating', slopeDaysPerInvoice: 4.5, observations: 0 },
      }),
    ]);
    const again = { solvency: { riskLevel: 'medium' as const }, trend: { direction: 'deteriorating' as const } };
    expect(when(run.history, '2026-05-19', again).commands).toEqual([]); // 89 days later
    expect(commandTypes(when(run.history, '2026-05-20', again))).toEqual(['EscalateCollections:account_review']);
  });

  it('a deteriorating trend at low risk, or medium risk without one, is no review', () => {
    expect(when(GIVEN, '2026-02-19', { trend: { direction: 'deteriorating' } }).commands).toEqual([]);
    expect(when(GIVEN, '2026-02-19', { solvency: { riskLevel: 'medium' } }).commands).toEqual([]);
  });

  it('risk high → terms tightened (due on receipt) and the ladder thresholds halved at once; the client-facing steps keep their order', () => {
    // 4 days past due: the firm reminder's 7 days halved to 3.5 → reached on day 4, but no reminder was sent yet.
    const run = when(GIVEN, '2026-02-24', { solvency: { riskLevel: 'high', riskScore: 61 } });
    expect(commandTypes(run)).toEqual(['EscalateCollections:reminder', 'ScheduleReminder', 'TightenTerms']);
    expect(run.commands[0]).toMatchObject({
      figures: expect.objectContaining({ daysPastDue: 4, ladderFactor: 0.5, levelByDaysPastDue: 'firm_reminder' }),
    });
    expect(run.commands[2]).toMatchObject({ paymentTerms: { type: 'due_on_receipt' }, ladderFactor: 0.5, trigger: 'risk' });
    // Halved until the terms are renegotiated: the call (14 → 7 days) comes on 27 Feb, even with the risk back to low.
    // Its interest period (21 Feb … end of month) is still running, so only the fee is charged.
    expect(commandTypes(when(run.history, '2026-02-27'))).toEqual(['EscalateCollections:call', 'ChargeLateFee']);
    // The firm reminder a week after the reminder.
    const called = when(run.history, '2026-02-27');
    const march = when(called.history, '2026-03-02');
    expect(commandTypes(march)).toEqual(['ChargeLateInterest']); // February's interest, now a finished period
    expect(commandTypes(when(march.history, '2026-03-03'))).toEqual(['EscalateCollections:firm_reminder', 'ScheduleReminder']);
  });

  it('risk critical → credit hold at once, whatever the days past due', () => {
    const run = when(GIVEN, '2026-02-10', { solvency: { riskLevel: 'critical', riskScore: 82 } }); // nothing overdue yet
    expect(commandTypes(run)).toEqual(['TightenTerms', 'PlaceCreditHold']);
    expect(run.commands[1]).toMatchObject({ trigger: 'risk', reason: expect.stringContaining('risk critical (score 82') });
    expect(when(run.history, '2026-02-11', { solvency: { riskLevel: 'critical' } }).commands).toEqual([]);
  });
});

describe('decideCollections — pauses', () => {
  it('an open dispute takes only its invoice out of the ladder and out of charging', () => {
    const history = [
      ...GIVEN,
      invoice('INV-2', '50000', '2026-03-02'),
      clientEvent('DisputeRaised', {
        interactionId: 'int-1',
        invoiceId: 'INV-1',
        reason: 'work not delivered',
        raisedAt: at('2026-02-21'),
      }),
    ];
    // INV-1 is 14 days past due but disputed; INV-2 (due Monday 2 Mar) is 4 business days past due.
    const run = when(history, '2026-03-06');
    expect(commandTypes(run)).toEqual(['EscalateCollections:reminder', 'ScheduleReminder']);
    expect(run.commands[0]).toMatchObject({ invoiceId: 'INV-2', figures: expect.objectContaining({ daysPastDue: 4 }) });
    expect(run.commands[1]).toMatchObject({ invoiceIds: ['INV-2'] });

    // Rejected: INV-1 is back, 17 days past due → call, with its fee and interest.
    const rejected = clientEvent('DisputeResolved', {
      interactionId: 'int-2',
      invoiceId: 'INV-1',
      outcome: 'rejected',
      resolvedAt: at('2026-03-09'),
    });
    const after = when([...run.history, rejected], '2026-03-09');
    expect(commandTypes(after)).toEqual(['EscalateCollections:call', 'ChargeLateFee', 'ChargeLateInterest']);
    expect(after.commands[0]).toMatchObject({ invoiceId: 'INV-1' });
  });

  it('a dispute upheld with a credit waives the interest the credited part earned since the dispute was raised', () => {
    const history = [
      ...GIVEN,
      clientEvent('DisputeRaised', { interactionId: 'int-1', invoiceId: 'INV-1', reason: 'partly delivered', raisedAt: at('2026-02-25') }),
      clientEvent('DisputeResolved', {
        interactionId: 'int-2',
        invoiceId: 'INV-1',
        outcome: 'upheld',
        creditAmount: '400000',
        resolvedAt: at('2026-03-16'),
      }),
      clientEvent('CreditNoteIssued', { creditNoteId: 'int-2-credit', invoiceId: 'INV-1', amount: '400000', issuedOn: '2026-03-16' }),
    ];
    const run = when(history, '2026-04-01');
    // Charged on the whole 10,000.00 through 15 March (the credit reduces it from 16 March); the 4,000.00 credited earned,
    // from 25 February through 15 March, C(15 Mar) − C(24 Feb) on the running total since 21 Feb:
    // 4000 × 0.105 × 23/365 = 26.4657… → 26.47, less 4000 × 0.105 × 4/365 = 4.6027… → 4.60: 21.87.
    expect(ofType(run.commands, 'WaiveCharges')).toEqual([
      expect.objectContaining({ invoiceId: 'INV-1', waiverId: 'collections:dispute-credit:int-2', lateFee: 0n, interest: 2_187n }),
    ]);
    expect(run.events.filter((event) => event.type === 'LateInterestWaived').map((event) => event.data)).toEqual([
      expect.objectContaining({
        amount: '2187',
        reason:
          'dispute upheld with a credit of EUR 4000.00 on 2026-03-16: the interest accrued on the credited part since the dispute was raised on 2026-02-25',
      }),
    ]);
    expect(ofType(when(run.history, '2026-05-01').commands, 'WaiveCharges')).toEqual([]);
  });

  it('an open promise to pay pauses escalation until promisedOn + grace', () => {
    // The run on the day of the promise schedules its confirmation (see 'letters the process owes').
    const history = when(
      [...when(GIVEN, '2026-02-23').history, promise('int-1', TEN_THOUSAND, '2026-03-02', '2026-02-24')],
      '2026-02-24',
    ).history;
    expect(when(history, '2026-02-27').commands).toEqual([]); // firm reminder due, but promised
    expect(when(history, '2026-03-02').commands).toEqual([]); // the promised day itself
  });

  it('a promise is kept once the payments since it was made reach its amount, and the ladder resumes', () => {
    const history = [
      ...when(GIVEN, '2026-02-23').history,
      promise('int-1', '400000', '2026-03-02', '2026-02-24'),
      ...paid('pay-1', '2026-02-26', 'INV-1', '400000'),
    ];
    const run = when(history, '2026-02-27'); // kept early; 6,000.00 still 7 days overdue, 4 days after the reminder
    expect(commandTypes(run)).toEqual(['MarkPromiseKept']);
    expect(run.commands[0]).toMatchObject({ interactionId: 'int-1', amount: 400_000n, paid: 400_000n });
    const resumed = when(run.history, '2026-03-02');
    expect(commandTypes(resumed)).toEqual(['EscalateCollections:firm_reminder', 'ScheduleReminder']);
    expect(resumed.commands[0]).toMatchObject({ figures: expect.objectContaining({ overdueAmount: '600000' }) });
  });

  // The firm reminder agreed at 12 days, so that only the broken promise can explain it on 2 March (10 days).
  const patient = {
    policy: { ...POLICY, ladder: { ...POLICY.ladder, firm_reminder: { days: 12, unit: 'calendar_days' as const } } },
  };

  it('a broken promise owes the next client-facing step, taken once the spacing allows', () => {
    const confirmed = when(
      [...when(GIVEN, '2026-02-23', patient).history, promise('int-1', TEN_THOUSAND, '2026-02-24', '2026-02-23')],
      '2026-02-23',
      {
        ...patient,
        time: '11:00',
      },
    ).history;
    const history = [...confirmed, ...paid('pay-1', '2026-02-24', 'INV-1', '100000')];
    expect(when(history, '2026-02-24', patient).commands).toEqual([]);
    // 25 Feb: the deadline has passed with 1,000.00 of 10,000.00 paid; the reminder went out 2 days ago.
    const broken = when(history, '2026-02-25', patient);
    expect(commandTypes(broken)).toEqual(['MarkPromiseBroken']);
    expect(broken.commands[0]).toMatchObject({ amount: 1_000_000n, paid: 100_000n, promisedOn: '2026-02-24' });
    expect(when(broken.history, '2026-03-01', patient).commands).toEqual([]);
    // 2 Mar, a week after the reminder: 10 days past due is still `reminder` by the days; the broken promise owes the firm reminder.
    const run = when(broken.history, '2026-03-02', patient);
    expect(commandTypes(run)).toEqual(['EscalateCollections:firm_reminder', 'ScheduleReminder']);
    expect(run.commands[0]).toMatchObject({
      trigger: 'promise_broken',
      figures: expect.objectContaining({ levelByDaysPastDue: 'reminder', previousLevel: 'reminder', promiseBroken: true }),
    });
    expect(when(run.history, '2026-03-03', patient).commands).toEqual([]);
  });

  it('the step owed by a broken promise waits for a manual pause to end, and for the spacing', () => {
    const history = [
      ...when(GIVEN, '2026-02-23', patient).history,
      promise('int-1', TEN_THOUSAND, '2026-02-24', '2026-02-23'),
      clientEvent('CollectionsPaused', { pauseId: 'p-1', until: '2026-02-25', reason: 'CFO on holiday', pausedAt: at('2026-02-23') }),
    ];
    const broken = when(history, '2026-02-25', patient);
    expect(commandTypes(broken)).toEqual(['MarkPromiseBroken']);
    // 26 Feb, pause over, but the reminder went out 3 days ago.
    expect(when(broken.history, '2026-02-26', patient).commands).toEqual([]);
    expect(when(broken.history, '2026-03-02', patient).commands[0]).toMatchObject({ level: 'firm_reminder', trigger: 'promise_broken' });
  });

  it('a manual pause stops everything through its last day; a resume ends it early', () => {
    const history = [...GIVEN, pausedUntil('2026-03-09', '2026-02-22')];
    expect(when(history, '2026-03-09', { solvency: { riskLevel: 'critical' } }).commands).toEqual([]);
    // 18 days past due when the pause ends: the call at once, the client-facing steps from the reminder on.
    expect(commandTypes(when(history, '2026-03-10'))).toEqual([
      'EscalateCollections:reminder',
      'ScheduleReminder',
      'EscalateCollections:call',
      'ChargeLateFee',
      'ChargeLateInterest',
    ]);
    const resumed = clientEvent('CollectionsResumed', { resumedAt: at('2026-02-24') });
    expect(commandTypes(when([...history, resumed], '2026-02-24'))).toEqual(['EscalateCollections:reminder', 'ScheduleReminder']);
  });

  it('a manual pause covers its last day (`until` is inclusive)', () => {
    const pause = clientEvent('CollectionsPaused', { pauseId: 'p-1', until: '2026-03-10', reason: 'talks', pausedAt: at('2026-02-22') });
    expect(when([...GIVEN, pause], '2026-03-10', { solvency: { riskLevel: 'critical' } }).commands).toEqual([]);
    expect(when([...GIVEN, pause], '2026-03-11').commands).not.toEqual([]);
  });
});

describe('decideCollections — reminders only inside the client’s business hours', () => {
  const dueThursday = [registered, invoice('INV-1', TEN_THOUSAND, '2026-03-05')]; // 1 business day: Friday 6 March

  it('one decided on Saturday 08:00 Amsterdam is sent Monday 09:00 local', () => {
    const run = when(dueThursday, '2026-03-07', { time: '08:00' });
    const [reminder] = ofType<ScheduleReminder>(run.commands, 'ScheduleReminder');
    expect(reminder.sendAt).toBe('2026-03-09T08:00:00.000Z');
    expect(DateTime.fromISO(reminder.sendAt).setZone(ZONE).toFormat('cccc HH:mm')).toBe('Monday 09:00');
  });

  it('one decided after hours goes out at the next opening, skipping holidays', () => {
    const withHoliday = clientRegistered({ agreement: { timezone: ZONE, holidays: ['2026-03-09'] } });
    const run = when([withHoliday, invoice('INV-1', TEN_THOUSAND, '2026-03-05')], '2026-03-06', { time: '17:30' });
    expect(ofType<ScheduleReminder>(run.commands, 'ScheduleReminder')[0].sendAt).toBe('2026-03-10T08:00:00.000Z');
  });
});

describe('decideCollections — facts booked late correct earlier decisions', () => {
  // The firm reminder agreed at 12 days, so that only a broken promise explains it on 2 March (10 days).
  const patient = {
    policy: { ...POLICY, ladder: { ...POLICY.ladder, firm_reminder: { days: 12, unit: 'calendar_days' as const } } },
  };
  const withPromiseBroken = runThrough(
    [
      ...when(GIVEN, '2026-02-23', patient).history,
      promise('int-1', '500000', '2026-02-24', '2026-02-23'),
      ...paid('pay-1', '2026-02-24', 'INV-1', '100000'),
    ],
    ['2026-02-25', '2026-03-02'],
    patient,
  ).history;

  it('a payment received in time but booked after the promise was marked broken: kept after all, the owed step withdrawn, the case set back', () => {
    expect(withPromiseBroken.filter((event) => event.type === 'PromiseBroken')).toHaveLength(1);
    const booked = [...withPromiseBroken, ...paid('pay-2', '2026-02-24', 'INV-1', '400000')]; // received 24 Feb, booked 3 Mar
    const run = when(booked, '2026-03-03', patient);
    expect(commandTypes(run)).toEqual(['MarkPromiseKept', 'CorrectCollectionsLevel', 'WithdrawReminder']);
    expect(run.events.map((event) => event.type)).toEqual(['PromiseKept', 'CollectionsLevelCorrected', 'ReminderWithdrawn']);
    expect(run.events[0].data).toMatchObject({
      interactionId: 'int-1',
      paid: '500000',
      supersedes: 'PromiseBroken',
      reason: expect.stringContaining(
        'come to EUR 5000.00, at least the EUR 5000.00 promised: booked after the promise was marked broken on 2026-02-25',
      ),
    });
    expect(run.events[1].data).toMatchObject({
      previousLevel: 'firm_reminder',
      level: 'reminder',
      reason: 'promise_kept',
      withdrawnSteps: [
        { level: 'firm_reminder', at: '2026-03-02T09:00:00.000Z', explanation: expect.stringContaining('owed by a broken promise') },
      ],
    });
    expect(run.events[2].data).toMatchObject({ reminderId: 'reminder:acme:firm_reminder:INV-1:2026-03-02', reason: 'step_corrected' });
    // The next runs start from the corrected case: nothing twice, and the firm reminder only when the days reach it (12 days: 4 March).
    expect(when(run.history, '2026-03-03', { ...patient, time: '11:00' }).commands).toEqual([]);
    const byDays = when(run.history, '2026-03-04', patient);
    expect(commandTypes(byDays)).toEqual(['EscalateCollections:firm_reminder', 'ScheduleReminder']);
    expect(byDays.commands[0]).toMatchObject({ trigger: 'overdue', figures: expect.objectContaining({ overdueAmount: '500000' }) });
  });

  it('a payment received by the due date but booked after the reminder: the reminder withdrawn, the case back to none, nothing again', () => {
    const reminded = when(GIVEN, '2026-02-23').history;
    const run = when([...reminded, ...paid('pay-1', '2026-02-20', 'INV-1', TEN_THOUSAND)], '2026-02-24');
    expect(commandTypes(run)).toEqual(['CorrectCollectionsLevel', 'WithdrawReminder']);
    expect(run.events[0].data).toMatchObject({
      previousLevel: 'reminder',
      level: 'none',
      reason: 'not_overdue',
      withdrawnSteps: [
        { level: 'reminder', explanation: 'on 2026-02-23 nothing was past due, by the payments as received (booked later)' },
      ],
    });
    expect(when(run.history, '2026-02-25').commands).toEqual([]);
    expect(when(run.history, '2026-03-25').commands).toEqual([]);
  });

  it('a payment received after the step corrects nothing: the case is resolved as usual', () => {
    const reminded = when(GIVEN, '2026-02-23').history;
    expect(commandTypes(when([...reminded, ...paid('pay-1', '2026-02-24', 'INV-1', TEN_THOUSAND)], '2026-02-25'))).toEqual([
      'ResolveCollections',
    ]);
  });

  it('a fee and interest charged on an invoice paid before the call step, by a payment booked later, are waived with the reason', () => {
    const called = runThrough(GIVEN, ['2026-02-23', '2026-03-02', '2026-03-06']).history;
    const run = when([...called, ...paid('pay-1', '2026-03-05', 'INV-1', TEN_THOUSAND)], '2026-03-09');
    expect(commandTypes(run)).toEqual(['CorrectCollectionsLevel', 'WaiveCharges', 'ResolveCollections']);
    expect(run.events[0].data).toMatchObject({ previousLevel: 'call', level: 'firm_reminder', withdrawnSteps: [{ level: 'call' }] });
    const waived = run.events.filter((event) => event.type === 'LateFeeWaived' || event.type === 'LateInterestWaived');
    expect(waived.map((event) => [event.type, event.data.amount])).toEqual([
      ['LateFeeWaived', '4000'],
      ['LateInterestWaived', '2301'],
    ]);
    expect(waived[0].data).toMatchObject({
      reason: 'charged on an invoice settled on 2026-03-05, before the call step of 2026-03-06, by a payment booked later',
    });
    expect(when(run.history, '2026-03-10').commands).toEqual([]);
  });

  it('interest charged on principal a payment booked later had already paid is waived, to the cent, once', () => {
    const marchCharged = runThrough(GIVEN, ['2026-02-23', '2026-03-02', '2026-03-06', '2026-03-22', '2026-04-01']).history;
    // 5,000.00 received on 10 March, booked on 2 April, after March was charged on the whole 10,000.00.
    const run = when([...marchCharged, ...paid('pay-1', '2026-03-10', 'INV-1', '500000')], '2026-04-02');
    // Charged 21 Feb … 31 Mar: 23.01 + 89.18 = 112.19. Due: 10000 × 0.105 × 17/365 + 5000 × 0.105 × 22/365 = 80.5479… → 80.55.
    expect(ofType(run.commands, 'WaiveCharges')).toEqual([
      expect.objectContaining({
        invoiceId: 'INV-1',
        lateFee: 0n,
        interest: 3_164n,
        reason:
          'interest charged through 2026-03-31 on principal already paid, by payments booked later: EUR 112.19 charged, EUR 80.55 due on the principal as paid',
      }),
    ]);
    expect(commandTypes(run)).toEqual(['WaiveCharges']);
    expect(when(run.history, '2026-04-03').commands).toEqual([]);
    // April is charged on the principal as paid, and nothing more is waived.
    const may = when(run.history, '2026-05-01').commands.filter(
      (command) => command.type === 'ChargeLateInterest' || command.type === 'WaiveCharges',
    );
    expect(may).toEqual([
      expect.objectContaining({ type: 'ChargeLateInterest', periodFrom: '2026-04-01', periodTo: '2026-04-30', principal: 500_000n }),
    ]);
  });

  it('interest overcharged but already paid is set against the interest charged next', () => {
    const marchCharged = runThrough(GIVEN, ['2026-02-23', '2026-03-02', '2026-03-06', '2026-03-22', '2026-04-01']).history;
    const feesPaid = [
      clientEvent('PaymentReceived', { paymentId: 'pay-0', amount: '15219', currency: 'EUR', receivedOn: '2026-04-01' }),
      clientEvent('FeesSettled', { paymentId: 'pay-0', invoiceId: 'INV-1', lateFee: '4000', interest: '11219', settledOn: '2026-04-01' }),
    ];
    const run = when([...marchCharged, ...feesPaid, ...paid('pay-1', '2026-03-10', 'INV-1', '500000')], '2026-04-02');
    expect(run.events.filter((event) => event.type === 'LateInterestWaived')).toEqual([]); // nothing outstanding to waive
    // May: April's 43.15 is charged, and the 31.64 overcharged in March is waived from it.
    const may = when(run.history, '2026-05-01');
    expect(
      may.events
        .filter((event) => event.type === 'LateInterestCharged' || event.type === 'LateInterestWaived')
        .map((event) => [event.type, event.data.amount]),
    ).toEqual([
      ['LateInterestCharged', '4315'],
      ['LateInterestWaived', '3164'],
    ]);
    expect(when(may.history, '2026-05-01', { time: '11:00' }).events).toEqual([]);
  });
});

describe('decideCollections — resolution and hold release', () => {
  const held = runThrough(GIVEN, ['2026-02-23', '2026-02-27', '2026-03-06', '2026-03-22']).history;

  it('a fully paid account is resolved, the last interest is charged and the hold released', () => {
    const run = when([...held, ...paid('pay-1', '2026-03-25', 'INV-1', TEN_THOUSAND)], '2026-03-26');
    expect(commandTypes(run)).toEqual(['ChargeLateInterest', 'ResolveCollections', 'ReleaseCreditHold']);
    // Interest stops the day it is paid: 21 Feb … 24 Mar = 32 days: 10000 × 0.105 × 32/365 = 92.0547… → 92.05; 23.01 charged → 69.04
    expect(run.commands[0]).toMatchObject({ periodFrom: '2026-03-01', periodTo: '2026-03-24', amount: 6_904n });
    expect(run.commands[2]).toMatchObject({ reason: 'collections resolved: the account is fully paid' });
    expect(when(run.history, '2026-03-27').commands).toEqual([]);
  });

  it('a case closes once nothing is overdue, though a newer invoice is not due yet; its next late invoice starts at the first rung', () => {
    const reminded = runThrough([...GIVEN, invoice('INV-2', TEN_THOUSAND, '2026-03-20')], ['2026-02-23']);
    expect(commandTypes(reminded)).toEqual(['EscalateCollections:reminder', 'ScheduleReminder']);
    const run = when([...reminded.history, ...paid('pay-1', '2026-02-25', 'INV-1', TEN_THOUSAND)], '2026-02-26');
    expect(commandTypes(run)).toEqual(['ResolveCollections']);
    // INV-2 (due Friday 20 Mar) reaches the first rung on the next business day, Monday 23 Mar.
    const next = runThrough(run.history, ['2026-03-20', '2026-03-23']);
    expect(commandTypes(next)).toEqual(['EscalateCollections:reminder', 'ScheduleReminder']);
    expect(next.commands[0]).toMatchObject({ invoiceId: 'INV-2', figures: { previousLevel: 'none' } });
  });

  it('fees and interest stay claimable: an invoice paid past the call step is still charged', () => {
    const history = [...GIVEN, ...paid('pay-1', '2026-03-10', 'INV-1', TEN_THOUSAND)];
    const run = when(history, '2026-04-15'); // first run ever, long after payment 18 days late
    // 21 Feb … 9 Mar = 17 days: 10000 × 0.105 × 17/365 = 48.9041… → 28 Feb: 23.01, then 48.90 − 23.01 = 25.89
    expect(run.commands).toEqual([
      expect.objectContaining({ type: 'ChargeLateFee', amount: 4000n }),
      expect.objectContaining({ type: 'ChargeLateInterest', periodFrom: '2026-02-21', periodTo: '2026-02-28', amount: 2301n }),
      expect.objectContaining({ type: 'ChargeLateInterest', periodFrom: '2026-03-01', periodTo: '2026-03-09', amount: 2589n }),
    ]);
  });

  it('an invoice paid before the call step is not charged', () => {
    expect(when([...GIVEN, ...paid('pay-1', '2026-03-05', 'INV-1', TEN_THOUSAND)], '2026-04-15').commands).toEqual([]);
  });

  describe('a hold the risk placed', () => {
    const riskHeld = when(GIVEN, '2026-02-10', { solvency: { riskLevel: 'critical' } }).history; // placed 10 Feb
    const belowHigh = (from: string, days: number, exceptOn?: string) =>
      Array.from({ length: days }, (_, index) => DateTime.fromISO(from).plus({ days: index }).toISODate() as string).map((on) => ({
        on,
        riskLevel: on === exceptOn ? ('high' as const) : ('medium' as const),
      }));
    const paidUp = [...riskHeld, ...paid('pay-1', '2026-02-19', 'INV-1', TEN_THOUSAND)];

    it('is released only after 30 days below high (no flapping)', () => {
      const history = belowHigh('2026-02-11', 30); // 11 Feb … 12 Mar
      expect(when(paidUp, '2026-03-12', { solvency: { riskLevel: 'medium', dailyRiskLevels: history } }).commands).toEqual([]);
      const run = when(paidUp, '2026-03-13', { solvency: { riskLevel: 'medium', dailyRiskLevels: history } });
      expect(run.commands).toEqual([
        expect.objectContaining({ type: 'ReleaseCreditHold', reason: 'risk below high for 30 days (now medium)' }),
      ]);
    });

    it('stays while any of those days was high, or the history is missing', () => {
      expect(
        when(paidUp, '2026-03-13', { solvency: { riskLevel: 'medium', dailyRiskLevels: belowHigh('2026-02-11', 30, '2026-03-01') } })
          .commands,
      ).toEqual([]);
      expect(when(paidUp, '2026-03-13', { solvency: { riskLevel: 'low' } }).commands).toEqual([]);
    });

    it('survives the resolution of an overdue case', () => {
      const escalated = when(riskHeld, '2026-02-23', { solvency: { riskLevel: 'high' } });
      const run = when([...escalated.history, ...paid('pay-1', '2026-02-24', 'INV-1', TEN_THOUSAND)], '2026-02-25', {
        solvency: { riskLevel: 'medium' },
      });
      expect(commandTypes(run)).toEqual(['ResolveCollections']);
    });
  });
});

describe('decideCollections — idempotency', () => {
  it('deciding twice for the same instant yields nothing new once the events are folded', () => {
    const options = { solvency: { riskLevel: 'critical' as const, riskScore: 80 } };
    const first = when(GIVEN, '2026-04-21', options); // everything at once: agency, fees, interest, risk
    expect(first.events.length).toBe(first.commands.length);
    expect(when(first.history, '2026-04-21', options).commands).toEqual([]);
    expect(when(first.history, '2026-04-21', { ...options, time: '15:00' }).commands).toEqual([]);
  });

  it('decides the same commands, with the same ids, when run twice on the same history', () => {
    const run = (): string[] => when(GIVEN, '2026-03-06').commands.map((command) => command.commandId);
    expect(run()).toEqual(run());
    expect(run()).toEqual([
      'collections:acme:escalate:reminder:2026-03-06',
      'collections:acme:schedule-reminder:reminder:acme:reminder:INV-1:2026-03-06',
      'collections:acme:escalate:call:2026-03-06',
      'collections:acme:charge-late-fee:INV-1',
      'collections:acme:charge-interest:INV-1:2026-02-21:2026-02-28',
    ]);
  });

  it('a client not yet registered decides nothing', () => {
    expect(runCollections([], { now: at('2026-03-06') }).commands).toEqual([]);
  });
});
