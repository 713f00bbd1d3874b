import { clientEvent, invoiceIssued, registered, subjectOf } from './testing/subjects';

describe('collectionsSubjectFold', () => {
  it('folds the case and the behaviour facts from the same events', () => {
    const subject = subjectOf([registered, invoiceIssued('INV-1', '100000', '2026-02-20')]);
    expect(subject.collections).toMatchObject({ clientId: 'acme', level: 'none' });
    expect(subject.facts.invoices).toEqual([expect.objectContaining({ invoiceId: 'INV-1', outstanding: '100000' })]);
  });

  it("remembers the latest instant the process decided at; a charge counts from the start of its day in the client's zone", () => {
    const escalated = clientEvent('CollectionsEscalated', {
      level: 'reminder',
      trigger: 'overdue',
      figures: {},
      decidedAt: '2026-02-23T10:00:00+01:00',
    });
    expect(subjectOf([registered, escalated]).decidedThrough).toBe('2026-02-23T09:00:00.000Z');
    const charged = clientEvent('LateFeeCharged', { invoiceId: 'INV-1', amount: '4000', chargedOn: '2026-03-06' });
    expect(subjectOf([registered, escalated, charged]).decidedThrough).toBe('2026-03-05T23:00:00.000Z');
    // An earlier decision recorded later does not move it back; events of others are no decisions.
    expect(subjectOf([registered, charged, escalated, invoiceIssued('INV-2', '1', '2026-04-01')]).decidedThrough).toBe(
      '2026-03-05T23:00:00.000Z',
    );
  });
});
