import { DateTime } from 'luxon';
import { type Agreement } from '../agreement/agreement';
import { isBusinessDay } from '../agreement/calendar';
import { addDays, localDate } from '../shared/dates';

type ContactHours = Pick<Agreement, 'timezone' | 'businessHours' | 'holidays'>;

/** A year and a week covers any calendar that has a business day at all. */
const SEARCH_DAYS = 372;

/**
 * When a message decided at `now` may go out: `now` itself inside the client's business hours
 * (local time zone, business weekdays, not a holiday), else the start of the next window.
 */
export const nextContactWindow = (now: DateTime, hours: ContactHours): DateTime => {
  const local = now.setZone(hours.timezone);
  const today = localDate(now, hours.timezone);
  for (let offset = 0; offset < SEARCH_DAYS; offset++) {
    const day = addDays(today, offset);
    if (!isBusinessDay(day, hours)) continue;
    const opens = DateTime.fromISO(`${day}T${hours.businessHours.start}`, { zone: hours.timezone });
    const closes = DateTime.fromISO(`${day}T${hours.businessHours.end}`, { zone: hours.timezone });
    if (local < opens) return opens;
    if (local < closes) return now;
  }
  throw new Error(`No business hours within ${SEARCH_DAYS} days of ${today}: check the agreement's businessHours`);
};
