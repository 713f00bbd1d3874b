import { DateTime } from 'luxon';
import { DEFAULT_METRICS_CONFIG } from './config';
import { engagementChangeOf } from './engagement-change';
import { factsFrom, interaction, registered } from './fixtures/behaviour-events';
import { type IsoInstant } from '../shared/types';

/**
 * given (a client's contacts, answers and meetings) / when (engagement is assessed on 2026-06-30) /
 * then (the change against its own baseline). The recent window is the 120 days from 2026-03-02; the
 * baseline the 365 days before. Contacts are Tuesdays 10:00 UTC; an answer the same day is in time.
 */
const NOW = DateTime.fromISO('2026-06-30T12:00:00Z', { zone: 'utc' });
const CONFIG = DEFAULT_METRICS_CONFIG.engagementChange;
const at = (date: string, time = '10:00'): IsoInstant => `${date}T${time}:00Z` as IsoInstant;
const answered = (date: string, after = '15:00') => [
  interaction('outbound_contact', at(date)),
  interaction('client_response', at(date, after)),
];
const unanswered = (date: string) => [interaction('outbound_contact', at(date))];

/** Eight contacts a month apart, all answered the same day, and three meetings held. */
const RESPONSIVE_YEAR = [
  ...['2025-04-01', '2025-05-06', '2025-06-03', '2025-07-01', '2025-08-05', '2025-09-02', '2025-10-07', '2025-11-04'].flatMap((date) =>
    answered(date),
  ),
  ...['2025-05-20', '2025-08-19', '2025-11-18'].map((date) => interaction('meeting_held', at(date))),
];
const change = (...events: Parameters<typeof factsFrom>) => engagementChangeOf(factsFrom(registered(), ...events), NOW, CONFIG, 0);

