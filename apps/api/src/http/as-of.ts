import { ruleBroken } from '@settle/domain';
import { type DateTime } from 'luxon';

/**
 * `asOf` names an instant already passed: a view "as known at" a later instant would be evaluated at
 * that instant with only today's knowledge — a forecast, not a record — and a collections run would
 * take decisions dated in the future. Refused (422), never clamped: asOf is honoured or refused (SPEC 7).
 */
export const refuseFutureAsOf = (asOf: DateTime, now: DateTime): DateTime => {
  if (asOf > now) throw ruleBroken('as_of_in_future', `asOf ${asOf.toUTC().toISO()} is later than now (${now.toUTC().toISO()})`, 'asOf');
  return asOf;
};
