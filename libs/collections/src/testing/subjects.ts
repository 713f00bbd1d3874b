import { type ClientAccountEvent } from '@settle/domain';
import { clientEvent, clientRegistered } from '@settle/domain/client-account/testing/client-account-fixtures';
import { type CollectionsSubject, collectionsSubjectFold } from '../collections-subject';

/** Test builders: `acme` in Europe/Amsterdam (Mon–Fri 09:00–17:00), late fee 40.00 and 10.50 % simple interest. */
export const ZONE = 'Europe/Amsterdam';

export const registered = clientRegistered({
  agreement: { timezone: ZONE, lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50', compounding: 'simple', graceDays: 0 } },
});

export const invoiceIssued = (invoiceId: string, amount: string, dueOn: string, issuedOn = '2026-01-21') =>
  clientEvent('InvoiceIssued', { invoiceId, amount, currency: 'EUR', issuedOn, dueOn });

export const paid = (paymentId: string, receivedOn: string, invoiceId: string, amount: string): ClientAccountEvent[] => [
  clientEvent('PaymentReceived', { paymentId, amount, currency: 'EUR', receivedOn }),
  clientEvent('PaymentAllocated', { paymentId, invoiceId, amount }),
];

export const subjectOf = (events: readonly ClientAccountEvent[]): CollectionsSubject =>
  events.reduce(collectionsSubjectFold.evolve, collectionsSubjectFold.initialState());

export { clientEvent };
