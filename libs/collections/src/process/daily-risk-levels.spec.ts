import { type ClientAccountEvent } from '@settle/domain';
import { clientEvent, invoiceIssued, registered } from '../testing/subjects';
import { dailyRiskLevels } from './daily-risk-levels';

/** Events as stored: what matters here is when each was recorded. */
const recorded = (recordedAt: string, ...events: ClientAccountEvent[]) =>
  events.map((event, index) => ({
    id: `${recordedAt}-${index}`,
    type: event.type,
    data: event.data,
    metadata: { recordedAt, schemaVersion: 1 },
  }));

const missed = (day: string) =>
  clientEvent('InteractionLogged', { interactionId: `M-${day}`, kind: 'meeting_missed', occurredAt: `${day}T09:00:00.000Z` });
const dmChanged = (day: string) =>
  clientEvent('InteractionLogged', {
    interactionId: `D-${day}`,
    kind: 'decision_maker_changed',
    occurredAt: `${day}T09:00:00.000Z`,
    newContact: { name: 'Bo' },
  });

describe("dailyRiskLevels (what a risk hold's release needs)", () => {
  it('gives one level per past day, oldest first, none for the days before the client was known', () => {
    const events = recorded('2026-03-03T08:00:00.000Z', registered, invoiceIssued('INV-1', '100000', '2026-03-20', '2026-02-18'));
    const levels = dailyRiskLevels(events, { today: '2026-03-06', timezone: 'Europe/Amsterdam', days: 6 });
    expect(levels).toEqual([
      { on: '2026-03-03', riskLevel: 'low' },
      { on: '2026-03-04', riskLevel: 'low' },
      { on: '2026-03-05', riskLevel: 'low' },
    ]);
  });

  it("sees a day's events only from the day they were recorded (what was known then)", () => {
    const meetings = Array.from({ length: 3 }, (_, index) => missed(`2026-03-0${index + 1}`));
    const unanswered = Array.from({ length: 5 }, (_, index) =>
      clientEvent('InteractionLogged', {
        interactionId: `C-${index}`,
        kind: 'outbound_contact',
        channel: 'email',
        occurredAt: `2026-02-0${index + 1}T09:00:00.000Z`,
      }),
    );
    const events = [
      ...recorded('2026-03-01T08:00:00.000Z', registered),
      // Recorded late, on 4 Mar: before then nobody knew.
      ...recorded('2026-03-04T12:00:00.000Z', ...meetings, ...unanswered, dmChanged('2026-03-04')),
    ];
    const levels = dailyRiskLevels(events, { today: '2026-03-06', timezone: 'Europe/Amsterdam', days: 5 });
    // 3 missed meetings = 12 (cap 10) → 10; 5 unanswered (2 each in 90 days + 2 each in the streak) = 20 (cap 15) → 15; new decision maker 5: 30 → medium.
    expect(levels).toEqual([
      { on: '2026-03-01', riskLevel: 'low' },
      { on: '2026-03-02', riskLevel: 'low' },
      { on: '2026-03-03', riskLevel: 'low' },
      { on: '2026-03-04', riskLevel: 'medium' },
      { on: '2026-03-05', riskLevel: 'medium' },
    ]);
  });
});
