import { DateTime } from 'luxon';
import { clientEvent, clientRegistered } from '../client-account/testing/client-account-fixtures';
import { deciderSpecification } from '../shared/testing/given-when-then';
import { collectionsDecider } from './collections.decider';
import { type ChargeLateInterest, type CollectionsCommand } from './commands';
import { decideCollectionsCommands } from './decide-command';
import { evolveCollectionsState, initialCollectionsState } from './state';
import { type LadderLevel } from '../agreement/collections-ladder';

const given = deciderSpecification(collectionsDecider, { now: DateTime.fromISO('2026-03-06T09:00:00.000Z') });

const DECIDED_AT = '2026-03-06T09:00:00.000Z';
const addressed = { clientId: 'acme', commandId: 'collections:acme:test' };
const registered = clientRegistered();

const escalate = (level: LadderLevel | 'account_review', decidedAt = DECIDED_AT): CollectionsCommand => ({
  ...addressed,
  type: 'EscalateCollections',
  level,
  trigger: level === 'account_review' ? 'trend' : 'overdue',
  invoiceId: 'INV-1',
  figures: { daysPastDue: 14 },
  decidedAt,
});
const escalated = (level: LadderLevel | 'account_review', decidedAt = DECIDED_AT) =>
  clientEvent('CollectionsEscalated', {
    level,
    trigger: level === 'account_review' ? 'trend' : 'overdue',
    invoiceId: 'INV-1',
    figures: { daysPastDue: 14 },
    decidedAt,
  });

const interest = (periodFrom: string, periodTo: string): ChargeLateInterest => ({
  ...addressed,
  type: 'ChargeLateInterest',
  invoiceId: 'INV-1',
  periodFrom,
  periodTo,
  amount: 2301n,
  principal: 1_000_000n,
  annualInterestRate: '10.50',
  compounding: 'simple',
  chargedOn: '2026-03-06',
});
const interestCharged = (periodFrom: string, periodTo: string) =>
  clientEvent('LateInterestCharged', {
    invoiceId: 'INV-1',
    periodFrom,
    periodTo,
    amount: '2301',
    principal: '1000000',
    annualInterestRate: '10.50',
    compounding: 'simple',
    chargedOn: '2026-03-06',
  });

const fee: CollectionsCommand = { ...addressed, type: 'ChargeLateFee', invoiceId: 'INV-1', amount: 4000n, chargedOn: '2026-03-06' };
const feeCharged = clientEvent('LateFeeCharged', { invoiceId: 'INV-1', amount: '4000', chargedOn: '2026-03-06' });
const promiseMade = clientEvent('PromiseToPayMade', {
  interactionId: 'int-1',
  amount: '500000',
  promisedOn: '2026-03-05',
  madeAt: '2026-03-01T10:00:00.000Z',
});
const markBroken: CollectionsCommand = {
  ...addressed,
  type: 'MarkPromiseBroken',
  interactionId: 'int-1',
  promisedOn: '2026-03-05',
  amount: 500_000n,
  paid: 0n,
  decidedAt: DECIDED_AT,
};
const hold: CollectionsCommand = { ...addressed, type: 'PlaceCreditHold', trigger: 'risk', reason: 'risk critical', placedAt: DECIDED_AT };
const holdPlaced = clientEvent('CreditHoldPlaced', { trigger: 'risk', reason: 'risk critical', placedAt: DECIDED_AT });

