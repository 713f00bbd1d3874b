import { factsFrom, invoice, interaction, registered } from '@settle/domain/metrics/fixtures/behaviour-events';
import { assembleFacts, itemsNamedBy } from './fact-items';

describe('client facts as rows', () => {
  it('finds the invoices, payments and promises an event names, reversals included', () => {
    expect(itemsNamedBy({ paymentId: 'p1', invoiceId: 'I1', amount: '100' })).toEqual([
      { kind: 'invoices', key: 'I1' },
      { kind: 'payments', key: 'p1' },
    ]);
    expect(itemsNamedBy({ paymentId: 'p1', deallocations: [{ invoiceId: 'I1' }, { invoiceId: 'I2' }] })).toEqual([
      { kind: 'payments', key: 'p1' },
      { kind: 'invoices', key: 'I1' },
      { kind: 'invoices', key: 'I2' },
    ]);
    expect(itemsNamedBy({ interactionId: 'ptp-1', promisedOn: '2026-01-01' })).toEqual([{ kind: 'promises', key: 'ptp-1' }]);
    expect(itemsNamedBy({ name: 'Acme' })).toEqual([]);
  });

  it('reassembles the facts from the client fields and the list elements in order', () => {
    const facts = factsFrom(
      registered(),
      invoice('I1', '1000', '2026-01-01', '2026-01-31', '2026-01-20'),
      invoice('I2', '2000', '2026-02-01', '2026-03-03'),
      interaction('outbound_contact', '2026-02-10T10:00:00.000Z'),
      interaction('meeting_missed', '2026-02-11T10:00:00.000Z'),
    );
    const {
      invoices,
      payments,
      promises,
      outboundContacts,
      clientResponses,
      meetingsHeld,
      meetingsMissed,
      pricePushbacks,
      decisionMakerChanges,
      ...client
    } = facts;
    const items = [
      ...invoices.map((data) => ({ kind: 'invoices' as const, data })),
      ...payments.map((data) => ({ kind: 'payments' as const, data })),
      ...outboundContacts.map((data) => ({ kind: 'outboundContacts' as const, data })),
      ...meetingsMissed.map((data) => ({ kind: 'meetingsMissed' as const, data })),
    ];
    expect(assembleFacts(client, items)).toEqual(facts);
    expect([promises, clientResponses, meetingsHeld, pricePushbacks, decisionMakerChanges]).toEqual([[], [], [], [], []]);
  });
});
