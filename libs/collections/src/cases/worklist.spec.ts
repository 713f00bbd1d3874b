import { DateTime } from 'luxon';
import { DEFAULT_COLLECTIONS_POLICY } from '@settle/domain';
import { assessClient } from '../process/client-assessment';
import { clientEvent, invoiceIssued, paid, registered, subjectOf, ZONE } from '../testing/subjects';
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
const proposed = clientEvent('AgencyHandoverProposed', {
  invoiceIds: ['INV-1'],
  amount: '104000',
  paymentDeadline: '2026-03-14',
  figures: {},
  proposedAt: '2026-03-15T09:00:00.000Z',
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

describe('worklistEntry — an item leaves the list once its reason is gone', () => {
  const codes = (events: Parameters<typeof subjectOf>[0]) => entryOf(events)?.actions.map((action) => action.code) ?? [];
  const promise = (interactionId: string, amount: string, promisedOn: string, madeAt: string) =>
    clientEvent('PromiseToPayMade', { interactionId, amount, promisedOn, madeAt });
  const disputeRaised = clientEvent('DisputeRaised', {
    interactionId: 'D-1',
    invoiceId: 'INV-1',
    reason: 'x',
    raisedAt: '2026-03-03T09:00:00.000Z',
  });
  const resolved = clientEvent('CollectionsResolved', { decidedAt: '2026-03-13T08:00:00.000Z' });

  it('a steady late payer whose invoice was paid: no call about EUR 0.00, before the cycle closes the case or after', () => {
    const paidLate = paid('PAY-1', '2026-03-12', 'INV-1', '100000');
    expect(codes([...GIVEN, called])).toEqual(['call_client']);
    expect(entryOf([...GIVEN, called, ...paidLate])).toBeUndefined();
    expect(entryOf([...GIVEN, called, ...paidLate, resolved])).toBeUndefined();
    // The next invoice late again: the old case's call task asks for nothing until the new case reaches `call`.
    expect(entryOf([...GIVEN, called, ...paidLate, resolved, invoiceIssued('INV-2', '50000', '2026-03-10', '2026-02-08')])).toBeUndefined();
  });

  it('a call shows the figures of today: a part payment lowers what is overdue', () => {
    expect(entryOf([...GIVEN, called, ...paid('PAY-1', '2026-03-12', 'INV-1', '40000')])?.actions[0].detail).toBe(
      'Call Ada Client about EUR 600.00 overdue, 24 days past due.',
    );
  });

  it('a promise to pay recorded after the call task clears it: the call got its answer; a promise made before does not', () => {
    expect(entryOf([...GIVEN, called, promise('P-1', '100000', '2026-03-20', '2026-03-09T10:00:00.000Z')])).toBeUndefined();
    expect(codes([...GIVEN, promise('P-0', '100000', '2026-03-05', '2026-03-02T10:00:00.000Z'), called])).toContain('call_client');
  });

  it('a promise due leaves once the payments since it was made keep it, before the cycle records PromiseKept', () => {
    const promised = promise('P-1', '50000', '2026-03-13', '2026-03-02T09:00:00.000Z');
    expect(entryOf([...GIVEN, promised])?.actions).toEqual([
      { code: 'promise_due', detail: 'Promise to pay EUR 500.00 by 2026-03-13: EUR 0.00 received since it was made; check the payment.' },
    ]);
    expect(entryOf([...GIVEN, promised, ...paid('PAY-1', '2026-03-12', 'INV-1', '50000')])).toBeUndefined();
    expect(entryOf([...GIVEN, promised, ...paid('PAY-1', '2026-03-12', 'INV-1', '20000')])?.actions[0].detail).toBe(
      'Promise to pay EUR 500.00 by 2026-03-13: EUR 200.00 received since it was made; check the payment.',
    );
  });

  it('a dispute leaves once resolved, or once the disputed invoice is settled', () => {
    expect(entryOf([...GIVEN, disputeRaised])?.actions).toEqual([
      { code: 'resolve_dispute', detail: 'Invoice INV-1 (EUR 1000.00 outstanding) is disputed: resolve it to resume collection.' },
    ]);
    const disputeResolved = clientEvent('DisputeResolved', {
      interactionId: 'D-1',
      invoiceId: 'INV-1',
      outcome: 'rejected',
      resolvedAt: '2026-03-10T09:00:00.000Z',
    });
    expect(codes([...GIVEN, disputeRaised, disputeResolved])).not.toContain('resolve_dispute');
    expect(entryOf([...GIVEN, disputeRaised, ...paid('PAY-1', '2026-03-12', 'INV-1', '100000')])).toBeUndefined();
  });

  it('a final notice and a proposed handover leave once everything is paid', () => {
    const finalNotice = clientEvent('CollectionsEscalated', {
      level: 'final_notice',
      trigger: 'overdue',
      invoiceId: 'INV-1',
      figures: {},
      decidedAt: '2026-03-06T09:00:00.000Z',
    });
    const contacted = contact('outbound_contact', '2026-03-09T09:00:00.000Z');
    expect(codes([...GIVEN, finalNotice, contacted, proposed])).toEqual(['approve_agency_handover', 'final_notice']);
    const settled = entryOf([...GIVEN, finalNotice, contacted, proposed, ...paid('PAY-1', '2026-03-15', 'INV-1', '100000')]);
    expect(settled).toBeUndefined();
  });
});

describe('worklistEntry — a handover awaiting approval', () => {
  it('asks an admin to approve or reject it, with what would be handed over', () => {
    const entry = entryOf([...GIVEN, proposed]);
    expect(entry).toMatchObject({ awaitingApproval: true });
    expect(entry?.actions[0]).toEqual({
      code: 'approve_agency_handover',
      detail:
        "Approve or reject the handover of INV-1 (EUR 1040.00, of which EUR 1000.00 principal unpaid today) to a collection agency, proposed 2026-03-15T09:00:00.000Z: the final notice's deadline passed unpaid.",
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
