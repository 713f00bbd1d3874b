import { toDomainEvent } from '@settle/command-pipeline';
import { type BehaviourFacts, foldBehaviourFacts, initialBehaviourFacts } from '@settle/domain';
import type { RecordedEvent } from '@settle/event-store';

/** Folds stored events of one client stream (upcast on the way) into its behaviour facts, in one pass. */
export const foldClientEvents = (facts: BehaviourFacts, events: readonly RecordedEvent[]): BehaviourFacts =>
  foldBehaviourFacts(facts, events.map(toDomainEvent));

/** The facts, or undefined while the client is not registered. */
export const registeredFacts = (facts: BehaviourFacts): BehaviourFacts | undefined => (facts.clientId === '' ? undefined : facts);

/** The facts of a whole stream; undefined while the client is not registered. */
export const behaviourFactsOf = (events: readonly RecordedEvent[]): BehaviourFacts | undefined =>
  registeredFacts(foldClientEvents(initialBehaviourFacts(), events));
