import { type DateTime } from 'luxon';
import { instantMillis } from '@settle/domain';
import { type RecordedEvent } from '@settle/event-store';

/**
 * Whether a stored event was known at `asOf`: recorded (metadata `recordedAt`, the pipeline's clock)
 * at or before it. The one rule behind every "what did we know then" read (SPEC 6).
 */
export const knownAt = (event: Pick<RecordedEvent, 'metadata'>, asOf: DateTime): boolean =>
  instantMillis(String(event.metadata.recordedAt)) <= asOf.toMillis();
