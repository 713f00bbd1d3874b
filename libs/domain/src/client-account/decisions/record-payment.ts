import { type DateTime } from 'luxon';
import { DEFAULT_PAYMENT_ALLOCATION_ORDER, type PaymentAllocationOrder } from '../../agreement/agreement';
import { minBigInt, minorString, sumBigInt } from '../../money/money';
import { conflict, invalid, ruleBroken } from '../../shared/errors';
import { type IsoDate } from '../../shared/types';
import { type RecordPayment } from '../commands';
import { type FeesSettled, type PaymentAllocated, type PaymentReceived } from '../events';
import { type FeeReceivable, feeReceivable } from '../fee-receivables';
import { byOldestDue, openInvoices, todayFor } from '../queries';
import { type InvoiceState, type RegisteredAccount } from '../state';
import { happenedOn, existingInvoice, positiveAmount } from './command-input';
import { fillInOrder } from './fill-in-order';

/** What a payment settles on one invoice, in minor units. */
type Settlement = { invoiceId: string; principal: bigint; lateFee: bigint; interest: bigint };

type Part = 'principal' | 'lateFee' | 'interest';

/** The parts in the order each agreed allocation order settles them (SPEC 3.3; BGB § 367, BW 6:44). */
const PARTS_IN_ORDER: Record<PaymentAllocationOrder, readonly Part[]> = {
  principal_first: ['principal', 'lateFee', 'interest'],
  costs_interest_principal: ['lateFee', 'interest', 'principal'],
};

/**
 * Records the payment and settles with it: as the caller's allocations say, or else in the agreement's
 * `paymentAllocationOrder`, each part (principal, late fees, interest) over the invoices with the oldest
 * due date first (disputed ones included: the client chose to pay). What is left is unapplied credit.
 * Principal is recorded as `PaymentAllocated`, fees and interest as `FeesSettled`.
 */
export const recordPayment = (
  { data }: RecordPayment,
  account: RegisteredAccount,
  now: DateTime,
): (PaymentReceived | PaymentAllocated | FeesSettled)[] => {
  if (account.payments.has(data.paymentId)) throw conflict('payment_exists', `Payment ${data.paymentId} already exists`);
  const amount = positiveAmount(account, data.amount, data.currency);
  const receivedOn = happenedOn(data.receivedOn, 'receivedOn', todayFor(account, now));
  const settlements =
    data.allocations === undefined
      ? inAgreedOrder(account, amount, account.agreement.paymentAllocationOrder ?? DEFAULT_PAYMENT_ALLOCATION_ORDER)
      : explicitAllocations(account, data, amount);

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
  return [received, ...settlementEvents(account.clientId, data.paymentId, receivedOn, settlements)];
};

const settlementEvents = (
  clientId: string,
  paymentId: string,
  settledOn: IsoDate,
  settlements: readonly Settlement[],
): (PaymentAllocated | FeesSettled)[] => [
  ...settlements
    .filter((settlement) => settlement.principal > 0n)
    .map(({ invoiceId, principal }): PaymentAllocated => ({
      type: 'PaymentAllocated',
      data: { clientId, paymentId, invoiceId, amount: minorString(principal) },
    })),
  ...settlements
    .filter((settlement) => settlement.lateFee + settlement.interest > 0n)
    .map(({ invoiceId, lateFee, interest }): FeesSettled => ({
      type: 'FeesSettled',
      data: { clientId, paymentId, invoiceId, lateFee: minorString(lateFee), interest: minorString(interest), settledOn },
    })),
];

interface Claim {
  invoice: InvoiceState;
  part: Part;
  outstanding: bigint;
}

const inAgreedOrder = (account: RegisteredAccount, amount: bigint, order: PaymentAllocationOrder): Settlement[] => {
  const invoices = [...account.invoices.values()].sort(byOldestDue);
  const receivables = new Map(invoices.map((invoice) => [invoice.invoiceId, feeReceivableOf(account, invoice)]));
  const claims = PARTS_IN_ORDER[order].flatMap((part): Claim[] =>
    (part === 'principal' ? openInvoices(account).sort(byOldestDue) : invoices).map((invoice) => ({
      invoice,
      part,
      outstanding: part === 'principal' ? invoice.outstanding : receivables.get(invoice.invoiceId)![part].outstanding,
    })),
  );
  const shares = fillInOrder(amount, claims, (claim) => claim.outstanding);
  const byInvoice = new Map<string, Settlement>();
  for (const { item, amount: share } of shares) {
    const { invoiceId } = item.invoice;
    const settlement = byInvoice.get(invoiceId) ?? { invoiceId, principal: 0n, lateFee: 0n, interest: 0n };
    byInvoice.set(invoiceId, { ...settlement, [item.part]: settlement[item.part] + share });
  }
  return [...byInvoice.values()];
};

const feeReceivableOf = (account: RegisteredAccount, invoice: InvoiceState): FeeReceivable =>
  feeReceivable(account.collections.charges.get(invoice.invoiceId));

const explicitAllocations = (account: RegisteredAccount, data: RecordPayment['data'], amount: bigint): Settlement[] => {
  const settlements = (data.allocations ?? []).map((allocation, index): Settlement => {
    const invoice = existingInvoice(account, allocation.invoiceId);
    // `fees` alone may name the invoice's fees and interest; otherwise `amount` (principal) is required as before.
    const principal =
      allocation.fees !== undefined && allocation.amount === undefined
        ? 0n
        : positiveAmount(account, allocation.amount as string, data.currency, `allocations.${index}.amount`);
    if (principal > invoice.outstanding) {
      throw ruleBroken('over_allocation', `Allocation of ${allocation.amount} exceeds what invoice ${invoice.invoiceId} has outstanding`);
    }
    const fees = allocation.fees === undefined ? 0n : positiveAmount(account, allocation.fees, data.currency, `allocations.${index}.fees`);
    const receivable = feeReceivableOf(account, invoice);
    if (fees > receivable.outstanding) {
      throw ruleBroken(
        'over_allocation',
        `Allocation of ${allocation.fees} to fees exceeds the fees and interest invoice ${invoice.invoiceId} has outstanding`,
        `allocations.${index}.fees`,
      );
    }
    // Within an invoice's fees, costs come before interest (BGB § 367, BW 6:44).
    const lateFee = minBigInt(fees, receivable.lateFee.outstanding);
    return { invoiceId: invoice.invoiceId, principal, lateFee, interest: fees - lateFee };
  });
  const invoiceIds = settlements.map((settlement) => settlement.invoiceId);
  const repeated = invoiceIds.findIndex((invoiceId, index) => invoiceIds.indexOf(invoiceId) !== index);
  if (repeated >= 0)
    throw invalid('duplicate_allocation', `Invoice ${invoiceIds[repeated]} is allocated twice`, `allocations.${repeated}.invoiceId`);
  if (sumBigInt(settlements.map((settlement) => settlement.principal + settlement.lateFee + settlement.interest)) > amount) {
    throw ruleBroken('over_allocation', `The allocations add up to more than the payment of ${data.amount}`);
  }
  return settlements;
};
