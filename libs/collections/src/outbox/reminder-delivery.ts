import { type ReminderScheduled } from '@settle/domain';
import { type RenderedLetter } from '@settle/letters';

export type TransportName = 'webhook' | 'email';

/** One reminder to deliver: the scheduled event, with its id as the dedupe key. */
export interface ReminderDelivery {
  /** Id of the `ReminderScheduled` event: receivers deduplicate on it. */
  eventId: string;
  reminder: ReminderScheduled['data'];
  /** 1 for the first try. */
  attempt: number;
  /** The letter rendered from the figures recorded with the reminder; absent for one scheduled before letters (its `message` is sent). */
  letter?: RenderedLetter;
}

/** Sends one reminder one way; rejects when the receiver did not take it (it is tried again later). */
export interface ReminderTransport {
  readonly name: TransportName;
  send(delivery: ReminderDelivery): Promise<void>;
  close?(): Promise<void>;
}

/**
 * Which of the configured transports a reminder goes by: the webhook takes every reminder, email only
 * one to a contact whose agreed channel is email and who has an address.
 */
export const transportsTaking = (reminder: ReminderScheduled['data'], configured: readonly TransportName[]): TransportName[] =>
  configured.filter((transport) => transport === 'webhook' || (reminder.channel === 'email' && Boolean(reminder.to.email)));