describe('engagementChangeOf', () => {
  it('given a client who always answered, when it stops answering and misses a meeting, then it alarms before anything is late', () => {
    const result = change(
      RESPONSIVE_YEAR,
      ['2026-04-07', '2026-05-05', '2026-06-02'].flatMap(unanswered),
      interaction('meeting_missed', at('2026-05-19')),
    );
    // unanswered rate (0 + 10 × 0.15) / (8 + 10) = 8.3 %: 3 − 3 × 0.083 − √(3 × 0.083 × 0.917) = 2.3 beyond it
    // missed rate (0 + 4 × 0.15) / (3 + 4) = 8.6 %: 1 − 0.086 − √(0.086 × 0.914) = 0.6 beyond it → 10 × 2.3 + 10 × 0.6 = 29
    expect(result).toMatchObject({
      recent: { contacts: 3, unanswered: 3, meetings: 1, missed: 1 },
      baseline: { contacts: 8, unanswered: 0, meetings: 3, missed: 0, medianResponseHours: 5 },
      excessUnanswered: 2.3,
      excessMissed: 0.6,
      points: 29,
      alarm: true,
    });
    expect(result.detail).toBe(
      'In the last 120 days 3 of 3 contacts went unanswered (usually 8 %: 2.3 beyond that) and 1 of 1 meetings were missed (usually 9 %: 0.6 beyond that).',
    );
  });

  it('given a client who seldom answered, when it goes on not answering, then the same silence is no alarm', () => {
    const result = change(
      ['2025-04-01', '2025-05-06'].flatMap((date) => answered(date)),
      ['2025-06-03', '2025-07-01', '2025-08-05', '2025-09-02', '2025-10-07', '2025-11-04'].flatMap(unanswered),
      ['2025-05-20', '2025-08-19', '2025-11-18'].map((date) => interaction('meeting_held', at(date))),
      ['2026-04-07', '2026-05-05', '2026-06-02'].flatMap(unanswered),
      interaction('meeting_missed', at('2026-05-19')),
    );
    // unanswered rate (6 + 1.5) / 18 = 42 %: 3 − 1.25 − 0.85 = 0.9 beyond it → 9 + 6 = 15, below the alarm (18)
    expect(result).toMatchObject({ excessUnanswered: 0.9, points: 15, alarm: false });
  });

  it('given no history before the window, when contacts go unanswered, then there is nothing to compare with: no points', () => {
    const result = change(['2026-04-07', '2026-05-05', '2026-06-02'].flatMap(unanswered));
    expect(result).toMatchObject({ points: 0, alarm: false });
    expect(result.detail).toBe('Not enough history to compare engagement with (0 of 4 contacts before the last 120 days).');
  });

  it('given a responsive client, when it leaves two of three contacts unanswered and its payments changed too, then it alarms', () => {
    const events = factsFrom(registered(), RESPONSIVE_YEAR, answered('2026-04-07'), ['2026-05-05', '2026-06-02'].flatMap(unanswered));
    // 2 of 3 unanswered: 2 − 0.25 − 0.48 = 1.3 beyond → 13 points, below the alarm (18) on its own
    expect(engagementChangeOf(events, NOW, CONFIG, 0)).toMatchObject({ excessUnanswered: 1.3, points: 13, alarm: false });
    // a payment change of 7 points is less than one invoice later than usual (8): still no alarm
    expect(engagementChangeOf(events, NOW, CONFIG, 7)).toMatchObject({ points: 13, alarm: false });
    // one invoice later than usual (8 points) and 13 engagement points (at least 10: one contact beyond the usual): two sources together
    const together = engagementChangeOf(events, NOW, CONFIG, 8);
    expect(together).toMatchObject({ points: 13, alarm: true });
    expect(together.detail).toBe(
      'In the last 120 days 2 of 3 contacts went unanswered (usually 8 %: 1.3 beyond that) and 0 of 0 meetings were missed ' +
        '(usually 9 %: 0 beyond that); the payments changed too (8 points).',
    );
  });

  it('given a client whose engagement barely moved, when its payments changed a lot, then the engagement does not alarm: the payment alarm is the payments’ own', () => {
    const events = factsFrom(registered(), RESPONSIVE_YEAR, answered('2026-04-07'), answered('2026-05-05'), unanswered('2026-06-02'));
    // 1 of 3 unanswered: 1 − 0.25 − 0.48 = 0.3 beyond → 3 points, less than one contact beyond the usual (10)
    expect(engagementChangeOf(events, NOW, CONFIG, 30)).toMatchObject({ points: 3, alarm: false });
  });

  it('given a responsive client, when the decision maker changes and nothing is answered since, then it alarms', () => {
    const result = change(
      RESPONSIVE_YEAR,
      answered('2026-04-07'),
      interaction('decision_maker_changed', at('2026-04-20')),
      ['2026-05-05', '2026-06-02'].flatMap(unanswered),
    );
    // 2 of 3 unanswered: 2 − 0.25 − 0.48 = 1.3 beyond → 13; quiet since the change: 10 × (1 − 0.083) = 9.2 → 22
    expect(result).toMatchObject({ quietSinceDecisionMakerChange: true, excessUnanswered: 1.3, points: 22, alarm: true });
    expect(result.detail).toContain('nothing answered since the decision maker changed (2 contacts)');
  });

  it('given a client who answered within hours, when its answers take days, then the slower responses add their points', () => {
    const result = change(
      RESPONSIVE_YEAR,
      ['2026-04-07', '2026-05-05', '2026-06-02'].flatMap((date) => answered(date, '14:00')),
      [
        interaction('outbound_contact', at('2026-06-09')),
        interaction('client_response', at('2026-06-12', '10:00')),
        interaction('outbound_contact', at('2026-06-16')),
        interaction('client_response', at('2026-06-19', '10:00')),
      ],
    );
    // recent response times 4, 4, 4, 72, 72 hours: median 4 — not slower; two late answers are unanswered contacts
    expect(result).toMatchObject({ slowerResponses: false, recent: { contacts: 5, unanswered: 2, medianResponseHours: 4 } });
    const slower = change(
      RESPONSIVE_YEAR,
      ['2026-04-07', '2026-05-05', '2026-06-02'].flatMap((date) => [
        interaction('outbound_contact', at(date)),
        interaction('client_response', at(date.replace(/-(\d\d)$/, (_, day: string) => `-${String(Number(day) + 3).padStart(2, '0')}`))),
      ]),
    );
    // 72 hours against 5: at least 2 × and 24 hours → 5 points on top of 3 late answers (2.3 beyond → 23)
    expect(slower).toMatchObject({ slowerResponses: true, recent: { medianResponseHours: 72 }, points: 28, alarm: true });
    expect(slower.detail).toContain('responses take 72 hours (median), they took 5');
  });
});
