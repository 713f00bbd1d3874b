import { type DateTime } from 'luxon';
import { minorString, sumBigInt } from '../../money/money';
import { conflict, invalid, ruleBroken } from '../../shared/errors';
import { type RecordPayment } from '../commands';
import { type PaymentAllocated, type PaymentReceived } from '../events';
import { byOldestDue, openInvoices, todayFor } from '../queries';
import { type RegisteredAccount } from '../state';
import { happenedOn, existingInvoice, positiveAmount } from './command-input';
import { fillInOrder } from './fill-in-order';

type Allocation = { invoiceId: string; amount: bigint };

/**
 * Records the payment and allocates it: as the caller says, or else to the open invoices with the
 * oldest due date first (disputed ones included: the client chose to pay). What is left is unapplied credit.
 */
export const recordPayment = (
  { data }: RecordPayment,
  account: RegisteredAccount,
  now: DateTime,
): (PaymentReceived | PaymentAllocated)[] => {
  if (account.payments.has(data.paymentId)) throw conflict('payment_exists', `Payment ${data.paymentId} already exists`);
  const amount = positiveAmount(account, data.amount, data.currency);
  const receivedOn = happenedOn(data.receivedOn, 'receivedOn', todayFor(account, now));
  const allocations = data.allocations === undefined ? oldestDueFirst(account, amount) : explicitAllocations(account, data, amount);

  const received: PaymentReceived = {
    type: 'PaymentReceived',
    data: {
      clientId: account.clientId,
      paymentId: data.paymentId,
      amount: minorString(amount),
      currency: account.currency,
      receivedOn,
      ...(data.method !== undefined && { method: data.method }),
      ...(data.reference !== undefined && { reference: data.reference }),
    },
  };
  return [
    received,
    ...allocations.map((allocation): PaymentAllocated => ({
      type: 'PaymentAllocated',
      data: {
        clientId: account.clientId,
        paymentId: data.paymentId,
        invoiceId: allocation.invoiceId,
        amount: minorString(allocation.amount),
      },
    })),
  ];
};

const oldestDueFirst = (account: RegisteredAccount, amount: bigint): Allocation[] =>
  fillInOrder(amount, openInvoices(account).sort(byOldestDue), (invoice) => invoice.outstanding).map(({ item, amount: share }) => ({
    invoiceId: item.invoiceId,
    amount: share,
  }));

const explicitAllocations = (account: RegisteredAccount, data: RecordPayment['data'], amount: bigint): Allocation[] => {
  const allocations = (data.allocations ?? []).map((allocation, index): Allocation => {
    const field = `allocations.${index}.amount`;
    const invoice = existingInvoice(account, allocation.invoiceId);
    const share = positiveAmount(account, allocation.amount, data.currency, field);
    if (share > invoice.outstanding) {
      throw ruleBroken('over_allocation', `Allocation of ${allocation.amount} exceeds what invoice ${invoice.invoiceId} has outstanding`);
    }
    return { invoiceId: invoice.invoiceId, amount: share };
  });
  const invoiceIds = allocations.map((allocation) => allocation.invoiceId);
  const repeated = invoiceIds.findIndex((invoiceId, index) => invoiceIds.indexOf(invoiceId) !== index);
  if (repeated >= 0)
    throw invalid('duplicate_allocation', `Invoice ${invoiceIds[repeated]} is allocated twice`, `allocations.${repeated}.invoiceId`);
  if (sumBigInt(allocations.map((allocation) => allocation.amount)) > amount) {
    throw ruleBroken('over_allocation', `The allocations add up to more than the payment of ${data.amount}`);
  }
  return allocations;
};
