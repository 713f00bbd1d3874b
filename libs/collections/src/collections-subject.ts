import { DateTime } from 'luxon';
import {
  type BehaviourFacts,
  type ClientAccountEvent,
  type CollectionsProcessState,
  type DeciderFold,
  evolveBehaviourFacts,
  evolveCollectionsState,
  initialBehaviourFacts,
  initialCollectionsState,
  type IsoInstant,
} from '@settle/domain';

/**
 * What the collections process folds from one client stream: its own case (levels, charges,
 * reminders, pauses, promises) and the behaviour facts its trend and risk rules are computed from.
 * Both come from the same events, so they always describe the same revision.
 */
export interface CollectionsSubject {
  collections: CollectionsProcessState;
  facts: BehaviourFacts;
  /** The latest instant the process decided anything for this client (a charge counts from the start of its day). */
  decidedThrough?: IsoInstant;
}

export const collectionsSubjectFold: DeciderFold<ClientAccountEvent, CollectionsSubject> = {
  initialState: () => ({ collections: initialCollectionsState(), facts: initialBehaviourFacts() }),
  evolve: (subject: CollectionsSubject, event: ClientAccountEvent): CollectionsSubject => {
    const collections = evolveCollectionsState(subject.collections, event);
    const decidedAt = decisionInstant(event, collections.agreement?.timezone ?? 'UTC');
    return {
      collections,
      facts: evolveBehaviourFacts(subject.facts, event),
      decidedThrough: decidedAt && (!subject.decidedThrough || decidedAt > subject.decidedThrough) ? decidedAt : subject.decidedThrough,
    };
  },
};

/** Registered clients only: before `ClientRegistered` there is nothing to collect. */
export const isRegistered = (subject: CollectionsSubject): boolean => subject.collections.agreement !== undefined;

/** When the process took a decision recorded by this event; undefined for every other event. */
const decisionInstant = (event: ClientAccountEvent, timezone: string): IsoInstant | undefined => {
  switch (event.type) {
    case 'CollectionsEscalated':
    case 'TermsTightened':
    case 'PromiseKept':
    case 'PromiseBroken':
    case 'HandedToAgency':
    case 'CollectionsResolved':
    case 'CollectionsLevelCorrected':
      return utc(event.data.decidedAt);
    case 'AgencyHandoverProposed':
      return utc(event.data.proposedAt);
    case 'CreditHoldPlaced':
      return utc(event.data.placedAt);
    case 'CreditHoldReleased':
      return utc(event.data.releasedAt);
    case 'LateFeeCharged':
    case 'LateInterestCharged':
      return DateTime.fromISO(event.data.chargedOn, { zone: timezone }).toUTC().toISO()!;
    default:
      return undefined;
  }
};

const utc = (instant: IsoInstant): IsoInstant => DateTime.fromISO(instant).toUTC().toISO()!;
