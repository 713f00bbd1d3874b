import { knownAt } from '@settle/command-pipeline';
import { type BehaviourFacts, streamIdForClient } from '@settle/domain';
import type { EventStore } from '@settle/event-store';
import { type DateTime } from 'luxon';
import { behaviourFactsOf } from './fold-client-events';

/**
 * A client's facts folded straight from its stream: with `asOf`, from the events recorded up to that
 * instant only (SPEC 6, "what did we know then"). Undefined when the client was not registered (by then).
 */
export async function behaviourFactsFromStream(store: EventStore, clientId: string, asOf?: DateTime): Promise<BehaviourFacts | undefined> {
  const events = await store.readStream(streamIdForClient(clientId));
  return behaviourFactsOf(asOf ? events.filter((event) => knownAt(event, asOf)) : events);
}
