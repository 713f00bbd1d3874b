import { DateTime } from 'luxon';
import { addBusinessDays } from '../agreement/calendar';
import { daysBeforeMillis, instantAtLocal, instantMillis, localDateTime } from '../shared/dates';
import { type IsoInstant } from '../shared/types';
import { type BehaviourFacts, type OutboundContactFacts } from './facts';

export interface Engagement {
  unansweredStreak: number;
  unansweredLast90Days: number;
  meetingsMissedLast90Days: number;
  lastClientResponseAt: IsoInstant | null;
}

type CalendarFacts = Pick<BehaviourFacts, 'timezone' | 'businessHours' | 'holidays' | 'responseTimeBusinessDays'>;

/** Epoch milliseconds of `responseDeadline`: what the engagement figures compare. */
const responseDeadlineMillis = (occurredAt: IsoInstant, calendar: CalendarFacts): number => {
  const { date, time } = localDateTime(occurredAt, calendar.timezone);
  return instantAtLocal(addBusinessDays(date, calendar.responseTimeBusinessDays, calendar), time, calendar.timezone);
};

/**
 * Deadlines already computed, per contact and for the calendar they were computed with: facts kept in
 * memory (a process's cached streams, a fold evaluated day after day) are evaluated run after run,
 * and in a zone with DST rules a deadline is the one figure that still asks luxon.
 */
const knownDeadlines = new WeakMap<OutboundContactFacts, { calendar: CalendarFacts; millis: number }>();

/** The contact's response deadline in epoch milliseconds (cached per contact and calendar). */
export const deadlineOfContact = (contact: OutboundContactFacts, calendar: CalendarFacts): number => {
  const known = knownDeadlines.get(contact);
  if (
    known &&
    known.calendar.timezone === calendar.timezone &&
    known.calendar.responseTimeBusinessDays === calendar.responseTimeBusinessDays &&
    known.calendar.businessHours === calendar.businessHours &&
    known.calendar.holidays === calendar.holidays
  )
    return known.millis;
  const { timezone, responseTimeBusinessDays, businessHours, holidays } = calendar;
  const millis = responseDeadlineMillis(contact.occurredAt, calendar);
  knownDeadlines.set(contact, { calendar: { timezone, responseTimeBusinessDays, businessHours, holidays }, millis });
  return millis;
};

/**
 * When the client owes an answer to a contact: the same local time of day, the agreed number of
 * business days later (weekends and holidays skipped), e.g. Friday 10:00 + 2 → Tuesday 10:00.
 */
export const responseDeadline = (occurredAt: IsoInstant, calendar: CalendarFacts): DateTime =>
  DateTime.fromMillis(responseDeadlineMillis(occurredAt, calendar), { zone: calendar.timezone });

/** Index of the first of the ascending `values` greater than `bound` (`values.length` when none is). */
export const firstAbove = (values: Float64Array, bound: number): number => {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] > bound) high = middle;
    else low = middle + 1;
  }
  return low;
};

/**
 * A contact is unanswered once its deadline has passed with no client response between the contact and
 * the deadline (a late answer does not make it answered, but it does end the streak). The streak counts
 * the unanswered contacts since the latest client response.
 *
 * Only contacts after the latest response or inside the window can count, so only their deadlines are
 * computed (the one step that needs the time zone), and each looks its answer up in the sorted
 * responses: a long history costs no more than its recent part.
 */
export const engagementOf = (facts: BehaviourFacts, now: DateTime, windowDays: number): Engagement => {
  const nowMillis = now.toMillis();
  const windowStart = daysBeforeMillis(now, windowDays);
  let lastResponse: { at: IsoInstant; millis: number } | null = null;
  const responseMillis: number[] = [];
  for (const at of facts.clientResponses) {
    const millis = instantMillis(at);
    if (!(millis <= nowMillis)) continue;
    responseMillis.push(millis);
    // Of responses at the same instant, the latest recorded is the last response.
    if (lastResponse === null || millis >= lastResponse.millis) lastResponse = { at, millis };
  }
  const responses = Float64Array.from(responseMillis).sort();
  const lastResponseMillis = lastResponse?.millis ?? -Infinity;
  const countsFrom = Math.min(lastResponseMillis, windowStart);

  let unansweredStreak = 0;
  let unansweredLast90Days = 0;
  for (const contact of facts.outboundContacts) {
    const sent = instantMillis(contact.occurredAt);
    if (!(sent > countsFrom)) continue;
    const deadline = deadlineOfContact(contact, facts);
    if (!(deadline <= nowMillis)) continue;
    const firstAfterSent = firstAbove(responses, sent);
    if (firstAfterSent < responses.length && responses[firstAfterSent] <= deadline) continue;
    if (sent > lastResponseMillis) unansweredStreak++;
    if (sent > windowStart) unansweredLast90Days++;
  }

  let meetingsMissedLast90Days = 0;
  for (const at of facts.meetingsMissed) {
    const millis = instantMillis(at);
    if (millis > windowStart && millis <= nowMillis) meetingsMissedLast90Days++;
  }

  return { unansweredStreak, unansweredLast90Days, meetingsMissedLast90Days, lastClientResponseAt: lastResponse?.at ?? null };
};
