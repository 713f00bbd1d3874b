import { clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';
import { type IssueCreditNote, type WriteOffInvoice } from '../commands';

// Monday 2 March 2026.
const given = givenClientAccount('2026-03-02T10:00:00Z');
const history = [
  clientRegistered(),
  clientEvent('InvoiceIssued', { invoiceId: 'inv-1', amount: '100000', currency: 'EUR', issuedOn: '2026-01-05', dueOn: '2026-02-04' }),
  clientEvent('PaymentReceived', { paymentId: 'pay-1', amount: '40000', currency: 'EUR', receivedOn: '2026-02-10' }),
  clientEvent('PaymentAllocated', { paymentId: 'pay-1', invoiceId: 'inv-1', amount: '40000' }),
];
const creditNote = (data: Partial<IssueCreditNote['data']> = {}) =>
  clientCommand('IssueCreditNote', { invoiceId: 'inv-1', creditNoteId: 'cn-1', amount: '100.00', currency: 'EUR', ...data });
const writeOff = (data: Partial<WriteOffInvoice['data']> = {}) =>
  clientCommand('WriteOffInvoice', { invoiceId: 'inv-1', reason: 'client insolvent', ...data });

describe('IssueCreditNote', () => {
  it('credits part of the outstanding amount', () => {
    given(history)
      .when(creditNote({ reason: 'goodwill' }))
      .then([
        clientEvent('CreditNoteIssued', {
          creditNoteId: 'cn-1',
          invoiceId: 'inv-1',
          amount: '10000',
          issuedOn: '2026-03-02',
          reason: 'goodwill',
        }),
      ]);
  });

  it('may credit exactly what is outstanding', () => {
    given(history)
      .when(creditNote({ amount: '600.00', issuedOn: '2026-02-28' }))
      .then([clientEvent('CreditNoteIssued', { creditNoteId: 'cn-1', invoiceId: 'inv-1', amount: '60000', issuedOn: '2026-02-28' })]);
  });

  it('refuses more than is outstanding', () => {
    given(history)
      .when(creditNote({ amount: '600.01' }))
      .thenThrows('rule', 'credit_exceeds_outstanding');
  });

  it('refuses an unknown invoice, a reused id, another currency, a non-positive amount', () => {
    given(history)
      .when(creditNote({ invoiceId: 'inv-x' }))
      .thenThrows('not_found', 'invoice_not_found');
    given([
      ...history,
      clientEvent('CreditNoteIssued', { creditNoteId: 'cn-1', invoiceId: 'inv-1', amount: '100', issuedOn: '2026-03-01' }),
    ])
      .when(creditNote())
      .thenThrows('conflict', 'credit_note_exists');
    given(history)
      .when(creditNote({ currency: 'USD' }))
      .thenThrows('rule', 'currency_mismatch');
    given(history)
      .when(creditNote({ amount: '-1.00' }))
      .thenThrows('validation', 'amount_not_positive', 'amount');
  });
});

describe('WriteOffInvoice', () => {
  it('writes off what remains outstanding', () => {
    given(history)
      .when(writeOff())
      .then([
        clientEvent('InvoiceWrittenOff', { invoiceId: 'inv-1', amount: '60000', writtenOffOn: '2026-03-02', reason: 'client insolvent' }),
      ]);
  });

  it('refuses when nothing is outstanding', () => {
    given([
      ...history,
      clientEvent('InvoiceWrittenOff', { invoiceId: 'inv-1', amount: '60000', writtenOffOn: '2026-03-01', reason: 'gone' }),
    ])
      .when(writeOff())
      .thenThrows('rule', 'nothing_to_write_off');
  });

  it('refuses an unknown invoice and a missing reason', () => {
    given(history)
      .when(writeOff({ invoiceId: 'inv-x' }))
      .thenThrows('not_found', 'invoice_not_found');
    given(history)
      .when(writeOff({ reason: ' ' }))
      .thenThrows('validation', 'required', 'reason');
  });
});
