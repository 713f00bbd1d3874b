import { type DateTime } from 'luxon';
import { accountView, type ClientAccountCommand, type ClientAccountState, formatMinorUnits, type RegisteredAccount } from '@settle/domain';

/** What a command answers: the resource it created or changed, as it stands now. */
export function presentCommandResult(command: ClientAccountCommand, state: ClientAccountState, now: DateTime): unknown {
  if (state.status !== 'registered') throw new Error('a recorded command leaves a registered account');
  switch (command.type) {
    case 'IssueInvoice':
      return accountView(state, now).invoices.find((invoice) => invoice.invoiceId === command.data.invoiceId);
    case 'RecordPayment':
    case 'ReversePayment':
      return presentPayment(state, command.data.paymentId);
    case 'LogInteraction':
      return {
        clientId: state.clientId,
        interactionId: command.data.interactionId,
        kind: command.data.kind,
        occurredAt: command.data.occurredAt,
      };
    default:
      return accountView(state, now);
  }
}

export function presentPayment(account: RegisteredAccount, paymentId: string) {
  const payment = account.payments.get(paymentId);
  if (!payment) throw new Error(`payment ${paymentId} missing after recording`);
  const money = (minor: bigint) => formatMinorUnits(minor, account.currency);
  return {
    clientId: account.clientId,
    paymentId,
    amount: money(payment.amount),
    currency: account.currency,
    receivedOn: payment.receivedOn,
    applications: payment.applications.map((application) => ({
      invoiceId: application.invoiceId,
      amount: money(application.amount),
      via: application.via,
    })),
    unapplied: money(payment.unapplied),
    reversed: payment.reversed ?? null,
  };
}
