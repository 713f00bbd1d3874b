import { invalid } from '../shared/errors';
import { type IsoDate } from '../shared/types';
import { type PaymentTerms } from './agreement';
import { type BusinessCalendar, rollToBusinessDay } from './calendar';
import { addDays, assertIsoDate, endOfMonth } from '../shared/dates';

const termsDueDate = (issuedOn: IsoDate, terms: PaymentTerms): IsoDate => {
  switch (terms.type) {
    case 'net':
      return addDays(issuedOn, terms.days);
    case 'due_on_receipt':
      return issuedOn;
    case 'end_of_month':
      return addDays(endOfMonth(issuedOn), terms.days);
    default: {
      const unknown: never = terms;
      throw new Error(`Unknown payment terms ${JSON.stringify(unknown)}`);
    }
  }
};

/** Due date under the payment terms; one that falls on a non-business day rolls to the next business day. */
export const dueDate = (issuedOn: IsoDate, terms: PaymentTerms, calendar: BusinessCalendar): IsoDate =>
  rollToBusinessDay(termsDueDate(issuedOn, terms), calendar);

/** An invoice's due date: the explicit `dueOn` wins as given (no roll), but never before the issue date. */
export const invoiceDueDate = (
  issuedOn: IsoDate,
  explicitDueOn: IsoDate | undefined,
  terms: PaymentTerms,
  calendar: BusinessCalendar,
): IsoDate => {
  if (explicitDueOn === undefined) return dueDate(issuedOn, terms, calendar);
  assertIsoDate(explicitDueOn, 'dueOn');
  if (explicitDueOn < issuedOn) throw invalid('due_before_issue', `dueOn ${explicitDueOn} is before issuedOn ${issuedOn}`, 'dueOn');
  return explicitDueOn;
};
