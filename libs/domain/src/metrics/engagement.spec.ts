import { DateTime } from 'luxon';
import { engagementOf, responseDeadline } from './engagement';
import { factsFrom, interaction, registered } from './fixtures/behaviour-events';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const WINDOW = 90;

// 2026-03-06 is a Friday.
const FRIDAY_10 = '2026-03-06T10:00:00.000Z';

describe('engagement', () => {
  describe('unanswered against the agreed response time in business days', () => {
    const facts = factsFrom(registered({ responseTimeBusinessDays: 2 }), interaction('outbound_contact', FRIDAY_10));

    it('gives a Friday contact until Tuesday, the weekend skipped', () => {
      expect(responseDeadline(FRIDAY_10, facts).toUTC().toISO()).toBe('2026-03-10T10:00:00.000Z');
    });

    it('is not unanswered on Monday evening, three calendar days but one business day later', () => {
      expect(engagementOf(facts, at('2026-03-09T17:00:00Z'), WINDOW)).toMatchObject({ unansweredStreak: 0, unansweredLast90Days: 0 });
    });

    it('is unanswered once two business days have passed', () => {
      expect(engagementOf(facts, at('2026-03-10T10:00:00Z'), WINDOW)).toMatchObject({ unansweredStreak: 1, unansweredLast90Days: 1 });
    });

    it('skips holidays too', () => {
      const withHoliday = factsFrom(
        registered({ responseTimeBusinessDays: 2, holidays: ['2026-03-09'] }),
        interaction('outbound_contact', FRIDAY_10),
      );
      // Monday is a holiday: Tuesday and Wednesday are the two business days
      expect(engagementOf(withHoliday, at('2026-03-10T10:00:00Z'), WINDOW).unansweredStreak).toBe(0);
      expect(engagementOf(withHoliday, at('2026-03-11T10:00:00Z'), WINDOW).unansweredStreak).toBe(1);
    });

    it('counts business days in the client time zone', () => {
      // 23:30 UTC on Friday is 00:30 on Saturday in Amsterdam: Monday and Tuesday are the two days → Tue 00:30 local = Mon 23:30 UTC
      const amsterdam = factsFrom(registered({ timezone: 'Europe/Amsterdam' }), interaction('outbound_contact', '2026-03-06T23:30:00Z'));
      expect(responseDeadline('2026-03-06T23:30:00Z', amsterdam).toUTC().toISO()).toBe('2026-03-09T23:30:00.000Z');
      expect(engagementOf(amsterdam, at('2026-03-09T23:30:00Z'), WINDOW).unansweredStreak).toBe(1);
    });

    it('does not count a contact that expects no answer', () => {
      const noAnswerExpected = factsFrom(registered(), interaction('outbound_contact', FRIDAY_10, { expectsResponse: false }));
      expect(engagementOf(noAnswerExpected, at('2026-04-01T00:00:00Z'), WINDOW).unansweredStreak).toBe(0);
    });
  });

  it('ends the streak with a client response; a late answer still leaves its contact unanswered', () => {
    const facts = factsFrom(
      registered({ responseTimeBusinessDays: 2 }),
      interaction('outbound_contact', '2026-03-02T10:00:00Z'), // Mon, answered Tue: answered
      interaction('client_response', '2026-03-03T09:00:00Z'),
      interaction('outbound_contact', '2026-03-09T10:00:00Z'), // Mon, deadline Wed 10:00: unanswered
      interaction('outbound_contact', '2026-03-16T10:00:00Z'), // Mon, deadline Wed 10:00, answered Fri: too late, unanswered
      interaction('client_response', '2026-03-20T09:00:00Z'), // ends the streak
      interaction('outbound_contact', '2026-03-23T10:00:00Z'), // unanswered
      interaction('outbound_contact', '2026-03-30T10:00:00Z'), // unanswered
      interaction('outbound_contact', '2026-04-01T10:00:00Z'), // Wed, deadline Fri 10:00: still pending on Thursday
    );
    expect(engagementOf(facts, at('2026-04-02T12:00:00Z'), WINDOW)).toEqual({
      unansweredStreak: 2,
      unansweredLast90Days: 4,
      meetingsMissedLast90Days: 0,
      lastClientResponseAt: '2026-03-20T09:00:00Z',
    });
  });

  it('looks back 90 days for unanswered contacts and missed meetings', () => {
    const facts = factsFrom(
      registered(),
      interaction('outbound_contact', '2026-01-05T10:00:00Z'), // 100 days before 2026-04-15: out of the window, still in the streak
      interaction('outbound_contact', '2026-03-02T10:00:00Z'),
      interaction('meeting_missed', '2026-01-10T10:00:00Z'),
      interaction('meeting_missed', '2026-03-10T10:00:00Z'),
      interaction('meeting_missed', '2026-04-10T10:00:00Z'),
      interaction('meeting_held', '2026-04-12T10:00:00Z'),
    );
    expect(engagementOf(facts, at('2026-04-15T10:00:00Z'), WINDOW)).toEqual({
      unansweredStreak: 2,
      unansweredLast90Days: 1,
      meetingsMissedLast90Days: 2,
      lastClientResponseAt: null,
    });
  });
});
