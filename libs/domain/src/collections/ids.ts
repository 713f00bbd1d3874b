import { type IsoDate } from '../shared/types';
import { type LadderLevel } from '../agreement/collections-ladder';

/**
 * Deterministic ids: the same decision (same client, subject and day) always gets the same id, so a
 * re-run, restart or replay can be recognised and recorded once.
 */

export const reminderIdFor = (clientId: string, level: LadderLevel, invoiceId: string, on: IsoDate): string =>
  `reminder:${clientId}:${level}:${invoiceId}:${on}`;

export const collectionsCommandId = (clientId: string, action: string, ...subject: string[]): string =>
  ['collections', clientId, action, ...subject].join(':');
