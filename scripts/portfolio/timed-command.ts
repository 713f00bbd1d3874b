import { type ClientAccountCommand, type IsoInstant } from '@settle/domain';

/** An API-level command and the instant it happens (UTC ISO, so instants compare as strings). */
export interface TimedCommand {
  at: IsoInstant;
  command: ClientAccountCommand;
}

export const byInstant = (a: TimedCommand, b: TimedCommand): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
