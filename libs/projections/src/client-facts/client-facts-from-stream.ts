import { BehaviourFacts, instantMillis, streamIdForClient } from '@settle/domain';
import type { EventStore } from '@settle/event-store';
import { DateTime } from 'luxon';
import { behaviourFactsOf } from './fold-client-events';

/**
 * A client's facts folded straight from its stream: with `asOf`, from the events recorded up to that
 * instant only (SPEC 6, "what did we know then"). Undefined when the client was not registered (by then).
 */
export async function behaviourFactsFromStream(store: EventStore, clientId: string, asOf?: DateTime): Promise<BehaviourFacts | undefined> {
  const events = await store.readStream(streamIdForClient(clientId));
  const asOfMillis = asOf?.toMillis();
  const known =
    asOfMillis === undefined ? events : events.filter((event) => instantMillis(String(event.metadata.recordedAt)) <= asOfMillis);
  return behaviourFactsOf(known);
}