describe('decideCollectionsCommand', () => {
  it('takes an internal rung above the level only, and a client-facing one once, never after a later one', () => {
    given([registered])
      .when(escalate('call'))
      .then([escalated('call')]);
    given([registered, escalated('call')])
      .when(escalate('call'))
      .then([]);
    given([registered, escalated('credit_hold')])
      .when(escalate('call'))
      .then([]);
    // A case found late takes the internal rungs at once; its client-facing steps still start at the reminder.
    given([registered, escalated('credit_hold')])
      .when(escalate('reminder'))
      .then([escalated('reminder')]);
    given([registered, escalated('reminder')])
      .when(escalate('reminder'))
      .then([]);
    given([registered, escalated('firm_reminder')])
      .when(escalate('reminder'))
      .then([]);
  });

  it('proposes a handover to the agency once per case, and not again after an admin rejected it', () => {
    const propose: CollectionsCommand = {
      ...addressed,
      type: 'ProposeAgencyHandover',
      invoiceIds: ['INV-1'],
      amount: 1_006_301n,
      paymentDeadline: '2026-03-05',
      figures: { daysPastDue: 60 },
      proposedAt: DECIDED_AT,
    };
    const proposed = clientEvent('AgencyHandoverProposed', {
      invoiceIds: ['INV-1'],
      amount: '1006301',
      paymentDeadline: '2026-03-05',
      figures: { daysPastDue: 60 },
      proposedAt: DECIDED_AT,
    });
    const rejected = clientEvent('AgencyHandoverRejected', { invoiceIds: ['INV-1'], reason: 'talks', rejectedAt: DECIDED_AT });
    given([registered, escalated('final_notice')])
      .when(propose)
      .then([proposed]);
    given([registered, escalated('final_notice'), proposed])
      .when(propose)
      .then([]);
    given([registered, escalated('final_notice'), proposed, rejected])
      .when(propose)
      .then([]);
  });

  it('takes levels again in a new case, after a resolution', () => {
    const resolved = clientEvent('CollectionsResolved', { decidedAt: DECIDED_AT });
    given([registered, escalated('call'), resolved])
      .when(escalate('reminder'))
      .then([escalated('reminder')]);
  });

  it('does not record an account review twice for the same instant', () => {
    given([registered, escalated('account_review')])
      .when(escalate('account_review'))
      .then([]);
    given([registered, escalated('account_review', '2026-01-01T09:00:00.000Z')])
      .when(escalate('account_review'))
      .then([escalated('account_review')]);
  });

  it('charges a late fee at most once per invoice, in minor units as a string', () => {
    given([registered]).when(fee).then([feeCharged]);
    given([registered, feeCharged]).when(fee).then([]);
  });

  it('charges an interest period once and refuses one that overlaps a charged period', () => {
    given([registered])
      .when(interest('2026-02-21', '2026-02-28'))
      .then([interestCharged('2026-02-21', '2026-02-28')]);
    given([registered, interestCharged('2026-02-21', '2026-02-28')])
      .when(interest('2026-02-21', '2026-02-28'))
      .then([]);
    given([registered, interestCharged('2026-02-21', '2026-02-28')])
      .when(interest('2026-03-01', '2026-03-31'))
      .then([interestCharged('2026-03-01', '2026-03-31')]);
    given([registered, interestCharged('2026-02-21', '2026-02-28')])
      .when(interest('2026-02-25', '2026-03-31'))
      .thenThrows('conflict', 'interest_period_overlap');
  });

  it('schedules a reminder id once', () => {
    const reminder: CollectionsCommand = {
      ...addressed,
      type: 'ScheduleReminder',
      reminderId: 'reminder:acme:reminder:INV-1:2026-03-06',
      level: 'reminder',
      channel: 'email',
      to: { name: 'Ada Client', email: 'ada@acme.test' },
      invoiceIds: ['INV-1'],
      sendAt: DECIDED_AT,
      message: 'Dear Ada Client, …',
    };
    const { commandId: _id, clientId: _client, type: _type, ...data } = reminder;
    const scheduled = clientEvent('ReminderScheduled', data);
    given([registered]).when(reminder).then([scheduled]);
    given([registered, scheduled]).when(reminder).then([]);
  });

  it('places one credit hold and releases only a hold that is on', () => {
    const release: CollectionsCommand = {
      ...addressed,
      type: 'ReleaseCreditHold',
      reason: 'risk below high for 30 days',
      releasedAt: DECIDED_AT,
    };
    given([registered]).when(hold).then([holdPlaced]);
    given([registered, holdPlaced]).when(hold).then([]);
    given([registered]).when(release).then([]);
    given([registered, holdPlaced])
      .when(release)
      .then([clientEvent('CreditHoldReleased', { reason: 'risk below high for 30 days', releasedAt: DECIDED_AT })]);
  });

  it('tightens terms once', () => {
    const tighten: CollectionsCommand = {
      ...addressed,
      type: 'TightenTerms',
      paymentTerms: { type: 'due_on_receipt' },
      ladderFactor: 0.5,
      trigger: 'risk',
      decidedAt: DECIDED_AT,
    };
    const tightened = clientEvent('TermsTightened', {
      paymentTerms: { type: 'due_on_receipt' },
      ladderFactor: 0.5,
      trigger: 'risk',
      decidedAt: DECIDED_AT,
    });
    given([registered]).when(tighten).then([tightened]);
    given([registered, tightened]).when(tighten).then([]);
  });

  it('decides a promise’s outcome only while it is open', () => {
    const broken = clientEvent('PromiseBroken', {
      interactionId: 'int-1',
      promisedOn: '2026-03-05',
      amount: '500000',
      paid: '0',
      decidedAt: DECIDED_AT,
    });
    given([registered, promiseMade]).when(markBroken).then([broken]);
    given([registered, promiseMade, broken]).when(markBroken).then([]);
    given([registered]).when(markBroken).then([]);
  });

  it('hands a case to the agency once, and resolves only an open case', () => {
    const handOver: CollectionsCommand = {
      ...addressed,
      type: 'HandToAgency',
      invoiceIds: ['INV-1'],
      amount: 1_006_301n,
      decidedAt: DECIDED_AT,
    };
    const handed = clientEvent('HandedToAgency', { invoiceIds: ['INV-1'], amount: '1006301', decidedAt: DECIDED_AT });
    given([registered, escalated('call')])
      .when(handOver)
      .then([handed]);
    given([registered, escalated('call'), handed])
      .when(handOver)
      .then([]);
    const resolve: CollectionsCommand = { ...addressed, type: 'ResolveCollections', decidedAt: DECIDED_AT };
    given([registered]).when(resolve).then([]);
    given([registered, escalated('call')])
      .when(resolve)
      .then([clientEvent('CollectionsResolved', { decidedAt: DECIDED_AT })]);
  });
});

