import { type DateTime } from 'luxon';
import { requiredText } from '../../agreement/input-checks';
import { minorString } from '../../money/money';
import { invalid, notFound, ruleBroken } from '../../shared/errors';
import { type ReversePayment } from '../commands';
import { type PaymentReversed } from '../events';
import { todayFor } from '../queries';
import { type RegisteredAccount } from '../state';
import { happenedOn } from './command-input';

/** A bounced or charged-back payment: everything it settled is undone (the invoices reopen, the fees and interest it paid are owed again) and its credit disappears. */
export const reversePayment = ({ data }: ReversePayment, account: RegisteredAccount, now: DateTime): [PaymentReversed] => {
  const payment = account.payments.get(data.paymentId);
  if (!payment) throw notFound('payment_not_found', `Payment ${data.paymentId} does not exist for client ${account.clientId}`);
  if (payment.reversed)
    throw ruleBroken('payment_already_reversed', `Payment ${data.paymentId} was already reversed on ${payment.reversed.reversedOn}`);
  const reversedOn = happenedOn(data.reversedOn, 'reversedOn', todayFor(account, now));
  if (reversedOn < payment.receivedOn) {
    throw invalid(
      'reversal_before_receipt',
      `reversedOn ${reversedOn} is before the payment was received (${payment.receivedOn})`,
      'reversedOn',
    );
  }
  return [
    {
      type: 'PaymentReversed',
      data: {
        clientId: account.clientId,
        paymentId: payment.paymentId,
        reason: requiredText(data.reason, 'reason'),
        reversedOn,
        deallocations: payment.applications.map(({ invoiceId, amount }) => ({ invoiceId, amount: minorString(amount) })),
        unappliedCreditRemoved: minorString(payment.unapplied),
        ...(payment.feeSettlements.length > 0 && {
          feesRestored: payment.feeSettlements.map(({ invoiceId, lateFee, interest }) => ({
            invoiceId,
            lateFee: minorString(lateFee),
            interest: minorString(interest),
          })),
        }),
      },
    },
  ];
};
