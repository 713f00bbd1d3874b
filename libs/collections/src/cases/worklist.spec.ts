import { DateTime } from 'luxon';
import { DEFAULT_COLLECTIONS_POLICY } from '@settle/domain';
import { assessClient } from '../process/client-assessment';
import { clientEvent, invoiceIssued, registered, subjectOf, ZONE } from '../testing/subjects';
import { byUrgency, type WorklistEntry, worklistEntry } from './worklist';

const now = DateTime.fromISO('2026-03-16T10:00', { zone: ZONE });
const entryOf = (events: Parameters<typeof subjectOf>[0]) => {
  const subject = subjectOf(events);
  return worklistEntry(subject, assessClient(subject, now), now, DEFAULT_COLLECTIONS_POLICY);
};
const GIVEN = [registered, invoiceIssued('INV-1', '100000', '2026-02-20')];
const called = clientEvent('CollectionsEscalated', {
  level: 'call',
  trigger: 'overdue',
  invoiceId: 'INV-1',
  figures: {},
  decidedAt: '2026-03-06T09:00:00.000Z',
});
const reviewed = clientEvent('CollectionsEscalated', {
  level: 'account_review',
  trigger: 'trend',
  figures: {},
  decidedAt: '2026-03-06T09:00:00.000Z',
});
const contact = (kind: 'outbound_contact' | 'client_response', occurredAt: string) =>
  clientEvent('InteractionLogged', { interactionId: `${kind}-${occurredAt}`, kind, occurredAt, channel: 'phone' });

describe('worklistEntry (what a collector does about one client today)', () => {
  it('lists nothing for a client without a case, a task or a risk', () => {
    expect(entryOf(GIVEN.slice(0, 1))).toBeUndefined();
  });

  it('asks for a call once the call step is reached, until we have reached the client', () => {
    expect(entryOf([...GIVEN, called])?.actions.map((action) => action.code)).toEqual(['call_client']);
    expect(entryOf([...GIVEN, called])?.actions[0].detail).toBe('Call Ada Client about EUR 1000.00 overdue, 24 days past due.');
    expect(entryOf([...GIVEN, called, contact('outbound_contact', '2026-03-09T09:00:00.000Z')])).toBeUndefined();
  });

  it('keeps an account review open until the client answered or a meeting was held: a mail of ours is not a review', () => {
    expect(
      entryOf([...GIVEN, reviewed, contact('outbound_contact', '2026-03-09T09:00:00.000Z')])?.actions.map((action) => action.code),
    ).toEqual(['review_account']);
    expect(entryOf([...GIVEN, reviewed, contact('client_response', '2026-03-09T09:00:00.000Z')])).toBeUndefined();
  });

  it('lists promises due, open disputes and a credit hold', () => {
    const events = [
      ...GIVEN,
      clientEvent('PromiseToPayMade', {
        interactionId: 'P-1',
        amount: '50000',
        promisedOn: '2026-03-16',
        madeAt: '2026-03-02T09:00:00.000Z',
      }),
      clientEvent('DisputeRaised', { interactionId: 'D-1', invoiceId: 'INV-1', reason: 'x', raisedAt: '2026-03-03T09:00:00.000Z' }),
      clientEvent('CreditHoldPlaced', { trigger: 'risk', reason: 'risk critical', placedAt: '2026-03-04T09:00:00.000Z' }),
    ];
    expect(entryOf(events)?.actions.map((action) => action.code)).toEqual(['promise_due', 'resolve_dispute', 'credit_hold']);
  });
});

describe('worklistEntry — a handover awaiting approval', () => {
  it('asks an admin to approve or reject it, with what would be handed over', () => {
    const proposed = clientEvent('AgencyHandoverProposed', {
      invoiceIds: ['INV-1'],
      amount: '104000',
      paymentDeadline: '2026-03-14',
      figures: {},
      proposedAt: '2026-03-15T09:00:00.000Z',
    });
    const entry = entryOf([...GIVEN, proposed]);
    expect(entry).toMatchObject({ awaitingApproval: true });
    expect(entry?.actions[0]).toEqual({
      code: 'approve_agency_handover',
      detail:
        "Approve or reject the handover of INV-1 (EUR 1040.00) to a collection agency, proposed 2026-03-15T09:00:00.000Z: the final notice's deadline passed unpaid.",
    });
    const rejected = clientEvent('AgencyHandoverRejected', {
      invoiceIds: ['INV-1'],
      reason: 'plan',
      rejectedAt: '2026-03-16T09:00:00.000Z',
    });
    expect(entryOf([...GIVEN, proposed, rejected])?.awaitingApproval ?? false).toBe(false);
  });
});

describe('byUrgency', () => {
  const entry = (clientId: string, overrides: Partial<WorklistEntry>): WorklistEntry =>
    ({
      clientId,
      awaitingApproval: false,
      goingSouth: false,
      riskLevel: 'low',
      riskScore: 10,
      level: 'reminder',
      oldestOverdueDays: 3,
      ...overrides,
    }) as WorklistEntry;

  it('puts handovers awaiting approval first, then clients going south, then by risk level, ladder level, days past due and score', () => {
    const entries = [
      entry('approval-low', { awaitingApproval: true, level: 'final_notice', oldestOverdueDays: 70 }),
      entry('agency-low', { level: 'agency', oldestOverdueDays: 90 }),
      entry('high-old', { riskLevel: 'high', riskScore: 60, level: 'final_notice', oldestOverdueDays: 50 }),
      entry('south-high', { goingSouth: true, riskLevel: 'high', riskScore: 55, level: 'reminder', oldestOverdueDays: 2 }),
      entry('high-new', { riskLevel: 'high', riskScore: 70, level: 'final_notice', oldestOverdueDays: 46 }),
      entry('south-critical', { goingSouth: true, riskLevel: 'critical', riskScore: 80, level: 'none', oldestOverdueDays: 0 }),
      entry('medium', { riskLevel: 'medium', riskScore: 30 }),
    ];
    expect([...entries].sort(byUrgency).map((item) => item.clientId)).toEqual([
      'approval-low',
      'south-critical',
      'south-high',
      'high-old',
      'high-new',
      'medium',
      'agency-low',
    ]);
  });
});
