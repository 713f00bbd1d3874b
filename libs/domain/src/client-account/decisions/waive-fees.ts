import { type DateTime } from 'luxon';
import { requiredText } from '../../agreement/input-checks';
import { formatMinorUnits, minorString } from '../../money/money';
import { conflict, invalid, ruleBroken } from '../../shared/errors';
import { type WaiveFees } from '../commands';
import { type LateFeeWaived, type LateInterestWaived } from '../events';
import { type ChargeFigures, feeReceivable } from '../fee-receivables';
import { type RegisteredAccount } from '../state';
import { existingInvoice, instantOf, positiveAmount } from './command-input';

/** Waive everything outstanding of that charge. */
export const WAIVE_ALL = 'all';

/**
 * An admin drops (part of) an invoice's outstanding late fee and/or interest (SPEC 3.4): an amount, or
 * `all` that is outstanding. Never more than is outstanding (422 `waiver_exceeds_outstanding`); `all`
 * of nothing on both is 422 `nothing_to_waive`. Fees and interest are dropped only this way.
 */
export const waiveFees = ({ data }: WaiveFees, account: RegisteredAccount, now: DateTime): (LateFeeWaived | LateInterestWaived)[] => {
  if (account.waiverIds.has(data.waiverId)) throw conflict('waiver_exists', `Waiver ${data.waiverId} already exists`);
  const invoice = existingInvoice(account, data.invoiceId);
  const reason = requiredText(data.reason, 'reason');
  if (data.lateFee === undefined && data.interest === undefined)
    throw invalid('waiver_amount_required', 'Name the late fee and/or the interest to waive (an amount or "all")', 'lateFee');
  const receivable = feeReceivable(account.collections.charges.get(invoice.invoiceId));
  const lateFee = waived(account, data.lateFee, receivable.lateFee, 'lateFee');
  const interest = waived(account, data.interest, receivable.interest, 'interest');
  if (lateFee === 0n && interest === 0n)
    throw ruleBroken('nothing_to_waive', `Invoice ${invoice.invoiceId} has no late fee or interest outstanding to waive`);
  const common = { clientId: account.clientId, invoiceId: invoice.invoiceId, waiverId: data.waiverId, reason, waivedAt: instantOf(now) };
  return [
    ...(lateFee > 0n ? [{ type: 'LateFeeWaived' as const, data: { ...common, amount: minorString(lateFee) } }] : []),
    ...(interest > 0n ? [{ type: 'LateInterestWaived' as const, data: { ...common, amount: minorString(interest) } }] : []),
  ];
};

const waived = (account: RegisteredAccount, requested: string | undefined, charge: ChargeFigures, field: string): bigint => {
  if (requested === undefined) return 0n;
  if (requested === WAIVE_ALL) return charge.outstanding;
  const amount = positiveAmount(account, requested, account.currency, field);
  if (amount > charge.outstanding) {
    throw ruleBroken(
      'waiver_exceeds_outstanding',
      `${field} ${requested} exceeds what is outstanding (${formatMinorUnits(charge.outstanding, account.currency)})`,
      field,
    );
  }
  return amount;
};
