import { ReminderScheduled } from '@settle/domain';

export type TransportName = 'webhook' | 'email';

/** One reminder to deliver: the scheduled event, with its id as the dedupe key. */
export interface ReminderDelivery {
  /** Id of the `ReminderScheduled` event: receivers deduplicate on it. */
  eventId: string;
  reminder: ReminderScheduled['data'];
  /** 1 for the first try. */
  attempt: number;
}

/** Sends one reminder one way; rejects when the receiver did not take it (it is tried again later). */
export interface ReminderTransport {
  readonly name: TransportName;
  /** Whether this reminder goes this way at all (e.g. email only to a contact who prefers email). */
  accepts(reminder: ReminderScheduled['data']): boolean;
  send(delivery: ReminderDelivery): Promise<void>;
  close?(): Promise<void>;
}
