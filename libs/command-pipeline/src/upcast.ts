import { type ClientAccountEvent } from '@settle/domain';
import { type RecordedEvent } from '@settle/event-store';
import { CURRENT_SCHEMA_VERSION } from './event-metadata';

/**
 * Turns a stored event into the current event shape. Old schema versions are upcast here when read,
 * never rewritten in the store. Version 1 is the first published schema, so there is nothing to
 * convert yet; an event from a newer writer is refused rather than misread.
 */
export function toDomainEvent(recorded: Pick<RecordedEvent, 'id' | 'type' | 'data' | 'metadata'>): ClientAccountEvent {
  const version = Number(recorded.metadata.schemaVersion ?? CURRENT_SCHEMA_VERSION);
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new Error(`Event ${recorded.id} has schema version ${version}; this build reads up to ${CURRENT_SCHEMA_VERSION}`);
  }
  return { type: recorded.type, data: recorded.data } as ClientAccountEvent;
}
