import { evolveBehaviourFacts } from './evolve-behaviour-facts';
import {
  clientEvent,
  factsFrom,
  interaction,
  invoice,
  invoiceIssued,
  payment,
  promiseDecided,
  promiseMade,
  registered,
} from './fixtures/behaviour-events';

describe('evolveBehaviourFacts', () => {
  it('takes the client, currency and calendar from the registration and later agreement changes', () => {
    const facts = factsFrom(registered({ timezone: 'Europe/Amsterdam', holidays: ['2026-04-27'], responseTimeBusinessDays: 1 }));
    expect(facts).toMatchObject({
      clientId: 'acme',
      name: 'Acme Ltd',
      currency: 'EUR',
      timezone: 'Europe/Amsterdam',
      holidays: ['2026-04-27'],
      responseTimeBusinessDays: 1,
    });

    const changed = factsFrom(
      registered(),
      clientEvent('AgreementChanged', {
        agreement: { ...registered().data.agreement, responseTimeBusinessDays: 3 },
        announcedAt: '2026-02-01T00:00:00Z',
      }),
    );
    expect(changed.responseTimeBusinessDays).toBe(3);
  });

  it('dates partial payments by their receipt and marks the invoice paid on the day it is fully settled', () => {
    const facts = factsFrom(
      registered(),
      invoiceIssued('inv-1', '10000', '2026-01-05', '2026-02-04'),
      payment('p-1', '2026-02-01', ['inv-1', '4000']),
      payment('p-2', '2026-02-10', ['inv-1', '6000']),
    );
    const [inv] = facts.invoices;
    expect(inv).toMatchObject({ paid: '10000', outstanding: '0', paidOn: '2026-02-10' });
    expect(inv.settlements).toEqual([
      { on: '2026-02-01', kind: 'payment', amount: '4000' },
      { on: '2026-02-10', kind: 'payment', amount: '6000' },
    ]);
  });

  it('reopens an invoice when its payment is reversed, and the repayment dates it again', () => {
    const reversed = factsFrom(
      registered(),
      invoice('inv-1', '10000', '2026-01-05', '2026-02-04', '2026-02-01'),
      clientEvent('PaymentReversed', {
        paymentId: 'pay-inv-1',
        reason: 'bounced',
        reversedOn: '2026-02-06',
        deallocations: [{ invoiceId: 'inv-1', amount: '10000' }],
        unappliedCreditRemoved: '0',
      }),
    );
    expect(reversed.invoices[0]).toMatchObject({ paid: '0', outstanding: '10000' });
    expect(reversed.invoices[0].paidOn).toBeUndefined();
    expect(reversed.invoices[0].settlements.at(-1)).toEqual({ on: '2026-02-06', kind: 'reversal', amount: '-10000' });
    expect(reversed.payments[0].reversedOn).toBe('2026-02-06');

    const repaid = [...payment('p-2', '2026-02-20', ['inv-1', '10000'])].reduce(evolveBehaviourFacts, reversed);
    expect(repaid.invoices[0]).toMatchObject({ outstanding: '0', paidOn: '2026-02-20' });
  });

  it('settles with credit no earlier than the invoice exists', () => {
    const facts = factsFrom(
      registered(),
      clientEvent('PaymentReceived', { paymentId: 'p-1', amount: '5000', currency: 'EUR', receivedOn: '2026-01-10' }),
      invoiceIssued('inv-1', '5000', '2026-01-20', '2026-02-19'),
      clientEvent('CreditApplied', { paymentId: 'p-1', invoiceId: 'inv-1', amount: '5000' }),
    );
    expect(facts.invoices[0]).toMatchObject({ outstanding: '0', paidOn: '2026-01-20' });
  });

  it('books credit notes and write-offs; a written-off invoice is never "paid"', () => {
    const facts = factsFrom(
      registered(),
      invoice('inv-1', '10000', '2026-01-05', '2026-02-04'),
      payment('p-1', '2026-02-01', ['inv-1', '6000']),
      clientEvent('CreditNoteIssued', { creditNoteId: 'cn-1', invoiceId: 'inv-1', amount: '1000', issuedOn: '2026-02-02' }),
      clientEvent('InvoiceWrittenOff', { invoiceId: 'inv-1', amount: '3000', writtenOffOn: '2026-06-30', reason: 'closed' }),
    );
    expect(facts.invoices[0]).toMatchObject({ paid: '6000', credited: '1000', writtenOff: '3000', outstanding: '0' });
    expect(facts.invoices[0].paidOn).toBeUndefined();
  });

  it('follows disputes, promises and the interactions that matter', () => {
    const facts = factsFrom(
      registered(),
      invoice('inv-1', '10000', '2026-01-05', '2026-02-04'),
      clientEvent('DisputeRaised', { interactionId: 'd-1', invoiceId: 'inv-1', reason: 'wrong hours', raisedAt: '2026-02-05T10:00:00Z' }),
      promiseMade('pr-1', '10000', '2026-03-01', '2026-02-10T10:00:00Z'),
      promiseDecided('PromiseBroken', 'pr-1', '2026-03-01', '10000'),
      interaction('outbound_contact', '2026-02-11T10:00:00Z', { interactionId: 'out-1' }),
      interaction('outbound_contact', '2026-02-11T11:00:00Z', { expectsResponse: false }),
      interaction('client_response', '2026-02-12T09:00:00Z'),
      interaction('meeting_held', '2026-02-13T09:00:00Z'),
      interaction('meeting_missed', '2026-02-20T09:00:00Z'),
      interaction('price_pushback', '2026-01-02T09:00:00Z'),
      interaction('decision_maker_changed', '2026-02-21T09:00:00Z'),
      interaction('note', '2026-02-22T09:00:00Z'),
    );
    expect(facts.invoices[0].disputed).toBe(true);
    expect(facts.promises).toEqual([
      { interactionId: 'pr-1', amount: '10000', promisedOn: '2026-03-01', madeAt: '2026-02-10T10:00:00Z', outcome: 'broken' },
    ]);
    expect(facts.outboundContacts).toEqual([{ interactionId: 'out-1', occurredAt: '2026-02-11T10:00:00Z' }]);
    expect(facts.clientResponses).toEqual(['2026-02-12T09:00:00Z']);
    expect(facts.meetingsHeld).toEqual(['2026-02-13T09:00:00Z']);
    expect(facts.meetingsMissed).toEqual(['2026-02-20T09:00:00Z']);
    expect(facts.pricePushbacks).toEqual(['2026-01-02T09:00:00Z']);
    expect(facts.decisionMakerChanges).toEqual(['2026-02-21T09:00:00Z']);

    const resolved = factsFrom(
      registered(),
      invoice('inv-1', '10000', '2026-01-05', '2026-02-04'),
      clientEvent('DisputeRaised', { interactionId: 'd-1', invoiceId: 'inv-1', reason: 'x', raisedAt: '2026-02-05T10:00:00Z' }),
      clientEvent('DisputeResolved', { interactionId: 'd-2', invoiceId: 'inv-1', outcome: 'rejected', resolvedAt: '2026-02-08T10:00:00Z' }),
    );
    expect(resolved.invoices[0].disputed).toBe(false);
  });

  it('produces plain JSON that survives a jsonb round trip unchanged', () => {
    const facts = factsFrom(registered(), invoice('inv-1', '123456789012345678901234', '2026-01-05', '2026-02-04', '2026-02-01'));
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
  });

  it('refuses an allocation of a payment the stream never received', () => {
    expect(() =>
      factsFrom(
        registered(),
        invoiceIssued('inv-1', '100', '2026-01-05', '2026-02-04'),
        clientEvent('PaymentAllocated', { paymentId: 'ghost', invoiceId: 'inv-1', amount: '100' }),
      ),
    ).toThrow('unknown payment ghost');
  });
});
