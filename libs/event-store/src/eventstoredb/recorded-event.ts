import {
  jsonEvent,
  type AllStreamRecordedEvent,
  type EventData,
  type JSONType,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { encodePosition } from './position';

/** EventStoreDB's own events (`$`-typed: stats, users, stream metadata…) are not ours to project. */
export function isSystemEvent(event: { type: string }): boolean {
  return event.type.startsWith('$');
}

/** Events travel as JSON; the event id goes through so the server can recognise a retried append. */
export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: event.metadata as JSONType });
}

export function toRecordedEvent(event: EsdbRecordedEvent | AllStreamRecordedEvent): RecordedEvent {
  if (!event.position) throw new Error(`EventStoreDB returned event ${event.id} of ${event.streamId} without a position`);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: encodePosition(event.position),
    type: event.type,
    data: event.data,
    metadata: (event.metadata ?? {}) as Record<string, unknown>,
    created: event.created.toISOString(),
  };
}
