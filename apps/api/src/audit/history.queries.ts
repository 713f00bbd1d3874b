import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ChainVerification, knownAt, verifyChain } from '@settle/command-pipeline';
import { notFound, streamIdForClient } from '@settle/domain';
import { EventStore, RecordedEvent } from '@settle/event-store';
import { EVENT_STORE } from '@settle/runtime';
import { DateTime } from 'luxon';

/** SPEC 6: a client's stream in order, a page at a time (`after` = last revision already seen). */
export class GetHistoryQuery {
  constructor(
    readonly clientId: string,
    readonly after: bigint | undefined,
    readonly limit: number,
    /** The history as known then: only the events recorded at or before it. */
    readonly asOf?: DateTime,
  ) {}
}

export class VerifyHistoryQuery {
  constructor(readonly clientId: string) {}
}

const present = (event: RecordedEvent) => ({
  position: event.position,
  revision: event.revision.toString(),
  eventId: event.id,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
});

@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, after, limit, asOf }: GetHistoryQuery) {
    const streamId = streamIdForClient(clientId);
    const fromRevision = after === undefined ? 0n : after + 1n;
    // One extra event tells whether another page follows.
    const read = await this.store.readStream(streamId, { fromRevision, maxCount: limit + 1 });
    const events = asOf ? read.filter((event) => knownAt(event, asOf)) : read;
    if (events.length === 0 && fromRevision === 0n)
      throw notFound('client_not_found', `No client ${clientId}${asOf ? ` as of ${asOf.toUTC().toISO()}` : ''}`);
    const page = events.slice(0, limit);
    return {
      clientId,
      streamId,
      events: page.map(present),
      next: events.length > limit ? { after: page[page.length - 1].revision.toString() } : null,
    };
  }
}

@QueryHandler(VerifyHistoryQuery)
export class VerifyHistoryHandler implements IQueryHandler<VerifyHistoryQuery, ChainVerification> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId }: VerifyHistoryQuery): Promise<ChainVerification> {
    const events = await this.store.readStream(streamIdForClient(clientId));
    if (events.length === 0) throw notFound('client_not_found', `No client ${clientId}`);
    return verifyChain(events);
  }
}
