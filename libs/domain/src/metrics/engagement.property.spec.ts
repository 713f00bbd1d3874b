import { DateTime } from 'luxon';
import { addBusinessDays } from '../agreement/calendar';
import { type IsoDate, type IsoInstant } from '../shared/types';
import { type Engagement, engagementOf, responseDeadline } from './engagement';
import { type BehaviourFacts, initialBehaviourFacts } from './facts';

/**
 * engagementOf against the straightforward definition it replaced (every contact's deadline with
 * luxon, every response compared with every contact), over seeded random histories in several
 * time zones: the figures must not change.
 */

const referenceDeadline = (occurredAt: IsoInstant, facts: BehaviourFacts): DateTime => {
  const local = DateTime.fromISO(occurredAt, { zone: facts.timezone });
  const deadlineDate: IsoDate = addBusinessDays(local.toISODate() as IsoDate, facts.responseTimeBusinessDays, facts);
  return DateTime.fromISO(deadlineDate, { zone: facts.timezone }).set({
    hour: local.hour,
    minute: local.minute,
    second: local.second,
    millisecond: local.millisecond,
  });
};

const instant = (iso: IsoInstant): number => DateTime.fromISO(iso).toMillis();

const referenceEngagement = (facts: BehaviourFacts, now: DateTime, windowDays: number): Engagement => {
  const nowMillis = now.toMillis();
  const windowStart = now.minus({ days: windowDays }).toMillis();
  const responses = facts.clientResponses
    .map((at) => ({ at, millis: instant(at) }))
    .filter(({ millis }) => millis <= nowMillis)
    .sort((a, b) => a.millis - b.millis);
  const lastResponse = responses.length > 0 ? responses[responses.length - 1] : null;
  const unanswered = facts.outboundContacts.filter(({ occurredAt }) => {
    const sent = instant(occurredAt);
    const deadline = referenceDeadline(occurredAt, facts).toMillis();
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

let seed = 424242;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

const ZONES = ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC+2'];
const NOW = DateTime.fromISO('2026-04-15T12:00:00Z', { zone: 'utc' });

/**
 * An instant up to `days` before NOW (a few after it), mostly as stored (UTC), sometimes with an
 * offset, now and then the same instant as an earlier one, written the same way or another.
 */
const randomInstant = (days: number, earlier: IsoInstant[]): IsoInstant => {
  if (earlier.length > 0 && random() < 0.08) {
    const same = earlier[between(0, earlier.length - 1)];
    return random() < 0.5 ? same : DateTime.fromISO(same, { setZone: true }).setZone('Asia/Tokyo').toISO()!;
  }
  const at = NOW.minus({ minutes: between(-5 * 24 * 60, days * 24 * 60) });
  return random() < 0.85 ? at.toUTC().toISO()! : at.setZone('America/Chicago').toISO()!;
};

const randomFacts = (): BehaviourFacts => {
  const horizon = random() < 0.5 ? 60 : 400;
  const contacts: IsoInstant[] = [];
  for (let i = between(0, 30); i > 0; i--) contacts.push(randomInstant(horizon, contacts));
  const responses: IsoInstant[] = [];
  for (let i = between(0, random() < 0.3 ? 0 : 25); i > 0; i--) responses.push(randomInstant(horizon, [...contacts, ...responses]));
  return {
    ...initialBehaviourFacts(),
    timezone: ZONES[between(0, ZONES.length - 1)],
    holidays: Array.from({ length: between(0, 6) }, () => NOW.minus({ days: between(0, horizon) }).toISODate()!),
    responseTimeBusinessDays: between(0, 3),
    outboundContacts: contacts.map((occurredAt, index) => ({ interactionId: `c-${index}`, occurredAt })),
    clientResponses: responses,
    meetingsMissed: Array.from({ length: between(0, 5) }, () => randomInstant(horizon, [])),
  };
};

describe('engagementOf matches the nested-loop definition', () => {
  it('on random histories in several time zones', () => {
    for (let run = 0; run < 100; run++) {
      const facts = randomFacts();
      const now = random() < 0.8 ? NOW : NOW.setZone(facts.timezone).minus({ days: between(0, 30), minutes: between(0, 600) });
      const windowDays = random() < 0.8 ? 90 : between(1, 200);
      expect(engagementOf(facts, now, windowDays)).toEqual(referenceEngagement(facts, now, windowDays));
      // The same contacts under another agreement: deadlines remembered for the first calendar must not leak.
      const changed: BehaviourFacts = { ...facts, responseTimeBusinessDays: (facts.responseTimeBusinessDays + 1) % 4 };
      expect(engagementOf(changed, now, windowDays)).toEqual(referenceEngagement(changed, now, windowDays));
      expect(engagementOf(facts, now, windowDays)).toEqual(referenceEngagement(facts, now, windowDays));
    }
  });

  it('responseDeadline is the same instant and zone as the luxon computation', () => {
    for (let run = 0; run < 150; run++) {
      const facts = randomFacts();
      for (const { occurredAt } of facts.outboundContacts.slice(0, 5)) {
        const deadline = responseDeadline(occurredAt, facts);
        const reference = referenceDeadline(occurredAt, facts);
        expect([occurredAt, facts.timezone, deadline.toISO()]).toEqual([occurredAt, facts.timezone, reference.toISO()]);
      }
    }
  });
});
