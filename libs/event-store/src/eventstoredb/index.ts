export { createEventStoreDbStore, type EventStoreDbStoreOptions } from './eventstoredb-event-store';
export type { ReconnectPolicy } from './resilient-all-subscription';
