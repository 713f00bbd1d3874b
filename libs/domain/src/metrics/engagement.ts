import { DateTime } from 'luxon';
import { addBusinessDaysToDayNumber } from '../agreement/calendar';
import { daysBeforeMillis, instantAtLocalDay, instantMillis, localDayTimeOfMillis } from '../shared/dates';
import { type IsoInstant } from '../shared/types';
import { type BehaviourFacts } from './facts';

export interface Engagement {
  unansweredStreak: number;
  unansweredLast90Days: number;
  meetingsMissedLast90Days: number;
  lastClientResponseAt: IsoInstant | null;
}

type CalendarFacts = Pick<BehaviourFacts, 'timezone' | 'businessHours' | 'holidays' | 'responseTimeBusinessDays'>;

/**
 * Epoch milliseconds of the response deadline of a contact sent at `sentMillis`: what the engagement
 * figures compare. On day numbers and offsets kept per zone and day, so a contact costs no luxon
 * DateTime and no string — and needs no memo: facts read back from a kept snapshot are new objects
 * every run, and a memo keyed by them never hit.
 */
export const responseDeadlineMillis = (sentMillis: number, calendar: CalendarFacts): number => {
  const { day, millisOfDay } = localDayTimeOfMillis(sentMillis, calendar.timezone);
  return instantAtLocalDay(addBusinessDaysToDayNumber(day, calendar.responseTimeBusinessDays, calendar), millisOfDay, calendar.timezone);
};

/**
 * When the client owes an answer to a contact: the same local time of day, the agreed number of
 * business days later (weekends and holidays skipped), e.g. Friday 10:00 + 2 → Tuesday 10:00.
 */
export const responseDeadline = (occurredAt: IsoInstant, calendar: CalendarFacts): DateTime =>
  DateTime.fromMillis(responseDeadlineMillis(instantMillis(occurredAt), calendar), { zone: calendar.timezone });

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
    const deadline = responseDeadlineMillis(sent, facts);
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
