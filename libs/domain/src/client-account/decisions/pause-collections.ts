import { type DateTime } from 'luxon';
import { assertIsoDate } from '../../shared/dates';
import { requiredText } from '../../agreement/input-checks';
import { conflict, invalid, ruleBroken } from '../../shared/errors';
import { type PauseCollections, type ResumeCollections } from '../commands';
import { type CollectionsPaused, type CollectionsResumed } from '../events';
import { activePause, todayFor } from '../queries';
import { type RegisteredAccount } from '../state';
import { instantOf } from './command-input';

/** A manual pause always ends: collections resume by themselves the day after `until`, its last day. */
export const pauseCollections = ({ data }: PauseCollections, account: RegisteredAccount, now: DateTime): [CollectionsPaused] => {
  if (account.collections.pauseIds.has(data.pauseId)) throw conflict('pause_exists', `Pause ${data.pauseId} already exists`);
  const until = assertIsoDate(data.until, 'until');
  const today = todayFor(account, now);
  if (until <= today) throw invalid('pause_until_not_future', `until ${until} must be after today (${today})`, 'until');
  return [
    {
      type: 'CollectionsPaused',
      data: {
        clientId: account.clientId,
        pauseId: data.pauseId,
        until,
        reason: requiredText(data.reason, 'reason'),
        pausedAt: instantOf(now),
      },
    },
  ];
};

export const resumeCollections = ({ data }: ResumeCollections, account: RegisteredAccount, now: DateTime): [CollectionsResumed] => {
  if (!activePause(account, todayFor(account, now))) throw ruleBroken('not_paused', 'Collections are not paused');
  return [
    {
      type: 'CollectionsResumed',
      data: { clientId: account.clientId, resumedAt: instantOf(now), ...(data.reason !== undefined && { reason: data.reason }) },
    },
  ];
};
