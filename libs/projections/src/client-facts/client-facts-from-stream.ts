import { AsOfCheckpoints } from '@settle/command-pipeline';
import { type BehaviourFacts, initialBehaviourFacts, streamIdForClient } from '@settle/domain';
import type { EventStore } from '@settle/event-store';
import { type DateTime } from 'luxon';
import { behaviourFactsOf, foldClientEvents, registeredFacts } from './fold-client-events';

/** A client's facts folded straight from its whole stream. Undefined when the client is not registered. */
export async function behaviourFactsFromStream(store: EventStore, clientId: string): Promise<BehaviourFacts | undefined> {
  return behaviourFactsOf(await store.readStream(streamIdForClient(clientId)));
}

/**
 * A client's facts from the events recorded up to an instant only (SPEC 6, "what did we know then"),
 * through checkpoints of the fold kept by this instance: keep one per process.
 */
export class BehaviourFactsAsOf {
  private readonly checkpoints: AsOfCheckpoints<BehaviourFacts>;

  constructor(store: EventStore) {
    this.checkpoints = new AsOfCheckpoints(store, { initialState: initialBehaviourFacts, evolve: foldClientEvents });
  }

  /** Undefined when the client was not registered by then. */
  async facts(clientId: string, asOf: DateTime): Promise<BehaviourFacts | undefined> {
    return registeredFacts(await this.checkpoints.asOf(streamIdForClient(clientId), asOf));
  }
}
