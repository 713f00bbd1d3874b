import { type DateTime } from 'luxon';
import { instantMillis } from '@settle/domain';
import { type RecordedEvent } from '@settle/event-store';

/** When a stored event was recorded (metadata `recordedAt`, the pipeline's clock), in epoch milliseconds. */
export const recordedMillis = (event: Pick<RecordedEvent, 'metadata'>): number => instantMillis(String(event.metadata.recordedAt));

/**
 * Whether a stored event was known at `asOf`: recorded at or before it. The one rule behind every
 * "what did we know then" read (SPEC 6).
 */
export const knownAt = (event: Pick<RecordedEvent, 'metadata'>, asOf: DateTime): boolean => recordedMillis(event) <= asOf.toMillis();
