import { DateTime } from 'luxon';
import {
  addDays,
  assessSolvency,
  type BehaviourFacts,
  type CollectionsSolvency,
  foldBehaviourFacts,
  initialBehaviourFacts,
  type IsoDate,
  type MetricsConfig,
} from '@settle/domain';
import { knownAt, toDomainEvent } from '@settle/command-pipeline';
import { type RecordedEvent } from '@settle/event-store';

export type DailyRiskLevel = NonNullable<CollectionsSolvency['dailyRiskLevels']>[number];

export interface DailyRiskOptions {
  /** The client-local date of the run; the days before it are assessed. */
  today: IsoDate;
  timezone: string;
  days: number;
  metrics?: MetricsConfig;
}

/**
 * The risk level at the end of each of the `days` client-local days before `today`, oldest first,
 * each from what was known by then: the events recorded (metadata `recordedAt`) before that day
 * ended. What a risk-triggered credit hold needs to be released without flapping (SPEC 5).
 */
export const dailyRiskLevels = (
  events: readonly Pick<RecordedEvent, 'id' | 'type' | 'data' | 'metadata'>[],
  { today, timezone, days, metrics }: DailyRiskOptions,
): DailyRiskLevel[] => {
  let facts: BehaviourFacts = initialBehaviourFacts();
  let folded = 0;
  const levels: DailyRiskLevel[] = [];
  for (let back = days; back >= 1; back--) {
    const on = addDays(today, -back);
    const endOfDay = DateTime.fromISO(addDays(on, 1), { zone: timezone }).minus({ milliseconds: 1 });
    // What was known by then is a prefix of the stream: recording times only grow along it.
    const known = folded;
    while (folded < events.length && knownAt(events[folded], endOfDay)) folded++;
    facts = foldBehaviourFacts(facts, events.slice(known, folded).map(toDomainEvent));
    if (facts.clientId === '') continue;
    levels.push({ on, riskLevel: assessSolvency(facts, endOfDay, metrics).riskLevel });
  }
  return levels;
};
