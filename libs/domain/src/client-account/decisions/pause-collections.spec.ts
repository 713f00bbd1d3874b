import { DateTime } from 'luxon';
import { clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';

// Monday 2 March 2026.
const given = givenClientAccount('2026-03-02T10:00:00Z');
const pause = (until: string, data: { pauseId?: string; reason?: string } = {}) =>
  clientCommand('PauseCollections', { pauseId: 'p-1', until, reason: 'CFO on leave', ...data });
const paused = (until: string) =>
  clientEvent('CollectionsPaused', { pauseId: 'p-1', until, reason: 'CFO on leave', pausedAt: '2026-02-20T10:00:00.000Z' });

describe('PauseCollections', () => {
  it('pauses until a later date', () => {
    given([clientRegistered()])
      .when(pause('2026-03-03'))
      .then([
        clientEvent('CollectionsPaused', {
          pauseId: 'p-1',
          until: '2026-03-03',
          reason: 'CFO on leave',
          pausedAt: '2026-03-02T10:00:00.000Z',
        }),
      ]);
  });

  it("refuses an end that is not after today in the client's time zone", () => {
    given([clientRegistered()]).when(pause('2026-03-02')).thenThrows('validation', 'pause_until_not_future', 'until');
    given([clientRegistered()]).when(pause('2026-02-01')).thenThrows('validation', 'pause_until_not_future', 'until');
    // Already 3 March in Tokyo.
    given([clientRegistered({ agreement: { timezone: 'Asia/Tokyo' } })])
      .when(pause('2026-03-03'), DateTime.fromISO('2026-03-02T16:00:00Z'))
      .thenThrows('validation', 'pause_until_not_future', 'until');
  });

  it('refuses a bad date, a missing reason, a reused id', () => {
    given([clientRegistered()]).when(pause('next week')).thenThrows('validation', 'invalid_date', 'until');
    given([clientRegistered()])
      .when(pause('2026-04-01', { reason: '' }))
      .thenThrows('validation', 'required', 'reason');
    given([clientRegistered(), paused('2026-02-25')])
      .when(pause('2026-04-01'))
      .thenThrows('conflict', 'pause_exists');
  });
});

describe('ResumeCollections', () => {
  it('resumes a pause in force', () => {
    given([clientRegistered(), paused('2026-03-10')])
      .when(clientCommand('ResumeCollections', { reason: 'CFO back early' }))
      .then([clientEvent('CollectionsResumed', { resumedAt: '2026-03-02T10:00:00.000Z', reason: 'CFO back early' })]);
  });

  it('resumes a pause on its last day', () => {
    given([clientRegistered(), paused('2026-03-02')])
      .when(clientCommand('ResumeCollections', {}))
      .then([clientEvent('CollectionsResumed', { resumedAt: '2026-03-02T10:00:00.000Z' })]);
  });

  it('refuses when not paused, or when the pause has ended by itself', () => {
    given([clientRegistered()]).when(clientCommand('ResumeCollections', {})).thenThrows('rule', 'not_paused');
    given([clientRegistered(), paused('2026-03-01')])
      .when(clientCommand('ResumeCollections', {}))
      .thenThrows('rule', 'not_paused');
    given([clientRegistered(), paused('2026-03-10'), clientEvent('CollectionsResumed', { resumedAt: '2026-02-21T10:00:00.000Z' })])
      .when(clientCommand('ResumeCollections', {}))
      .thenThrows('rule', 'not_paused');
  });
});
