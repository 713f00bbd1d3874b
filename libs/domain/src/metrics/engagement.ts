import { DateTime } from 'luxon';
import { addBusinessDays } from '../agreement/calendar';
import { IsoDate, IsoInstant } from '../shared/types';
import { BehaviourFacts } from './facts';

export interface Engagement {
  unansweredStreak: number;
  unansweredLast90Days: number;
  meetingsMissedLast90Days: number;
  lastClientResponseAt: IsoInstant | null;
}

type CalendarFacts = Pick<BehaviourFacts, 'timezone' | 'businessHours' | 'holidays' | 'responseTimeBusinessDays'>;

/**
 * When the client owes an answer to a contact: the same local time of day, the agreed number of
 * business days later (weekends and holidays skipped), e.g. Friday 10:00 + 2 → Tuesday 10:00.
 */
export const responseDeadline = (occurredAt: IsoInstant, calendar: CalendarFacts): DateTime => {
  const local = DateTime.fromISO(occurredAt, { zone: calendar.timezone });
  const deadlineDate: IsoDate = addBusinessDays(local.toISODate() as IsoDate, calendar.responseTimeBusinessDays, calendar);
  return DateTime.fromISO(deadlineDate, { zone: calendar.timezone }).set({
    hour: local.hour,
    minute: local.minute,
    second: local.second,
    millisecond: local.millisecond,
  });
};

const instant = (iso: IsoInstant): number => DateTime.fromISO(iso).toMillis();

/**
 * A contact is unanswered once its deadline has passed with no client response between the contact and
 * the deadline (a late answer does not make it answered, but it does end the streak). The streak counts
 * the unanswered contacts since the latest client response.
 */
export const engagementOf = (facts: BehaviourFacts, now: DateTime, windowDays: number): Engagement => {
  const nowMillis = now.toMillis();
  const windowStart = now.minus({ days: windowDays }).toMillis();
  const responses = facts.clientResponses
    .map((at) => ({ at, millis: instant(at) }))
    .filter(({ millis }) => millis <= nowMillis)
    .sort((a, b) => a.millis - b.millis);
  const lastResponse = responses.length > 0 ? responses[responses.length - 1] : null;

  const unanswered = facts.outboundContacts.filter(({ occurredAt }) => {
    const sent = instant(occurredAt);
    const deadline = responseDeadline(occurredAt, facts).toMillis();
    return deadline <= nowMillis && !responses.some(({ millis }) => millis > sent && millis <= deadline);
  });
  const lastResponseMillis = lastResponse?.millis ?? -Infinity;

  return {
    unansweredStreak: unanswered.filter(({ occurredAt }) => instant(occurredAt) > lastResponseMillis).length,
    unansweredLast90Days: unanswered.filter(({ occurredAt }) => instant(occurredAt) > windowStart).length,
    meetingsMissedLast90Days: facts.meetingsMissed.filter((at) => instant(at) > windowStart && instant(at) <= nowMillis).length,
    lastClientResponseAt: lastResponse?.at ?? null,
  };
};
