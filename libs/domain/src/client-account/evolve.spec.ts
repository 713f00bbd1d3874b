import { normalizeAgreement } from '../agreement/normalize-agreement';
import { CONTACT, clientEvent, clientRegistered } from './testing/client-account-fixtures';
import { stateFromEvents } from './client-account.decider';
import { type ClientAccountEvent } from './events';
import { evolve } from './evolve';
import { initialState, type RegisteredAccount } from './state';

const account = (...events: ClientAccountEvent[]) => stateFromEvents([clientRegistered(), ...events]) as RegisteredAccount;
const invoice = (invoiceId: string, amount: string, issuedOn = '2026-01-05', dueOn = '2026-02-04') =>
  clientEvent('InvoiceIssued', { invoiceId, amount, currency: 'EUR', issuedOn, dueOn });
const received = (paymentId: string, amount: string, receivedOn: string) =>
  clientEvent('PaymentReceived', { paymentId, amount, currency: 'EUR', receivedOn });
const allocated = (paymentId: string, invoiceId: string, amount: string) =>
  clientEvent('PaymentAllocated', { paymentId, invoiceId, amount });
const AT = '2026-03-02T10:00:00.000Z';

describe('evolve', () => {
  it('refuses a stream that does not start with the registration', () => {
    expect(() => evolve(initialState(), invoice('inv-1', '100'))).toThrow(/before ClientRegistered/);
  });

  it('refuses an event about an invoice the stream never issued', () => {
    expect(() => account(received('pay-1', '100', '2026-02-01'), allocated('pay-1', 'inv-x', '100'))).toThrow(/unknown inv-x/);
  });

  describe('invoice settlement', () => {
    it('sets paidOn to the receipt of the payment that completes it', () => {
      const state = account(invoice('inv-1', '10000'), received('pay-1', '4000', '2026-02-01'), allocated('pay-1', 'inv-1', '4000'));
      expect(state.invoices.get('inv-1')).toMatchObject({ paid: 4000n, outstanding: 6000n });
      expect(state.invoices.get('inv-1')?.paidOn).toBeUndefined();

      const paid = evolve(evolve(state, received('pay-2', '6000', '2026-02-10')), allocated('pay-2', 'inv-1', '6000')) as RegisteredAccount;
      expect(paid.invoices.get('inv-1')).toMatchObject({ paid: 10000n, outstanding: 0n, paidOn: '2026-02-10' });
    });

    it('dates a settlement from earlier credit no earlier than the invoice', () => {
      const state = account(
        received('pay-1', '10000', '2026-01-01'),
        invoice('inv-1', '10000', '2026-01-05'),
        clientEvent('CreditApplied', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '10000' }),
      );
      expect(state.invoices.get('inv-1')).toMatchObject({ outstanding: 0n, paidOn: '2026-01-05' });
      expect(state.payments.get('pay-1')).toMatchObject({
        unapplied: 0n,
        applications: [{ invoiceId: 'inv-1', amount: 10000n, via: 'credit' }],
      });
    });

    it('counts a credit note that completes a partly paid invoice as the payment date, but a fully credited one is not paid', () => {
      const credit = (invoiceId: string, amount: string) =>
        clientEvent('CreditNoteIssued', { creditNoteId: `cn-${invoiceId}`, invoiceId, amount, issuedOn: '2026-02-20' });
      const state = account(
        invoice('inv-1', '10000'),
        invoice('inv-2', '10000'),
        received('pay-1', '9000', '2026-02-01'),
        allocated('pay-1', 'inv-1', '9000'),
        credit('inv-1', '1000'),
        credit('inv-2', '10000'),
      );
      expect(state.invoices.get('inv-1')).toMatchObject({ paid: 9000n, credited: 1000n, outstanding: 0n, paidOn: '2026-02-20' });
      expect(state.invoices.get('inv-2')).toMatchObject({ credited: 10000n, outstanding: 0n });
      expect(state.invoices.get('inv-2')?.paidOn).toBeUndefined();
    });

    it('leaves a written-off invoice unpaid', () => {
      const state = account(
        invoice('inv-1', '10000'),
        clientEvent('InvoiceWrittenOff', { invoiceId: 'inv-1', amount: '10000', writtenOffOn: '2026-03-01', reason: 'gone' }),
      );
      expect(state.invoices.get('inv-1')).toMatchObject({ writtenOff: 10000n, outstanding: 0n });
      expect(state.invoices.get('inv-1')?.paidOn).toBeUndefined();
    });
  });

  describe('collections decisions', () => {
    it('adds late fees and interest per invoice, apart from the principal', () => {
      const interest = (periodFrom: string, periodTo: string, amount: string) =>
        clientEvent('LateInterestCharged', {
          invoiceId: 'inv-1',
          periodFrom,
          periodTo,
          amount,
          principal: '10000',
          annualInterestRate: '10',
          compounding: 'simple',
          chargedOn: periodTo,
        });
      const state = account(
        invoice('inv-1', '10000'),
        clientEvent('LateFeeCharged', { invoiceId: 'inv-1', amount: '4000', chargedOn: '2026-02-18' }),
        interest('2026-02-05', '2026-02-28', '66'),
        interest('2026-03-01', '2026-03-31', '85'),
      );
      expect(state.invoices.get('inv-1')).toMatchObject({
        outstanding: 10000n,
        charges: { lateFees: 4000n, interest: 151n, lateFeeChargedOn: '2026-02-18', interestChargedThrough: '2026-03-31' },
      });
    });

    it('follows the escalation ladder; an account review leaves the level alone', () => {
      const escalated = (level: 'reminder' | 'call' | 'account_review') =>
        clientEvent('CollectionsEscalated', { level, trigger: 'overdue', figures: { daysPastDue: 3 }, decidedAt: AT });
      expect(account(escalated('reminder'), escalated('call')).collections.level).toBe('call');
      const reviewed = account(escalated('call'), escalated('account_review')).collections;
      expect(reviewed.level).toBe('call');
      expect(reviewed.steps.at(-1)).toEqual({ level: 'account_review', trigger: 'overdue', decidedAt: AT });
    });

    it('places and releases a credit hold', () => {
      const placed = account(clientEvent('CreditHoldPlaced', { trigger: 'risk', reason: 'critical risk', placedAt: AT }));
      expect(placed.collections.creditHold).toEqual({ trigger: 'risk', reason: 'critical risk', placedAt: AT });
      const released = evolve(placed, clientEvent('CreditHoldReleased', { reason: 'paid', releasedAt: AT })) as RegisteredAccount;
      expect(released.collections.creditHold).toBeUndefined();
    });

    it('keeps tightened terms until the agreement renegotiates the payment terms', () => {
      const tightened = account(
        clientEvent('TermsTightened', { paymentTerms: { type: 'due_on_receipt' }, ladderFactor: 0.5, trigger: 'risk', decidedAt: AT }),
      );
      expect(tightened.collections.tightenedTerms).toEqual({ paymentTerms: { type: 'due_on_receipt' }, ladderFactor: 0.5, decidedAt: AT });
      const changed = (paymentTerms?: { type: 'net'; days: number }) =>
        clientEvent('AgreementChanged', {
          agreement: normalizeAgreement({ contact: CONTACT, responseTimeBusinessDays: 1, paymentTerms }, 'EUR'),
          announcedAt: AT,
        });
      expect((evolve(tightened, changed()) as RegisteredAccount).collections.tightenedTerms).toBeDefined();
      expect((evolve(tightened, changed({ type: 'net', days: 14 })) as RegisteredAccount).collections.tightenedTerms).toBeUndefined();
    });

    it('hands over to an agency and closes the case when resolved', () => {
      const handed = account(clientEvent('HandedToAgency', { invoiceIds: ['inv-1'], amount: '10000', decidedAt: AT }));
      expect(handed.collections).toMatchObject({ level: 'agency', handedToAgency: { invoiceIds: ['inv-1'], amount: 10000n } });
      const resolved = evolve(handed, clientEvent('CollectionsResolved', { decidedAt: '2026-04-01T10:00:00.000Z' })) as RegisteredAccount;
      expect(resolved.collections).toMatchObject({ level: 'none', resolvedAt: '2026-04-01T10:00:00.000Z' });
      expect(resolved.collections.handedToAgency).toBeUndefined();
    });

    it('tracks reminders and promises', () => {
      const reminder = { reminderId: 'r-1', transport: 'email' as const, attempts: 1 };
      const state = account(
        clientEvent('ReminderScheduled', {
          reminderId: 'r-1',
          level: 'reminder',
          channel: 'email',
          to: { name: 'Ada' },
          invoiceIds: ['inv-1'],
          sendAt: AT,
          message: 'Friendly reminder',
        }),
        clientEvent('ReminderScheduled', {
          reminderId: 'r-2',
          level: 'reminder',
          channel: 'email',
          to: { name: 'Ada' },
          invoiceIds: ['inv-1'],
          sendAt: AT,
          message: 'Friendly reminder',
        }),
        clientEvent('ReminderDelivered', { ...reminder, deliveredAt: AT }),
        clientEvent('ReminderDeliveryFailed', { ...reminder, reminderId: 'r-2', failedAt: AT, error: 'smtp down' }),
        clientEvent('PromiseToPayMade', { interactionId: 'i-1', amount: '5000', promisedOn: '2026-03-10', madeAt: AT }),
        clientEvent('PromiseToPayMade', { interactionId: 'i-2', amount: '5000', promisedOn: '2026-03-20', madeAt: AT }),
        clientEvent('PromiseToPayMade', { interactionId: 'i-3', amount: '5000', promisedOn: '2026-03-30', madeAt: AT }),
        clientEvent('PromiseKept', { interactionId: 'i-1', promisedOn: '2026-03-10', amount: '5000', paid: '5000', decidedAt: AT }),
        clientEvent('PromiseBroken', { interactionId: 'i-2', promisedOn: '2026-03-20', amount: '5000', paid: '0', decidedAt: AT }),
      );
      expect([...state.collections.reminders].map(([reminderId, { status }]) => [reminderId, status])).toEqual([
        ['r-1', 'delivered'],
        ['r-2', 'failed'],
      ]);
      expect([...state.promises.values()].map((promise) => [promise.interactionId, promise.outcome])).toEqual([
        ['i-1', 'kept'],
        ['i-2', 'broken'],
        ['i-3', 'open'],
      ]);
    });

    it('remembers pauses and forgets a pause once resumed', () => {
      const paused = account(clientEvent('CollectionsPaused', { pauseId: 'p-1', until: '2026-04-01', reason: 'talks', pausedAt: AT }));
      expect(paused.collections.pause).toEqual({ pauseId: 'p-1', until: '2026-04-01', reason: 'talks' });
      const resumed = evolve(paused, clientEvent('CollectionsResumed', { resumedAt: AT })) as RegisteredAccount;
      expect(resumed.collections.pause).toBeUndefined();
      expect(resumed.collections.pauseIds.has('p-1')).toBe(true);
    });
  });

  it('never changes the state it was given', () => {
    const before = account(invoice('inv-1', '10000'));
    const after = evolve(
      evolve(before, received('pay-1', '10000', '2026-02-01')),
      allocated('pay-1', 'inv-1', '10000'),
    ) as RegisteredAccount;
    expect(after.invoices.get('inv-1')).toMatchObject({ paid: 10000n, outstanding: 0n });
    expect(before.invoices.get('inv-1')).toMatchObject({ paid: 0n, outstanding: 10000n });
    expect(before.payments.size).toBe(0);
  });
});
