import { toDomainEvent } from '@settle/command-pipeline';
import { BehaviourFacts, foldBehaviourFacts, initialBehaviourFacts } from '@settle/domain';
import type { RecordedEvent } from '@settle/event-store';

const CLIENT_STREAM_PREFIX = 'client-';

/** The client id of a client-account stream (`client-<clientId>`); undefined for any other stream. */
export const clientIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(CLIENT_STREAM_PREFIX) ? streamId.slice(CLIENT_STREAM_PREFIX.length) : undefined;

/** Folds stored events of one client stream (upcast on the way) into its behaviour facts, in one pass. */
export const foldClientEvents = (facts: BehaviourFacts, events: readonly RecordedEvent[]): BehaviourFacts =>
  foldBehaviourFacts(facts, events.map(toDomainEvent));

/** The facts of a whole stream; undefined while the client is not registered. */
export const behaviourFactsOf = (events: readonly RecordedEvent[]): BehaviourFacts | undefined => {
  const facts = foldClientEvents(initialBehaviourFacts(), events);
  return facts.clientId === '' ? undefined : facts;
};
