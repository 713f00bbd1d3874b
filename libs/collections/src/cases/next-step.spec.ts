import { DateTime } from 'luxon';
import { DEFAULT_COLLECTIONS_POLICY } from '@settle/domain';
import { clientEvent, invoiceIssued, registered, subjectOf, ZONE } from '../testing/subjects';
import { nextStep } from './next-step';

const at = (date: string, time = '10:00') => DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
const escalated = (level: 'reminder' | 'firm_reminder' | 'agency', decidedAt = '2026-02-23T09:00:00.000Z') =>
  clientEvent('CollectionsEscalated', { level, trigger: 'overdue', invoiceId: 'INV-1', figures: {}, decidedAt });
// INV-1: 1,000.00 due Friday 2026-02-20.
const GIVEN = [registered, invoiceIssued('INV-1', '100000', '2026-02-20')];

describe('nextStep (the case\'s "next step and when")', () => {
  it("is the first reminder, one business day after due, at the opening of the client's business hours", () => {
    expect(nextStep(subjectOf(GIVEN), at('2026-02-10'), DEFAULT_COLLECTIONS_POLICY)).toEqual({
      level: 'reminder',
      invoiceId: 'INV-1',
      on: '2026-02-23', // Monday
      at: '2026-02-23T08:00:00.000Z', // 09:00 Amsterdam
    });
  });

  it('climbs from the steps taken: the firm reminder at 7 days and a week after the reminder; with terms tightened the call first (14 × 0.5 → 7)', () => {
    const reminded = [...GIVEN, escalated('reminder')];
    expect(nextStep(subjectOf(reminded), at('2026-02-24'), DEFAULT_COLLECTIONS_POLICY)).toMatchObject({
      level: 'firm_reminder',
      on: '2026-03-02', // 7 days past due on 27 Feb, but the reminder went out on 23 Feb
    });
    const tightened = [
      ...reminded,
      clientEvent('TermsTightened', {
        paymentTerms: { type: 'due_on_receipt' },
        ladderFactor: 0.5,
        trigger: 'risk',
        decidedAt: '2026-02-23T09:00:00.000Z',
      }),
    ];
    expect(nextStep(subjectOf(tightened), at('2026-02-23'), DEFAULT_COLLECTIONS_POLICY)).toMatchObject({
      level: 'call',
      on: '2026-02-27',
    });
  });

  it('is due now when its day has passed (the next cycle takes it)', () => {
    const reminded = [...GIVEN, escalated('reminder'), escalated('firm_reminder')];
    // The call (14 days) was reached on 6 Mar; asked on 9 Mar at 10:00, it is due now.
    expect(nextStep(subjectOf(reminded), at('2026-03-09'), DEFAULT_COLLECTIONS_POLICY)).toEqual({
      level: 'call',
      invoiceId: 'INV-1',
      on: '2026-03-09',
      at: '2026-03-09T09:00:00.000Z',
    });
  });

  it("waits for a manual pause to end, or for the day after a promise's date", () => {
    const reminded = [...GIVEN, escalated('reminder')];
    const paused = [
      ...reminded,
      clientEvent('CollectionsPaused', { pauseId: 'PA-1', until: '2026-03-09', reason: 'talks', pausedAt: '2026-02-24T09:00:00.000Z' }),
    ];
    expect(nextStep(subjectOf(paused), at('2026-02-24'), DEFAULT_COLLECTIONS_POLICY)).toMatchObject({
      on: '2026-03-10',
      waitingFor: 'pause',
    });
    const promised = [
      ...reminded,
      clientEvent('PromiseToPayMade', {
        interactionId: 'P-1',
        amount: '100000',
        promisedOn: '2026-03-05',
        madeAt: '2026-02-24T09:00:00.000Z',
      }),
    ];
    expect(nextStep(subjectOf(promised), at('2026-02-24'), DEFAULT_COLLECTIONS_POLICY)).toMatchObject({
      on: '2026-03-06',
      waitingFor: 'promise',
    });
  });

  it('after a broken promise, is the next client-facing step as soon as the spacing allows, whatever the days', () => {
    const policy = {
      ...DEFAULT_COLLECTIONS_POLICY,
      ladder: { ...DEFAULT_COLLECTIONS_POLICY.ladder, firm_reminder: { days: 12, unit: 'calendar_days' as const } },
    };
    const broken = [
      ...GIVEN,
      escalated('reminder'),
      clientEvent('PromiseToPayMade', {
        interactionId: 'P-1',
        amount: '100000',
        promisedOn: '2026-02-25',
        madeAt: '2026-02-24T09:00:00.000Z',
      }),
      clientEvent('PromiseBroken', {
        interactionId: 'P-1',
        promisedOn: '2026-02-25',
        amount: '100000',
        paid: '0',
        decidedAt: '2026-02-26T09:00:00.000Z',
      }),
    ];
    // By the days the firm reminder would wait for 4 March.
    expect(nextStep(subjectOf(broken), at('2026-02-26', '11:00'), policy)).toMatchObject({ level: 'firm_reminder', on: '2026-03-02' });
  });

  it('waits for an admin while a handover to the agency is proposed, and follows the final notice’s deadline before', () => {
    const noticed = [
      ...GIVEN,
      escalated('reminder'),
      escalated('firm_reminder', '2026-03-02T08:00:00.000Z'),
      clientEvent('CollectionsEscalated', {
        level: 'final_notice',
        trigger: 'overdue',
        invoiceId: 'INV-1',
        figures: {},
        decidedAt: '2026-04-06T08:00:00.000Z',
      }),
      clientEvent('ReminderScheduled', {
        reminderId: 'R-3',
        level: 'final_notice',
        channel: 'email',
        to: { name: 'Ada' },
        invoiceIds: ['INV-1'],
        sendAt: '2026-04-06T08:00:00.000Z',
        message: '…',
        paymentDeadline: '2026-04-24',
      }),
    ];
    // The days reach the agency on 21 April; the notice gave until 24 April.
    expect(nextStep(subjectOf(noticed), at('2026-04-07'), DEFAULT_COLLECTIONS_POLICY)).toMatchObject({ level: 'agency', on: '2026-04-25' });
    const proposed = clientEvent('AgencyHandoverProposed', {
      invoiceIds: ['INV-1'],
      amount: '100000',
      paymentDeadline: '2026-04-24',
      figures: {},
      proposedAt: '2026-04-25T08:00:00.000Z',
    });
    expect(nextStep(subjectOf([...noticed, proposed]), at('2026-04-27'), DEFAULT_COLLECTIONS_POLICY)).toMatchObject({
      level: 'agency',
      on: '2026-04-27',
      waitingFor: 'approval',
    });
  });

  it('is none with nothing to chase, a disputed invoice only, or the case with the agency', () => {
    expect(nextStep(subjectOf([registered]), at('2026-02-24'), DEFAULT_COLLECTIONS_POLICY)).toBeNull();
    const disputed = [
      ...GIVEN,
      clientEvent('DisputeRaised', { interactionId: 'D-1', invoiceId: 'INV-1', reason: 'x', raisedAt: '2026-02-21T09:00:00.000Z' }),
    ];
    expect(nextStep(subjectOf(disputed), at('2026-02-24'), DEFAULT_COLLECTIONS_POLICY)).toBeNull();
    expect(nextStep(subjectOf([...GIVEN, escalated('agency')]), at('2026-04-24'), DEFAULT_COLLECTIONS_POLICY)).toBeNull();
  });
});
