import { DateTime } from 'luxon';
import { clientEvent, clientRegistered, CONTACT } from './testing/client-account-fixtures';
import { accountView } from './account-view';
import { stateFromEvents } from './client-account.decider';
import { type ClientAccountEvent } from './events';
import { type RegisteredAccount } from './state';

const at = (instant: string) => DateTime.fromISO(instant, { zone: 'utc' });
const view = (events: ClientAccountEvent[], now: string) => accountView(stateFromEvents(events) as RegisteredAccount, at(now));
const invoice = (invoiceId: string, amount: string, issuedOn: string, dueOn: string, currency = 'EUR') =>
  clientEvent('InvoiceIssued', { invoiceId, amount, currency, issuedOn, dueOn });
const allocated = (invoiceId: string, amount: string) => clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId, amount });
const AT = '2026-02-25T10:00:00.000Z';

const figures = (charged: string, paid = '0.00', waived = '0.00', outstanding = charged) => ({ charged, paid, waived, outstanding });
const NO_FEES = { lateFees: figures('0.00'), interest: figures('0.00'), outstanding: '0.00' };
const OVERDUE_FEES = { lateFees: figures('40.00'), interest: figures('0.53'), outstanding: '40.53' };

describe('accountView', () => {
  it('shows every status, the totals in major units and the collections state', () => {
    const events = [
      clientRegistered({ agreement: { lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '8' }, creditLimit: '5000' } }),
      invoice('inv-open', '10000', '2026-02-20', '2026-03-20'),
      invoice('inv-partial', '10000', '2026-02-20', '2026-03-20'),
      invoice('inv-overdue', '10000', '2026-01-05', '2026-02-04'),
      invoice('inv-disputed', '10000', '2026-01-05', '2026-02-04'),
      invoice('inv-paid', '10000', '2026-01-05', '2026-02-04'),
      invoice('inv-credited', '10000', '2026-01-05', '2026-02-04'),
      invoice('inv-written-off', '10000', '2026-01-05', '2026-02-04'),
      clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '20000', currency: 'EUR', receivedOn: '2026-02-25' }),
      allocated('inv-partial', '4000'),
      allocated('inv-overdue', '4000'),
      allocated('inv-paid', '10000'),
      allocated('inv-written-off', '1000'),
      clientEvent('CreditNoteIssued', { creditNoteId: 'cn-1', invoiceId: 'inv-credited', amount: '10000', issuedOn: '2026-02-26' }),
      clientEvent('InvoiceWrittenOff', {
        invoiceId: 'inv-written-off',
        amount: '9000',
        writtenOffOn: '2026-02-27',
        reason: 'disputed forever',
      }),
      clientEvent('DisputeRaised', { interactionId: 'i-1', invoiceId: 'inv-disputed', reason: 'quality', raisedAt: AT }),
      clientEvent('LateFeeCharged', { invoiceId: 'inv-overdue', amount: '4000', chargedOn: '2026-02-18' }),
      clientEvent('LateInterestCharged', {
        invoiceId: 'inv-overdue',
        periodFrom: '2026-02-05',
        periodTo: '2026-02-28',
        amount: '53',
        principal: '10000',
        annualInterestRate: '8',
        compounding: 'simple',
        chargedOn: '2026-02-28',
      }),
      clientEvent('CollectionsEscalated', { level: 'firm_reminder', trigger: 'overdue', figures: { daysPastDue: 7 }, decidedAt: AT }),
      clientEvent('CreditHoldPlaced', { trigger: 'risk', reason: 'critical', placedAt: AT }),
      clientEvent('CollectionsPaused', { pauseId: 'p-1', until: '2026-03-10', reason: 'talks', pausedAt: AT }),
    ];
    const row = (invoiceId: string, issuedOn: string, dueOn: string, figures: Record<string, unknown>) => ({
      invoiceId,
      issuedOn,
      dueOn,
      amount: '100.00',
      paid: '0.00',
      credited: '0.00',
      writtenOff: '0.00',
      outstanding: '100.00',
      daysOverdue: 0,
      paidOn: null,
      fees: NO_FEES,
      prepaymentRequired: false,
      predictedPayment: null,
      ...figures,
    });
    // The one paid invoice was paid 21 days after its due date: open ones are predicted as late; the
    // overdue ones, already 26 days past due (later than anything seen), 14 days from today.
    const paysLikeBefore = { predictedPayment: { predictedOn: '2026-04-10', earliestOn: '2026-04-10', latestOn: '2026-04-10' } };
    const laterThanEver = { predictedPayment: { predictedOn: '2026-03-16', earliestOn: '2026-03-16', latestOn: '2026-03-16' } };
    expect(view(events, '2026-03-02T10:00:00Z')).toEqual({
      clientId: 'acme',
      name: 'Acme Ltd',
      currency: 'EUR',
      agreement: {
        paymentTerms: { type: 'net', days: 30 },
        timezone: 'UTC',
        businessHours: { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
        holidays: [],
        contact: CONTACT,
        responseTimeBusinessDays: 2,
        lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '8', compounding: 'simple', graceDays: 0 },
        noticeDays: 30,
        creditLimit: '5000.00',
      },
      // Outstanding principal 100 + 60 + 60 + 100 = 320, plus the fee and interest 40.53, less the unapplied credit.
      balance: '350.53',
      // inv-overdue 60 + inv-disputed 100.
      overdue: '160.00',
      // 200.00 received, 40 + 40 + 100 + 10 allocated.
      unappliedCredit: '10.00',
      creditHold: true,
      collections: { level: 'firm_reminder', pausedUntil: '2026-03-10' },
      fees: OVERDUE_FEES,
      invoices: [
        row('inv-open', '2026-02-20', '2026-03-20', { status: 'open', ...paysLikeBefore }),
        row('inv-partial', '2026-02-20', '2026-03-20', {
          paid: '40.00',
          outstanding: '60.00',
          status: 'partially_paid',
          ...paysLikeBefore,
        }),
        // Partly paid and past due: overdue wins. 4 Feb → 2 Mar = 26 days.
        row('inv-overdue', '2026-01-05', '2026-02-04', {
          paid: '40.00',
          outstanding: '60.00',
          status: 'overdue',
          daysOverdue: 26,
          fees: OVERDUE_FEES,
          ...laterThanEver,
        }),
        row('inv-disputed', '2026-01-05', '2026-02-04', { status: 'disputed', daysOverdue: 26, ...laterThanEver }),
        row('inv-paid', '2026-01-05', '2026-02-04', { paid: '100.00', outstanding: '0.00', status: 'paid', paidOn: '2026-02-25' }),
        row('inv-credited', '2026-01-05', '2026-02-04', { credited: '100.00', outstanding: '0.00', status: 'credited' }),
        row('inv-written-off', '2026-01-05', '2026-02-04', {
          paid: '10.00',
          writtenOff: '90.00',
          outstanding: '0.00',
          status: 'written_off',
        }),
      ],
      payments: [
        {
          paymentId: 'pay-1',
          receivedOn: '2026-02-25',
          amount: '200.00',
          allocations: ['inv-partial', 'inv-overdue', 'inv-paid', 'inv-written-off'].map((invoiceId, i) => ({
            invoiceId,
            amount: ['40.00', '40.00', '100.00', '10.00'][i],
            via: 'allocation',
          })),
          unapplied: '10.00',
          reversed: null,
        },
      ],
    });
  });

  it('is a fresh account with nothing on it', () => {
    const fresh = view([clientRegistered()], '2026-03-02T10:00:00Z');
    expect(fresh).toMatchObject({
      balance: '0.00',
      overdue: '0.00',
      unappliedCredit: '0.00',
      creditHold: false,
      collections: { level: 'none', pausedUntil: null },
      fees: NO_FEES,
      invoices: [],
    });
    expect(fresh.agreement).not.toHaveProperty('lateFeePolicy');
    expect(fresh.agreement).not.toHaveProperty('creditLimit');
  });

  it('shows a negative balance for a client in credit', () => {
    const events = [
      clientRegistered(),
      clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '5000', currency: 'EUR', receivedOn: '2026-02-25' }),
    ];
    expect(view(events, '2026-03-02T10:00:00Z')).toMatchObject({ balance: '-50.00', unappliedCredit: '50.00' });
  });

  it('formats yen and dinar amounts with their own decimals', () => {
    const yen = view(
      [clientRegistered({ currency: 'JPY' }), invoice('inv-1', '125000', '2026-02-20', '2026-03-20', 'JPY')],
      '2026-03-02T10:00:00Z',
    );
    expect(yen).toMatchObject({ balance: '125000', overdue: '0', invoices: [{ amount: '125000', paid: '0', outstanding: '125000' }] });
    const dinar = view(
      [clientRegistered({ currency: 'KWD' }), invoice('inv-1', '1250125', '2026-01-20', '2026-02-19', 'KWD')],
      '2026-03-02T10:00:00Z',
    );
    expect(dinar).toMatchObject({
      balance: '1250.125',
      overdue: '1250.125',
      invoices: [{ amount: '1250.125', paid: '0.000', status: 'overdue', daysOverdue: 11 }],
    });
  });

  describe("days overdue count in the client's time zone", () => {
    const dueToday = (timezone: string) => [
      clientRegistered({ agreement: { timezone } }),
      invoice('inv-1', '10000', '2026-02-01', '2026-03-02'),
    ];
    const overdueness = (timezone: string, now: string) => {
      const [row] = view(dueToday(timezone), now).invoices;
      return { status: row.status, daysOverdue: row.daysOverdue };
    };

    it.each([
      // Amsterdam is UTC+1 in early March: the due day ends at 23:00 UTC.
      ['Europe/Amsterdam', '2026-03-02T22:59:59Z', 'open', 0],
      ['Europe/Amsterdam', '2026-03-02T23:00:00Z', 'overdue', 1],
      ['UTC', '2026-03-02T23:00:00Z', 'open', 0],
      ['UTC', '2026-03-03T00:00:00Z', 'overdue', 1],
      // New York is UTC−5: 04:30 UTC on 4 March is still 3 March there.
      ['America/New_York', '2026-03-04T04:30:00Z', 'overdue', 1],
      ['America/New_York', '2026-03-04T05:00:00Z', 'overdue', 2],
      // Auckland is UTC+13: 11:00 UTC on 2 March is already 3 March there.
      ['Pacific/Auckland', '2026-03-02T10:59:59Z', 'open', 0],
      ['Pacific/Auckland', '2026-03-02T11:00:00Z', 'overdue', 1],
    ])('%s at %s: %s, %i days', (timezone, now, status, days) => {
      expect(overdueness(timezone, now)).toEqual({ status, daysOverdue: days });
    });

    it('counts across the spring DST change in whole days', () => {
      // Due Friday 27 March; clocks go forward on Sunday 29 March; Monday 30 March 00:30 local is 22:30 UTC on the 29th.
      const events = [
        clientRegistered({ agreement: { timezone: 'Europe/Amsterdam' } }),
        invoice('inv-1', '10000', '2026-02-25', '2026-03-27'),
      ];
      expect(view(events, '2026-03-29T22:30:00Z').invoices[0].daysOverdue).toBe(3);
    });
  });

  it('no longer shows a pause that has ended by itself', () => {
    const events = [
      clientRegistered(),
      clientEvent('CollectionsPaused', { pauseId: 'p-1', until: '2026-03-10', reason: 'talks', pausedAt: AT }),
    ];
    // `until` is the pause's last day.
    expect(view(events, '2026-03-10T23:59:59Z').collections.pausedUntil).toBe('2026-03-10');
    expect(view(events, '2026-03-11T00:00:00Z').collections.pausedUntil).toBeNull();
  });

  it('lists the payments received, with what each paid and whether it was reversed', () => {
    const events = [
      clientRegistered(),
      invoice('inv-a', '10000', '2026-02-01', '2026-03-01'),
      clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '15000', currency: 'EUR', receivedOn: '2026-02-10' }),
      allocated('inv-a', '10000'),
      invoice('inv-b', '3000', '2026-02-12', '2026-03-12'),
      clientEvent('CreditApplied', { paymentId: 'pay-1', invoiceId: 'inv-b', amount: '3000' }),
      clientEvent('PaymentReceived', { paymentId: 'pay-2', amount: '2500', currency: 'EUR', receivedOn: '2026-02-20' }),
      clientEvent('PaymentReversed', {
        paymentId: 'pay-2',
        reason: 'bounced',
        reversedOn: '2026-02-22',
        deallocations: [],
        unappliedCreditRemoved: '2500',
      }),
    ];
    expect(view(events, AT).payments).toEqual([
      {
        paymentId: 'pay-1',
        receivedOn: '2026-02-10',
        amount: '150.00',
        allocations: [
          { invoiceId: 'inv-a', amount: '100.00', via: 'allocation' },
          { invoiceId: 'inv-b', amount: '30.00', via: 'credit' },
        ],
        unapplied: '20.00',
        reversed: null,
      },
      {
        paymentId: 'pay-2',
        receivedOn: '2026-02-20',
        amount: '25.00',
        allocations: [],
        unapplied: '0.00',
        reversed: { reversedOn: '2026-02-22', reason: 'bounced' },
      },
    ]);
  });
});
