import { CONTACT, clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';
import { type ClientAccountCommand } from '../commands';

const given = givenClientAccount('2026-03-02T10:00:00Z');
const register = (data: Partial<Parameters<typeof clientCommand<'RegisterClient'>>[1]> = {}) =>
  clientCommand('RegisterClient', { name: 'Acme Ltd', currency: 'EUR', agreement: { contact: CONTACT }, ...data });

describe('RegisterClient', () => {
  it('registers the client with the agreement normalised', () => {
    given([])
      .when(register({ agreement: { contact: CONTACT, timezone: 'Europe/Amsterdam', lateFeePolicy: { fixedFee: '40.00' } } }))
      .then([
        clientRegistered({
          agreement: { timezone: 'Europe/Amsterdam', lateFeePolicy: { fixedFee: '40.00' } },
          registeredAt: '2026-03-02T10:00:00.000Z',
        }),
      ]);
  });

  it('registers a JPY client, fees in yen', () => {
    given([])
      .when(register({ currency: 'JPY', agreement: { contact: CONTACT, lateFeePolicy: { fixedFee: '5000' } } }))
      .then([
        clientRegistered({ currency: 'JPY', agreement: { lateFeePolicy: { fixedFee: '5000' } }, registeredAt: '2026-03-02T10:00:00.000Z' }),
      ]);
  });

  it('refuses a second registration', () => {
    given([clientRegistered()]).when(register()).thenThrows('conflict', 'client_exists');
  });

  it.each(['EURO', 'eur', 'ABC'])('refuses currency %p', (currency) => {
    given([]).when(register({ currency })).thenThrows('validation', 'unknown_currency', 'currency');
  });

  it('refuses a blank name', () => {
    given([])
      .when(register({ name: '  ' }))
      .thenThrows('validation', 'required', 'name');
  });

  it('refuses an invalid agreement, naming the field', () => {
    given([])
      .when(register({ agreement: { contact: CONTACT, timezone: 'Nowhere/Else' } }))
      .thenThrows('validation', 'unknown_timezone', 'agreement.timezone');
  });

  it('refuses a fee the currency cannot represent', () => {
    given([])
      .when(register({ currency: 'JPY', agreement: { contact: CONTACT, lateFeePolicy: { fixedFee: '40.50' } } }))
      .thenThrows('validation', 'too_many_decimals', 'agreement.lateFeePolicy.fixedFee');
  });
});

describe('any other command on an unregistered account', () => {
  const commands: ClientAccountCommand[] = [
    clientCommand('ChangeAgreement', { agreement: { contact: CONTACT } }),
    clientCommand('IssueInvoice', { invoiceId: 'inv-1', amount: '10.00', currency: 'EUR' }),
    clientCommand('RecordPayment', { paymentId: 'pay-1', amount: '10.00', currency: 'EUR' }),
    clientCommand('ReversePayment', { paymentId: 'pay-1', reason: 'bounced' }),
    clientCommand('IssueCreditNote', { invoiceId: 'inv-1', creditNoteId: 'cn-1', amount: '1.00', currency: 'EUR' }),
    clientCommand('WriteOffInvoice', { invoiceId: 'inv-1', reason: 'gone' }),
    clientCommand('LogInteraction', { interactionId: 'i-1', kind: 'note', occurredAt: '2026-03-02T10:00:00Z' }),
    clientCommand('PauseCollections', { pauseId: 'p-1', until: '2026-04-01', reason: 'holiday' }),
    clientCommand('ResumeCollections', {}),
  ];

  it.each(commands.map((command) => [command.type, command] as const))('%s is not_found client_not_found', (_type, command) => {
    given([]).when(command).thenThrows('not_found', 'client_not_found');
  });

  it('the same command is accepted once the client is registered', () => {
    given([clientRegistered()])
      .when(commands[1])
      .then([
        clientEvent('InvoiceIssued', { invoiceId: 'inv-1', amount: '1000', currency: 'EUR', issuedOn: '2026-03-02', dueOn: '2026-04-01' }),
      ]);
  });
});