describe('decideCollectionsCommand — corrections', () => {
  const brokenEvent = clientEvent('PromiseBroken', {
    interactionId: 'int-1',
    promisedOn: '2026-03-05',
    amount: '500000',
    paid: '0',
    decidedAt: DECIDED_AT,
  });
  const keptAfterAll: CollectionsCommand = {
    ...addressed,
    type: 'MarkPromiseKept',
    interactionId: 'int-1',
    promisedOn: '2026-03-05',
    amount: 500_000n,
    paid: 500_000n,
    decidedAt: DECIDED_AT,
    supersedes: 'PromiseBroken',
    reason: 'booked late',
  };
  const keptEvent = clientEvent('PromiseKept', {
    interactionId: 'int-1',
    promisedOn: '2026-03-05',
    amount: '500000',
    paid: '500000',
    decidedAt: DECIDED_AT,
    supersedes: 'PromiseBroken',
    reason: 'booked late',
  });

  it('supersedes a broken promise once, and only a broken one', () => {
    given([registered, promiseMade, brokenEvent]).when(keptAfterAll).then([keptEvent]);
    given([registered, promiseMade, brokenEvent, keptEvent]).when(keptAfterAll).then([]);
    given([registered, promiseMade]).when(keptAfterAll).then([]);
  });

  it('withdraws only steps still taken, and a reminder only while it waits to be sent', () => {
    const withdrawnStep = { level: 'call' as const, at: DECIDED_AT, explanation: 'not due' };
    const correct: CollectionsCommand = {
      ...addressed,
      type: 'CorrectCollectionsLevel',
      previousLevel: 'call',
      level: 'none',
      reason: 'not_overdue',
      withdrawnSteps: [withdrawnStep],
      decidedAt: DECIDED_AT,
    };
    const corrected = clientEvent('CollectionsLevelCorrected', {
      previousLevel: 'call',
      level: 'none',
      reason: 'not_overdue',
      withdrawnSteps: [withdrawnStep],
      decidedAt: DECIDED_AT,
    });
    given([registered, escalated('call')])
      .when(correct)
      .then([corrected]);
    given([registered, escalated('call'), corrected])
      .when(correct)
      .then([]);
    const scheduled = clientEvent('ReminderScheduled', {
      reminderId: 'r-1',
      level: 'reminder',
      channel: 'email',
      to: { name: 'Ada' },
      invoiceIds: ['INV-1'],
      sendAt: DECIDED_AT,
      message: 'm',
    });
    const withdraw: CollectionsCommand = { ...addressed, type: 'WithdrawReminder', reminderId: 'r-1', withdrawnAt: DECIDED_AT };
    given([registered, scheduled])
      .when(withdraw)
      .then([clientEvent('ReminderWithdrawn', { reminderId: 'r-1', withdrawnAt: DECIDED_AT, reason: 'step_corrected' })]);
    const delivered = clientEvent('ReminderDelivered', { reminderId: 'r-1', transport: 'email', deliveredAt: DECIDED_AT, attempts: 1 });
    given([registered, scheduled, delivered]).when(withdraw).then([]);
  });

  it('waives at most what is outstanding, once per waiver id', () => {
    const waive: CollectionsCommand = {
      ...addressed,
      type: 'WaiveCharges',
      invoiceId: 'INV-1',
      waiverId: 'w-1',
      lateFee: 5000n,
      interest: 1000n,
      reason: 'not due',
      waivedAt: DECIDED_AT,
    };
    const common = { invoiceId: 'INV-1', waiverId: 'w-1', reason: 'not due', waivedAt: DECIDED_AT };
    const waived = [
      clientEvent('LateFeeWaived', { ...common, amount: '4000' }),
      clientEvent('LateInterestWaived', { ...common, amount: '1000' }),
    ];
    given([registered, feeCharged, interestCharged('2026-02-21', '2026-02-28')])
      .when(waive)
      .then(waived);
    given([registered, feeCharged, interestCharged('2026-02-21', '2026-02-28'), ...waived])
      .when(waive)
      .then([]);
  });
});

describe('decideCollectionsCommands', () => {
  it('decides each command against the state the previous ones left: a duplicate in one run is decided once', () => {
    const state = [registered, promiseMade].reduce(evolveCollectionsState, initialCollectionsState());
    const decided = decideCollectionsCommands([fee, markBroken, fee, hold, markBroken, hold], state);
    expect(decided.map(({ events }) => events.map((event) => event.type))).toEqual([
      ['LateFeeCharged'],
      ['PromiseBroken'],
      [],
      ['CreditHoldPlaced'],
      [],
      [],
    ]);
  });
});
