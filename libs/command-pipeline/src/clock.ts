import { DateTime } from 'luxon';

/** The only way application code learns the time; the domain is handed `now` by its callers. */
export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = { now: () => DateTime.utc() };

/** A clock that stands still (NOW=… for demos) or is moved by tests. */
export class ManualClock implements Clock {
  constructor(private current: DateTime) {}

  now(): DateTime {
    return this.current;
  }

  set(instant: DateTime | string): void {
    this.current = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : instant;
  }

  advance(duration: { days?: number; hours?: number; minutes?: number; seconds?: number }): void {
    this.current = this.current.plus(duration);
  }
}
