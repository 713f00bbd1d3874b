import { normalizeAgreement } from '../agreement/normalize-agreement';
import { type ClientAccountEvent } from '../client-account/events';
import { CONTACT, clientEvent, clientRegistered } from '../client-account/testing/client-account-fixtures';
import { evolveCollectionsState, initialCollectionsState } from './state';
import { interestChargedThrough } from '../client-account/collections-state';

const fold = (events: ClientAccountEvent[]) => events.reduce(evolveCollectionsState, initialCollectionsState());
const registered = clientRegistered({ agreement: { lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50' } } });
const agreementChanged = (paymentTerms: { type: 'net'; days: number }, lateFeePolicyEffectiveFrom?: string) =>
  clientEvent('AgreementChanged', {
    agreement: normalizeAgreement(
      { contact: CONTACT, paymentTerms, lateFeePolicy: { fixedFee: '60.00', annualInterestRate: '8.00' } },
      'EUR',
    ),
    announcedAt: '2026-02-01T10:00:00.000Z',
    ...(lateFeePolicyEffectiveFrom && { lateFeePolicyEffectiveFrom }),
  });
const escalated = (level: 'reminder' | 'firm_reminder' | 'call' | 'credit_hold' | 'final_notice' | 'account_review', decidedAt: string) =>
  clientEvent('CollectionsEscalated', {
    level,
    trigger: level === 'account_review' ? 'trend' : 'overdue',
    invoiceId: 'INV-1',
    figures: {},
    decidedAt,
  });
const tightened = clientEvent('TermsTightened', {
  paymentTerms: { type: 'due_on_receipt' },
  ladderFactor: 0.5,
  trigger: 'risk',
  decidedAt: '2026-02-02T10:00:00.000Z',
});

describe('evolveCollectionsState', () => {
  it('starts with no case', () => {
    expect(fold([registered])).toMatchObject({ clientId: 'acme', currency: 'EUR', level: 'none', steps: [], promiseBrokenStepOwed: false });
  });

  it('keeps the late-fee policy history: an AgreementChanged moves it only with an effective date', () => {
    expect(fold([registered, agreementChanged({ type: 'net', days: 30 })]).lateFeePolicies).toEqual([
      { policy: { fixedFee: '4000', annualInterestRate: '10.50', compounding: 'simple', graceDays: 0 } },
    ]);
    expect(fold([registered, agreementChanged({ type: 'net', days: 30 }, '2026-03-05')]).lateFeePolicies).toEqual([
      { policy: expect.objectContaining({ fixedFee: '4000' }) },
      { effectiveFrom: '2026-03-05', policy: expect.objectContaining({ fixedFee: '6000', annualInterestRate: '8.00' }) },
    ]);
  });

  it('records the steps and the level; an account review is a step, not a rung', () => {
    const state = fold([
      registered,
      escalated('reminder', '2026-02-23T09:00:00.000Z'),
      escalated('account_review', '2026-02-24T09:00:00.000Z'),
    ]);
    expect(state.level).toBe('reminder');
    expect(state.steps).toEqual([
      { level: 'reminder', trigger: 'overdue', invoiceId: 'INV-1', decidedAt: '2026-02-23T09:00:00.000Z' },
      { level: 'account_review', trigger: 'trend', invoiceId: 'INV-1', decidedAt: '2026-02-24T09:00:00.000Z' },
    ]);
  });

  it('tracks open promises; a broken one owes the next client-facing step until it is taken', () => {
    const made = (interactionId: string) =>
      clientEvent('PromiseToPayMade', { interactionId, amount: '5000', promisedOn: '2026-03-01', madeAt: '2026-02-25T10:00:00.000Z' });
    const outcome = { promisedOn: '2026-03-01', amount: '5000', paid: '0', decidedAt: '2026-03-02T10:00:00.000Z' };
    const broken = fold([registered, made('a'), made('b'), clientEvent('PromiseBroken', { interactionId: 'a', ...outcome })]);
    expect([...broken.openPromises.keys()]).toEqual(['b']);
    expect(broken.openPromises.get('b')).toEqual({
      interactionId: 'b',
      amount: 5000n,
      promisedOn: '2026-03-01',
      madeAt: '2026-02-25T10:00:00.000Z',
    });
    expect(broken.promiseBrokenStepOwed).toBe(true);
    // Owed is the next client-facing step: an internal rung does not settle it.
    expect(evolveCollectionsState(broken, escalated('call', '2026-03-02T10:00:00.000Z')).promiseBrokenStepOwed).toBe(true);
    const stepped = evolveCollectionsState(broken, escalated('firm_reminder', '2026-03-02T10:00:00.000Z'));
    expect(stepped.promiseBrokenStepOwed).toBe(false);
    expect(evolveCollectionsState(stepped, clientEvent('PromiseKept', { interactionId: 'b', ...outcome })).openPromises.size).toBe(0);
  });

  it('keeps the rungs of the open case: a message step dated by its send time, the final notice with its deadline', () => {
    const scheduled = (level: 'reminder' | 'final_notice', sendAt: string, paymentDeadline?: string) =>
      clientEvent('ReminderScheduled', {
        reminderId: `r-${level}`,
        level,
        channel: 'email',
        to: { name: 'Ada' },
        invoiceIds: ['INV-1'],
        sendAt,
        message: '…',
        ...(paymentDeadline && { paymentDeadline }),
      });
    const state = fold([
      registered,
      escalated('reminder', '2026-02-21T09:00:00.000Z'), // a Saturday: sent Monday
      scheduled('reminder', '2026-02-23T08:00:00.000Z'),
      escalated('call', '2026-03-06T09:00:00.000Z'),
      escalated('credit_hold', '2026-03-22T09:00:00.000Z'),
      escalated('firm_reminder', '2026-03-23T09:00:00.000Z'),
      escalated('final_notice', '2026-04-06T08:00:00.000Z'),
      scheduled('final_notice', '2026-04-06T08:00:00.000Z', '2026-04-20'),
    ]);
    // The level is the highest rung taken: a firm reminder after the hold does not lower it.
    expect(state.level).toBe('final_notice');
    expect(state.caseSteps).toEqual([
      { level: 'reminder', at: '2026-02-23T08:00:00.000Z' },
      { level: 'call', at: '2026-03-06T09:00:00.000Z' },
      { level: 'credit_hold', at: '2026-03-22T09:00:00.000Z' },
      { level: 'firm_reminder', at: '2026-03-23T09:00:00.000Z' },
      { level: 'final_notice', at: '2026-04-06T08:00:00.000Z', paymentDeadline: '2026-04-20' },
    ]);
    expect(evolveCollectionsState(state, clientEvent('CollectionsResolved', { decidedAt: '2026-05-01T09:00:00.000Z' })).caseSteps).toEqual(
      [],
    );
  });

  it('follows a proposed handover to the agency: rejected, it stays on record; approved, the agency is the level', () => {
    const proposedState = fold([
      registered,
      escalated('final_notice', '2026-04-06T08:00:00.000Z'),
      clientEvent('AgencyHandoverProposed', {
        invoiceIds: ['INV-1'],
        amount: '1000000',
        paymentDeadline: '2026-04-20',
        figures: {},
        proposedAt: '2026-04-21T08:00:00.000Z',
      }),
    ]);
    expect(proposedState).toMatchObject({
      level: 'final_notice',
      agencyHandover: { status: 'proposed', invoiceIds: ['INV-1'], amount: 1_000_000n, proposedAt: '2026-04-21T08:00:00.000Z' },
    });
    const rejected = evolveCollectionsState(
      proposedState,
      clientEvent('AgencyHandoverRejected', { invoiceIds: ['INV-1'], reason: 'plan agreed', rejectedAt: '2026-04-22T08:00:00.000Z' }),
    );
    expect(rejected).toMatchObject({ level: 'final_notice', agencyHandover: { status: 'rejected' } });
    const approved = evolveCollectionsState(
      proposedState,
      clientEvent('HandedToAgency', { invoiceIds: ['INV-1'], amount: '1000000', decidedAt: '2026-04-22T08:00:00.000Z', reason: 'ok' }),
    );
    expect(approved).toMatchObject({ level: 'agency', agencyHandover: undefined, handedToAgency: { amount: 1_000_000n } });
    expect(approved.caseSteps.at(-1)).toEqual({ level: 'agency', at: '2026-04-22T08:00:00.000Z' });
  });

  it('tracks the manual pause until resumed', () => {
    const paused = fold([
      registered,
      clientEvent('CollectionsPaused', { pauseId: 'p-1', until: '2026-03-10', reason: 'talks', pausedAt: '2026-03-01T10:00:00.000Z' }),
    ]);
    expect(paused.pause).toEqual({ pauseId: 'p-1', until: '2026-03-10', reason: 'talks' });
    expect(
      evolveCollectionsState(paused, clientEvent('CollectionsResumed', { resumedAt: '2026-03-02T10:00:00.000Z' })).pause,
    ).toBeUndefined();
  });

  it('follows a reminder from scheduled to delivered or failed', () => {
    const scheduled = clientEvent('ReminderScheduled', {
      reminderId: 'r-1',
      level: 'reminder',
      channel: 'email',
      to: { name: 'Ada' },
      invoiceIds: ['INV-1'],
      sendAt: '2026-03-02T08:00:00.000Z',
      message: 'hello',
    });
    expect(fold([registered, scheduled]).reminders.get('r-1')).toEqual({
      level: 'reminder',
      sendAt: '2026-03-02T08:00:00.000Z',
      status: 'scheduled',
    });
    const delivered = clientEvent('ReminderDelivered', {
      reminderId: 'r-1',
      transport: 'email',
      deliveredAt: '2026-03-02T08:00:01.000Z',
      attempts: 1,
    });
    expect(fold([registered, scheduled, delivered]).reminders.get('r-1')?.status).toBe('delivered');
    const failed = clientEvent('ReminderDeliveryFailed', {
      reminderId: 'r-1',
      transport: 'email',
      failedAt: '2026-03-02T09:00:00.000Z',
      attempts: 5,
      error: 'timeout',
    });
    expect(fold([registered, scheduled, failed]).reminders.get('r-1')?.status).toBe('failed');
  });

  it('keeps fees and interest periods per invoice', () => {
    const period = (periodFrom: string, periodTo: string, amount: string) =>
      clientEvent('LateInterestCharged', {
        invoiceId: 'INV-1',
        periodFrom,
        periodTo,
        amount,
        principal: '1000000',
        annualInterestRate: '10.50',
        compounding: 'simple',
        chargedOn: periodTo,
      });
    const state = fold([
      registered,
      clientEvent('LateFeeCharged', { invoiceId: 'INV-1', amount: '4000', chargedOn: '2026-03-06' }),
      period('2026-02-21', '2026-02-28', '2301'),
      period('2026-03-01', '2026-03-31', '8918'),
    ]);
    expect(state.charges.get('INV-1')).toEqual({
      lateFee: { amount: 4000n, chargedOn: '2026-03-06' },
      interest: [
        { periodFrom: '2026-02-21', periodTo: '2026-02-28', amount: 2301n, principal: 1_000_000n, compounding: 'simple' },
        { periodFrom: '2026-03-01', periodTo: '2026-03-31', amount: 8918n, principal: 1_000_000n, compounding: 'simple' },
      ],
      // Nothing settled or waived yet: all of it is outstanding.
      paid: { lateFee: 0n, interest: 0n },
      waived: { lateFee: 0n, interest: 0n },
    });
    expect(interestChargedThrough(state, 'INV-1')).toBe('2026-03-31');
    expect(interestChargedThrough(state, 'INV-2')).toBeUndefined();
  });

  it('keeps tightened terms until the payment terms are renegotiated', () => {
    expect(fold([registered, tightened, agreementChanged({ type: 'net', days: 30 })]).tightenedTerms).toEqual({
      paymentTerms: { type: 'due_on_receipt' },
      ladderFactor: 0.5,
      decidedAt: '2026-02-02T10:00:00.000Z',
    });
    expect(fold([registered, tightened, agreementChanged({ type: 'net', days: 14 })]).tightenedTerms).toBeUndefined();
  });

  it('places and releases the credit hold with its trigger', () => {
    const placed = fold([
      registered,
      clientEvent('CreditHoldPlaced', { trigger: 'risk', reason: 'risk critical', placedAt: '2026-03-01T10:00:00.000Z' }),
    ]);
    expect(placed.creditHold).toEqual({ trigger: 'risk', reason: 'risk critical', placedAt: '2026-03-01T10:00:00.000Z' });
    expect(
      evolveCollectionsState(placed, clientEvent('CreditHoldReleased', { reason: 'x', releasedAt: '2026-04-01T10:00:00.000Z' })).creditHold,
    ).toBeUndefined();
  });

  it('closes the case on resolution, keeping its history and the charges', () => {
    const state = fold([
      registered,
      escalated('reminder', '2026-02-23T09:00:00.000Z'),
      clientEvent('HandedToAgency', { invoiceIds: ['INV-1'], amount: '1000000', decidedAt: '2026-04-21T09:00:00.000Z' }),
      clientEvent('LateFeeCharged', { invoiceId: 'INV-1', amount: '4000', chargedOn: '2026-03-06' }),
      clientEvent('CollectionsResolved', { decidedAt: '2026-05-01T09:00:00.000Z' }),
    ]);
    expect(state).toMatchObject({ level: 'none', handedToAgency: undefined, resolvedAt: '2026-05-01T09:00:00.000Z' });
    expect(state.steps).toHaveLength(1);
    expect(state.charges.get('INV-1')?.lateFee?.amount).toBe(4000n);
  });
});
