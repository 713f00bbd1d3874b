import { DateTime } from 'luxon';
import { clientAccountDecider, stateFromEvents } from '../client-account.decider';
import { type ClientAccountCommand } from '../commands';
import { clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';

// Monday 2 March 2026, 23:30 UTC: already Tuesday 3 March in Amsterdam, the client's time zone.
const NOW = '2026-03-02T23:30:00Z';
const given = givenClientAccount(NOW);
const history = [
  clientRegistered({ agreement: { timezone: 'Europe/Amsterdam' } }),
  clientEvent('InvoiceIssued', { invoiceId: 'INV-1', amount: '100000', currency: 'EUR', issuedOn: '2026-02-01', dueOn: '2026-03-03' }),
  clientEvent('PaymentReceived', { paymentId: 'PAY-1', amount: '1000', currency: 'EUR', receivedOn: '2026-03-01' }),
  clientEvent('PaymentAllocated', { paymentId: 'PAY-1', invoiceId: 'INV-1', amount: '1000' }),
];

/** Every command dating something that has already happened, with that date set to `date`. */
const datedCommands = (date: string): [string, ClientAccountCommand][] => [
  ['issuedOn', clientCommand('IssueInvoice', { invoiceId: 'INV-2', amount: '10.00', currency: 'EUR', issuedOn: date })],
  ['receivedOn', clientCommand('RecordPayment', { paymentId: 'PAY-2', amount: '10.00', currency: 'EUR', receivedOn: date })],
  ['reversedOn', clientCommand('ReversePayment', { paymentId: 'PAY-1', reason: 'Bounced', reversedOn: date })],
  [
    'issuedOn',
    clientCommand('IssueCreditNote', { invoiceId: 'INV-1', creditNoteId: 'CN-1', amount: '1.00', currency: 'EUR', issuedOn: date }),
  ],
  ['writtenOffOn', clientCommand('WriteOffInvoice', { invoiceId: 'INV-1', reason: 'Insolvent', writtenOffOn: date })],
  ['occurredAt', clientCommand('LogInteraction', { interactionId: 'NOTE-1', kind: 'note', occurredAt: `${date}T08:00:00+01:00` })],
];

describe('business dates of what has happened (SPEC 3.2)', () => {
  it.each(datedCommands('2026-03-05'))('refuses %s more than a day after the client’s today', (field, command) => {
    given(history).when(command).thenThrows('rule', 'date_in_future', field);
  });

  it.each(datedCommands('2026-03-04'))('accepts %s up to a day after the client’s today', (_, command) => {
    const decided = clientAccountDecider.decide(command, stateFromEvents(history), DateTime.fromISO(NOW));
    expect(decided.length).toBeGreaterThan(0);
  });

  it.each([...datedCommands('1899-12-31'), ...datedCommands('2201-01-01')])('refuses %s outside 1900–2200', (field, command) => {
    given(history).when(command).thenThrows('validation', 'date_out_of_range', field);
  });

  it('lets what is planned lie ahead: due dates, promised dates, pause ends', () => {
    given(history)
      .when(clientCommand('IssueInvoice', { invoiceId: 'INV-2', amount: '10.00', currency: 'EUR', dueOn: '2027-01-01' }))
      .then([
        clientEvent('InvoiceIssued', { invoiceId: 'INV-2', amount: '1000', currency: 'EUR', issuedOn: '2026-03-03', dueOn: '2027-01-01' }),
      ]);
    given(history)
      .when(
        clientCommand('LogInteraction', {
          interactionId: 'P-1',
          kind: 'promise_to_pay',
          occurredAt: '2026-03-02T23:00:00Z',
          amount: '100.00',
          promisedOn: '2026-12-01',
        }),
      )
      .then([
        clientEvent('InteractionLogged', { interactionId: 'P-1', kind: 'promise_to_pay', occurredAt: '2026-03-02T23:00:00.000Z' }),
        clientEvent('PromiseToPayMade', {
          interactionId: 'P-1',
          amount: '10000',
          promisedOn: '2026-12-01',
          madeAt: '2026-03-02T23:00:00.000Z',
        }),
      ]);
    given(history)
      .when(clientCommand('PauseCollections', { pauseId: 'PAUSE-1', until: '2026-12-31', reason: 'Payment plan' }))
      .then([
        clientEvent('CollectionsPaused', {
          pauseId: 'PAUSE-1',
          until: '2026-12-31',
          reason: 'Payment plan',
          pausedAt: '2026-03-02T23:30:00.000Z',
        }),
      ]);
  });
});
