import { CronExpressionParser } from 'cron-parser';
import { DateTime, IANAZone } from 'luxon';

/** Every business day at 08:00 (SPEC 5). */
export const DEFAULT_COLLECTIONS_SCHEDULE = '0 8 * * 1-5';

/**
 * When the collections cycle runs (`COLLECTIONS_SCHEDULE`): a cron expression read in a time zone, so
 * "08:00" stays 08:00 local across daylight-saving changes (a time skipped by the change runs once at
 * the first instant after it, a time repeated by it runs once).
 */
export class CollectionsSchedule {
  private constructor(
    readonly expression: string,
    readonly timezone: string,
  ) {}

  /** Throws an error saying what is wrong with the expression or the zone. */
  static parse(expression: string, timezone: string): CollectionsSchedule {
    if (!IANAZone.isValidZone(timezone)) throw new Error(`"${timezone}" is not an IANA time zone`);
    if (expression.trim() === '') throw new Error('the cron expression is empty');
    const schedule = new CollectionsSchedule(expression.trim(), timezone);
    try {
      schedule.expressionFrom(DateTime.utc()).next();
    } catch (error) {
      throw new Error(`"${expression}" is not a cron expression: ${error instanceof Error ? error.message : String(error)}`);
    }
    return schedule;
  }

  /** The latest occurrence at or before `instant`; undefined when there is none. */
  latestAtOrBefore(instant: DateTime): DateTime | undefined {
    return this.occurrence(instant.plus({ milliseconds: 1 }), 'prev');
  }

  /** The first occurrence after `instant`; undefined when there is none. */
  nextAfter(instant: DateTime): DateTime | undefined {
    return this.occurrence(instant, 'next');
  }

  private occurrence(from: DateTime, direction: 'prev' | 'next'): DateTime | undefined {
    const expression = this.expressionFrom(from);
    if (direction === 'prev' ? !expression.hasPrev() : !expression.hasNext()) return undefined;
    const found = direction === 'prev' ? expression.prev() : expression.next();
    return DateTime.fromMillis(found.getTime(), { zone: 'utc' });
  }

  private expressionFrom(from: DateTime) {
    return CronExpressionParser.parse(this.expression, { tz: this.timezone, currentDate: from.toJSDate() });
  }
}
