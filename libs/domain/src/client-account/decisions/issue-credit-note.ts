import { type DateTime } from 'luxon';
import { formatMinorUnits, minorString } from '../../money/money';
import { conflict, ruleBroken } from '../../shared/errors';
import { type IssueCreditNote } from '../commands';
import { type CreditNoteIssued } from '../events';
import { todayFor } from '../queries';
import { type InvoiceState, type RegisteredAccount } from '../state';
import { happenedOn, existingInvoice, positiveAmount } from './command-input';

export const issueCreditNote = ({ data }: IssueCreditNote, account: RegisteredAccount, now: DateTime): [CreditNoteIssued] => {
  const invoice = existingInvoice(account, data.invoiceId);
  return [
    creditNote(account, invoice, {
      creditNoteId: data.creditNoteId,
      amount: positiveAmount(account, data.amount, data.currency),
      issuedOn: happenedOn(data.issuedOn, 'issuedOn', todayFor(account, now)),
      reason: data.reason,
    }),
  ];
};

/** A credit note reduces what the client owes on one invoice; never below zero. Also used when a dispute is upheld. */
export const creditNote = (
  account: RegisteredAccount,
  invoice: InvoiceState,
  note: { creditNoteId: string; amount: bigint; issuedOn: string; reason?: string },
): CreditNoteIssued => {
  if (account.creditNoteIds.has(note.creditNoteId)) throw conflict('credit_note_exists', `Credit note ${note.creditNoteId} already exists`);
  if (note.amount > invoice.outstanding) {
    throw ruleBroken(
      'credit_exceeds_outstanding',
      `A credit of ${formatMinorUnits(note.amount, account.currency)} exceeds the ${formatMinorUnits(invoice.outstanding, account.currency)} outstanding on invoice ${invoice.invoiceId}`,
    );
  }
  return {
    type: 'CreditNoteIssued',
    data: {
      clientId: account.clientId,
      creditNoteId: note.creditNoteId,
      invoiceId: invoice.invoiceId,
      amount: minorString(note.amount),
      issuedOn: note.issuedOn,
      ...(note.reason !== undefined && { reason: note.reason }),
    },
  };
};
