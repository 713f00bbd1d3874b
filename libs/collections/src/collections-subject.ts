import {
  BehaviourFacts,
  ClientAccountEvent,
  CollectionsProcessState,
  evolveBehaviourFacts,
  evolveCollectionsState,
  initialBehaviourFacts,
  initialCollectionsState,
} from '@settle/domain';
import { StreamFold } from '@settle/accounts';

/**
 * What the collections process folds from one client stream: its own case (levels, charges,
 * reminders, pauses, promises) and the behaviour facts its trend and risk rules are computed from.
 * Both come from the same events, so they always describe the same revision.
 */
export interface CollectionsSubject {
  collections: CollectionsProcessState;
  facts: BehaviourFacts;
}

export const collectionsSubjectFold: StreamFold<CollectionsSubject> = {
  initialState: () => ({ collections: initialCollectionsState(), facts: initialBehaviourFacts() }),
  evolve: (subject: CollectionsSubject, event: ClientAccountEvent): CollectionsSubject => ({
    collections: evolveCollectionsState(subject.collections, event),
    facts: evolveBehaviourFacts(subject.facts, event),
  }),
};

/** Registered clients only: before `ClientRegistered` there is nothing to collect. */
export const isRegistered = (subject: CollectionsSubject): boolean => subject.collections.agreement !== undefined;
