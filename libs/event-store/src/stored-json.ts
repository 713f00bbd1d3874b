import type { RecordedEvent, StoredJsonEvent } from './event-store.port';

/** `readStreamJson` of a store that only hands out parsed events (in memory; EventStoreDB's client parses as it reads). */
export function withJsonText({ data, metadata, ...event }: RecordedEvent): StoredJsonEvent {
  return { ...event, dataJson: JSON.stringify(data), metadataJson: JSON.stringify(metadata) };
}
