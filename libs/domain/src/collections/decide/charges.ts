import { addDays, endOfMonth } from '../../shared/dates';
import { type IsoDate } from '../../shared/types';
import { type ChargeLateFee, type ChargeLateInterest } from '../commands';
import { accruedInterest } from '../fees/interest';
import { fixedFeeFor, lateFeePolicyInForce } from '../fees/policy-in-force';
import { collectionsCommandId } from '../ids';
import { rungReachedOn } from '../ladder-periods';
import { interestChargedThrough } from '../../client-account/collections-state';
import { type DecisionContext, type InvoiceView } from './context';

export type ChargeCommand = ChargeLateFee | ChargeLateInterest;

/**
 * Fees and interest (SPEC 3.3, 5), per invoice. Charging starts when the invoice itself reaches the
 * `call` rung (the ladder's step "fixed fee and interest charged"); interest then covers every day
 * since the day after due (+ grace). A settled invoice that got there is still charged: fees and
 * interest stay claimable after the principal is paid. Nothing is charged on a disputed invoice
 * while the dispute is open (interest keeps accruing and is charged once it is resolved) nor on a
 * written-off one (the debt was given up).
 *
 * Interest is charged for finished periods only. Periods are cut at month starts (a monthly charge),
 * at each change of principal, policy or compounding base, and after the last charged day; the
 * period running today waits. So the periods depend on the facts alone, not on when the runs happen.
 */
export const decideCharges = (context: DecisionContext): ChargeCommand[] =>
  context.invoices.filter((invoice) => !invoice.disputed && invoice.writtenOff === 0n).flatMap((invoice) => chargesFor(context, invoice));

const chargesFor = (context: DecisionContext, invoice: InvoiceView): ChargeCommand[] => {
  const callOn = callReachedOn(context, invoice);
  const lastDayLate = lastDayLateOf(invoice, context.today);
  if (lastDayLate === undefined || lastDayLate < callOn) return [];
  return [...lateFee(context, invoice, callOn), ...interest(context, invoice, lastDayLate)];
};

/**
 * The day the invoice reached the `call` rung under the ladder in force on that day: a ladder shortened
 * later (terms tightened by risk, or a new ladder agreed) applies from the day it changed, never to days before it.
 */
export const callReachedOn = ({ ladderPeriods, agreement }: DecisionContext, invoice: InvoiceView): IsoDate =>
  rungReachedOn(invoice.dueOn, 'call', ladderPeriods, agreement);

/** Today while principal is outstanding; else the day it was settled, if that was after the due date. */
export const lastDayLateOf = (invoice: InvoiceView, today: IsoDate): IsoDate | undefined => {
  if (invoice.outstanding > 0n) return today;
  const settledOn = invoice.principalReductions.reduce<IsoDate>(
    (latest, change) => (change.on > latest ? change.on : latest),
    invoice.dueOn,
  );
  return settledOn > invoice.dueOn ? settledOn : undefined;
};

/** The fixed fee (agreed, or the law's under a preset) of the policy in force on the day the invoice reached the `call` rung; once per invoice. */
const lateFee = (context: DecisionContext, invoice: InvoiceView, callOn: IsoDate): ChargeLateFee[] => {
  if (context.state.charges.get(invoice.invoiceId)?.lateFee) return [];
  const fixedFee = fixedFeeFor(lateFeePolicyInForce(context.state.lateFeePolicies, callOn), invoice.amount);
  if (fixedFee === undefined || fixedFee <= 0n) return [];
  return [
    {
      type: 'ChargeLateFee',
      commandId: collectionsCommandId(context.clientId, 'charge-late-fee', invoice.invoiceId),
      clientId: context.clientId,
      invoiceId: invoice.invoiceId,
      amount: fixedFee,
      chargedOn: context.today,
    },
  ];
};

const interest = (context: DecisionContext, invoice: InvoiceView, lastDayLate: IsoDate): ChargeLateInterest[] => {
  const { clientId, today } = context;
  const chargedThrough = interestChargedThrough(context.state, invoice.invoiceId);
  // A settled invoice charged up to the day before its settlement has nothing left to accrue: skip the arithmetic.
  if (invoice.outstanding === 0n && chargedThrough !== undefined && chargedThrough >= addDays(lastDayLate, -1)) return [];
  const firstUncharged = chargedThrough === undefined ? undefined : addDays(chargedThrough, 1);
  return accruedInterest({
    dueOn: invoice.dueOn,
    amount: invoice.amount,
    principalReductions: invoice.principalReductions,
    policies: context.state.lateFeePolicies,
    through: today,
    periodStarts: [...monthStarts(invoice.dueOn, today), ...(firstUncharged ? [firstUncharged] : [])],
  })
    .filter(
      (period) => period.periodTo < today && (firstUncharged === undefined || period.periodFrom >= firstUncharged) && period.amount > 0n,
    )
    .map(({ periodFrom, periodTo, amount, principal, annualInterestRate, compounding }) => ({
      type: 'ChargeLateInterest',
      commandId: collectionsCommandId(clientId, 'charge-interest', invoice.invoiceId, periodFrom, periodTo),
      clientId,
      invoiceId: invoice.invoiceId,
      periodFrom,
      periodTo,
      amount,
      principal,
      annualInterestRate,
      compounding,
      chargedOn: today,
    }));
};

/** The first day of every month after `from` up to `through`. */
const monthStarts = (from: IsoDate, through: IsoDate): IsoDate[] => {
  const starts: IsoDate[] = [];
  for (let start = addDays(endOfMonth(from), 1); start <= through; start = addDays(endOfMonth(start), 1)) starts.push(start);
  return starts;
};
