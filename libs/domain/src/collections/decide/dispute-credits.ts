import { interestChargedThrough } from '../../client-account/collections-state';
import { formatMinorUnits } from '../../money/money';
import { addDays, localDateOfInstant } from '../../shared/dates';
import { type IsoDate } from '../../shared/types';
import { type WaiveCharges } from '../commands';
import { accruedInterest } from '../fees/interest';
import { collectionsCommandId } from '../ids';
import { type CreditedDispute } from '../state';
import { type ChargeCommand } from './charges';
import { type DecisionContext } from './context';

/**
 * SPEC 5: "an upheld dispute's credit waives the interest accrued on the credited part". Interest is charged
 * on the whole principal while a dispute is open (the credit note reduces it only from the day it is issued),
 * so once the days from the dispute's raising to the day before the credit are charged, the interest the
 * credited part earned over them is waived: the credited amount's own accrual (same policies, compounding and
 * rounding on the running total as every charge, `accruedInterest`) over those days. Once per dispute (its
 * waiver id), never more than is outstanding. Decided with this run's charges, so one run does it all.
 */
export const decideDisputeCreditWaivers = (context: DecisionContext, chargedNow: readonly ChargeCommand[]): WaiveCharges[] =>
  context.state.creditedDisputes.flatMap((dispute): WaiveCharges[] => {
    const waiverId = `collections:dispute-credit:${dispute.interactionId}`;
    const invoice = context.invoices.find((candidate) => candidate.invoiceId === dispute.invoiceId);
    if (!invoice || context.state.waiverIds.has(waiverId)) return [];
    const { timezone } = context.agreement;
    const raisedOn = localDateOfInstant(dispute.raisedAt, timezone);
    const creditedOn = localDateOfInstant(dispute.resolvedAt, timezone);
    const lastDay = addDays(creditedOn, -1);
    if (lastDay < raisedOn || !chargedThrough(context, chargedNow, dispute, lastDay)) return [];
    const amount = interestOnCreditedPart(context, dispute, invoice.dueOn, raisedOn, lastDay);
    if (amount <= 0n) return [];
    const { currency } = context.state;
    return [
      {
        type: 'WaiveCharges',
        commandId: collectionsCommandId(context.clientId, 'waive-dispute-credit-interest', dispute.interactionId),
        clientId: context.clientId,
        invoiceId: dispute.invoiceId,
        waiverId,
        lateFee: 0n,
        interest: amount,
        reason: `dispute upheld with a credit of ${currency} ${formatMinorUnits(dispute.creditAmount, currency)} on ${creditedOn}: the interest accrued on the credited part since the dispute was raised on ${raisedOn}`,
        waivedAt: context.decidedAt,
      },
    ];
  });

/** Interest charged on the invoice through `lastDay`, before this run or in it. */
const chargedThrough = (context: DecisionContext, chargedNow: readonly ChargeCommand[], dispute: CreditedDispute, lastDay: IsoDate) => {
  const before = interestChargedThrough(context.state, dispute.invoiceId);
  const now = chargedNow.flatMap((charge) =>
    charge.type === 'ChargeLateInterest' && charge.invoiceId === dispute.invoiceId ? [charge.periodTo] : [],
  );
  return [...(before === undefined ? [] : [before]), ...now].some((day) => day >= lastDay);
};

/** What the credited amount earned from the dispute's raising (or the first late day) through `lastDay`. */
const interestOnCreditedPart = (context: DecisionContext, dispute: CreditedDispute, dueOn: IsoDate, raisedOn: IsoDate, lastDay: IsoDate) =>
  accruedInterest({
    dueOn,
    amount: dispute.creditAmount,
    principalReductions: [],
    policies: context.state.lateFeePolicies,
    through: lastDay,
    periodStarts: [raisedOn],
  })
    .filter((period) => period.periodFrom >= raisedOn)
    .reduce((total, period) => total + period.amount, 0n);
