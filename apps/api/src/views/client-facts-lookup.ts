import { Inject, Injectable } from '@nestjs/common';
import { BehaviourFacts, notFound } from '@settle/domain';
import { EventStore } from '@settle/event-store';
import { BehaviourFactsAsOf, behaviourFactsFromStream, ClientFactsReader } from '@settle/projections';
import { DateTime } from 'luxon';
import { EVENT_STORE } from '@settle/runtime';

/** One client's behaviour facts: from the view, or with `asOf` rebuilt from the events recorded up to then (SPEC 6). */
@Injectable()
export class ClientFactsLookup {
  private readonly asOfFacts: BehaviourFactsAsOf;

  constructor(
    private readonly reader: ClientFactsReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.asOfFacts = new BehaviourFactsAsOf(store);
  }

  /** 404 when the client is unknown (or was not registered yet at `asOf`). */
  async facts(clientId: string, asOf?: DateTime): Promise<BehaviourFacts> {
    const facts =
      asOf === undefined
        ? // A client registered a moment ago may not be in the view yet: its stream has it.
          ((await this.reader.get(clientId)) ?? (await behaviourFactsFromStream(this.store, clientId)))
        : await this.asOfFacts.facts(clientId, asOf);
    if (facts === undefined) throw notFound('client_not_found', `No client ${clientId}${asOf ? ` as of ${asOf.toISO()}` : ''}`);
    return facts;
  }
}
