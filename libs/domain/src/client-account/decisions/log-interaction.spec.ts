import { clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';
import { type LogInteraction } from '../commands';

// Monday 2 March 2026.
const given = givenClientAccount('2026-03-02T10:00:00Z');
const AT = '2026-03-02T09:00:00.000Z';
const history = [
  clientRegistered({ agreement: { timezone: 'Europe/Amsterdam' } }),
  clientEvent('InvoiceIssued', { invoiceId: 'inv-1', amount: '100000', currency: 'EUR', issuedOn: '2026-01-05', dueOn: '2026-02-04' }),
];
const disputed = [
  ...history,
  clientEvent('DisputeRaised', { interactionId: 'i-0', invoiceId: 'inv-1', reason: 'wrong hours', raisedAt: '2026-02-10T10:00:00.000Z' }),
];
const log = (data: Partial<LogInteraction['data']> & Pick<LogInteraction['data'], 'kind'>) =>
  clientCommand('LogInteraction', { interactionId: 'i-1', occurredAt: AT, ...data });
const logged = (data: Partial<ReturnType<typeof clientEvent<'InteractionLogged'>>['data']> & { kind: LogInteraction['data']['kind'] }) =>
  clientEvent('InteractionLogged', { interactionId: 'i-1', occurredAt: AT, ...data });

describe('LogInteraction', () => {
  it('logs an outbound contact, expecting a response unless told otherwise', () => {
    given(history)
      .when(log({ kind: 'outbound_contact', channel: 'email', summary: 'Sent statement', contact: 'Ada' }))
      .then([logged({ kind: 'outbound_contact', channel: 'email', summary: 'Sent statement', contact: 'Ada', expectsResponse: true })]);
    given(history)
      .when(log({ kind: 'outbound_contact', channel: 'letter', expectsResponse: false }))
      .then([logged({ kind: 'outbound_contact', channel: 'letter', expectsResponse: false })]);
  });

  it('keeps only the fields that belong to the kind', () => {
    given(history)
      .when(log({ kind: 'client_response', channel: 'phone', respondsTo: 'i-0', expectsResponse: true, amount: '5.00' }))
      .then([logged({ kind: 'client_response', channel: 'phone', respondsTo: 'i-0' })]);
    given(history)
      .when(log({ kind: 'decision_maker_changed', newContact: { name: 'Cy CFO' }, respondsTo: 'i-0' }))
      .then([logged({ kind: 'decision_maker_changed', newContact: { name: 'Cy CFO' } })]);
  });

  it.each(['meeting_held', 'meeting_missed', 'price_pushback', 'complaint', 'note'] as const)('logs %s on its own', (kind) => {
    given(history)
      .when(log({ kind }))
      .then([logged({ kind })]);
  });

  it('stores the instant in UTC', () => {
    given(history)
      .when(log({ kind: 'note', occurredAt: '2026-03-02T10:00:00+01:00' }))
      .then([logged({ kind: 'note' })]);
  });

  it.each(['yesterday', '2026-03-02T10:00:00', '2026-03-02', '2026-02-30T10:00:00Z'])('refuses occurredAt %p', (occurredAt) => {
    given(history)
      .when(log({ kind: 'note', occurredAt }))
      .thenThrows('validation', 'invalid_instant', 'occurredAt');
  });

  it('refuses an interaction id used before', () => {
    given([...history, logged({ kind: 'note' })])
      .when(log({ kind: 'note' }))
      .thenThrows('conflict', 'interaction_exists');
  });

  describe('promise_to_pay', () => {
    it('records the promise', () => {
      given(history)
        .when(log({ kind: 'promise_to_pay', amount: '1000.00', promisedOn: '2026-03-10' }))
        .then([
          logged({ kind: 'promise_to_pay' }),
          clientEvent('PromiseToPayMade', { interactionId: 'i-1', amount: '100000', promisedOn: '2026-03-10', madeAt: AT }),
        ]);
    });

    it('needs an amount and a date', () => {
      given(history)
        .when(log({ kind: 'promise_to_pay', promisedOn: '2026-03-10' }))
        .thenThrows('validation', 'required', 'amount');
      given(history)
        .when(log({ kind: 'promise_to_pay', amount: '10.00' }))
        .thenThrows('validation', 'required', 'promisedOn');
      given(history)
        .when(log({ kind: 'promise_to_pay', amount: '10.00', promisedOn: '10 March' }))
        .thenThrows('validation', 'invalid_date', 'promisedOn');
      given(history)
        .when(log({ kind: 'promise_to_pay', amount: '0', promisedOn: '2026-03-10' }))
        .thenThrows('validation', 'amount_not_positive', 'amount');
    });

    it('refuses a promise dated before it was made (local date)', () => {
      // 23:30 UTC on 1 March is already 2 March in Amsterdam, so a promise for 1 March is in the past.
      given(history)
        .when(log({ kind: 'promise_to_pay', amount: '10.00', promisedOn: '2026-03-01', occurredAt: '2026-03-01T23:30:00Z' }))
        .thenThrows('validation', 'promised_in_the_past', 'promisedOn');
    });

    it('refuses another currency', () => {
      given(history)
        .when(log({ kind: 'promise_to_pay', amount: '10.00', currency: 'USD', promisedOn: '2026-03-10' }))
        .thenThrows('rule', 'currency_mismatch');
    });
  });

  describe('dispute_raised', () => {
    it('opens a dispute on the invoice', () => {
      given(history)
        .when(log({ kind: 'dispute_raised', invoiceId: 'inv-1', reason: 'hours not agreed' }))
        .then([
          logged({ kind: 'dispute_raised' }),
          clientEvent('DisputeRaised', { interactionId: 'i-1', invoiceId: 'inv-1', reason: 'hours not agreed', raisedAt: AT }),
        ]);
    });

    it('refuses an unknown invoice, a missing invoice or reason, a second open dispute', () => {
      given(history)
        .when(log({ kind: 'dispute_raised', invoiceId: 'inv-x', reason: 'r' }))
        .thenThrows('not_found', 'invoice_not_found');
      given(history)
        .when(log({ kind: 'dispute_raised', reason: 'r' }))
        .thenThrows('validation', 'required', 'invoiceId');
      given(history)
        .when(log({ kind: 'dispute_raised', invoiceId: 'inv-1' }))
        .thenThrows('validation', 'required', 'reason');
      given(disputed)
        .when(log({ kind: 'dispute_raised', invoiceId: 'inv-1', reason: 'again' }))
        .thenThrows('rule', 'dispute_already_open');
    });
  });

  describe('dispute_resolved', () => {
    const resolved = (outcome: 'upheld' | 'rejected', creditAmount?: string) =>
      clientEvent('DisputeResolved', {
        interactionId: 'i-1',
        invoiceId: 'inv-1',
        outcome,
        ...(creditAmount && { creditAmount }),
        resolvedAt: AT,
      });

    it('upheld with a credit amount also issues the credit note', () => {
      given(disputed)
        .when(log({ kind: 'dispute_resolved', invoiceId: 'inv-1', outcome: 'upheld', creditAmount: '250.00' }))
        .then([
          logged({ kind: 'dispute_resolved' }),
          resolved('upheld', '25000'),
          clientEvent('CreditNoteIssued', {
            creditNoteId: 'i-1-credit',
            invoiceId: 'inv-1',
            amount: '25000',
            issuedOn: '2026-03-02',
            reason: 'Dispute i-0 upheld',
          }),
        ]);
    });

    it('upheld without a credit amount, or rejected, issues no credit note', () => {
      given(disputed)
        .when(log({ kind: 'dispute_resolved', invoiceId: 'inv-1', outcome: 'upheld' }))
        .then([logged({ kind: 'dispute_resolved' }), resolved('upheld')]);
      given(disputed)
        .when(log({ kind: 'dispute_resolved', invoiceId: 'inv-1', outcome: 'rejected' }))
        .then([logged({ kind: 'dispute_resolved' }), resolved('rejected')]);
    });

    it('refuses a credit larger than the outstanding amount', () => {
      given(disputed)
        .when(log({ kind: 'dispute_resolved', invoiceId: 'inv-1', outcome: 'upheld', creditAmount: '1000.01' }))
        .thenThrows('rule', 'credit_exceeds_outstanding');
    });

    it('refuses without an open dispute, without an outcome, or with a credit on a rejection', () => {
      given(history)
        .when(log({ kind: 'dispute_resolved', invoiceId: 'inv-1', outcome: 'rejected' }))
        .thenThrows('rule', 'no_open_dispute');
      given(disputed)
        .when(log({ kind: 'dispute_resolved', invoiceId: 'inv-1' }))
        .thenThrows('validation', 'outcome_required', 'outcome');
      given(disputed)
        .when(log({ kind: 'dispute_resolved', invoiceId: 'inv-1', outcome: 'rejected', creditAmount: '1.00' }))
        .thenThrows('validation', 'credit_on_rejected_dispute', 'creditAmount');
    });

    it('closes the dispute, so a new one may be raised', () => {
      given([...disputed, logged({ kind: 'dispute_resolved' }), resolved('rejected')])
        .when(log({ kind: 'dispute_raised', interactionId: 'i-2', invoiceId: 'inv-1', reason: 'still wrong' }))
        .then([
          logged({ kind: 'dispute_raised', interactionId: 'i-2' }),
          clientEvent('DisputeRaised', { interactionId: 'i-2', invoiceId: 'inv-1', reason: 'still wrong', raisedAt: AT }),
        ]);
    });
  });

  it('refuses an unknown kind', () => {
    given(history)
      .when(log({ kind: 'gossip' as LogInteraction['data']['kind'] }))
      .thenThrows('validation', 'unknown_interaction_kind', 'kind');
  });
});
