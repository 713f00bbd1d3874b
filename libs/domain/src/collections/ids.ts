import { type IsoDate } from '../shared/types';
import { type LadderLevel } from '../agreement/collections-ladder';

/**
 * Deterministic ids: the same decision (same client, subject and day) always gets the same id, so a
 * re-run, restart or replay can be recognised and recorded once.
 */

/** `subject`: the oldest invoice of a step, or the interaction that recorded a promise (its confirmation). */
export const reminderIdFor = (clientId: string, level: LadderLevel | 'promise_confirmation', subject: string, on: IsoDate): string =>
  `reminder:${clientId}:${level}:${subject}:${on}`;

const RECOMPUTED_INTEREST_WAIVER = 'collections:interest-recomputed:';

/**
 * The process's waiver of interest charged on principal a late-booked payment had already paid, named by what was
 * waived so far for this before (minor units): each waiver has its own id, and one capped to nothing is tried again.
 */
export const recomputedInterestWaiverId = (invoiceId: string, waivedBefore: bigint): string =>
  `${RECOMPUTED_INTEREST_WAIVER}${invoiceId}:${waivedBefore}`;

export const isRecomputedInterestWaiver = (waiverId: string): boolean => waiverId.startsWith(RECOMPUTED_INTEREST_WAIVER);

export const collectionsCommandId = (clientId: string, action: string, ...subject: string[]): string =>
  ['collections', clientId, action, ...subject].join(':');
