import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ChainVerification, verifyChain } from '@settle/command-pipeline';
import { notFound, streamIdForClient } from '@settle/domain';
import { EventStore, RecordedEvent } from '@settle/event-store';
import { EVENT_STORE } from '@settle/runtime';

/** SPEC 6: a client's stream in order, a page at a time (`after` = last revision already seen). */
export class GetHistoryQuery {
  constructor(
    readonly clientId: string,
    readonly after: bigint | undefined,
    readonly limit: number,
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

  async execute({ clientId, after, limit }: GetHistoryQuery) {
    const streamId = streamIdForClient(clientId);
    const fromRevision = after === undefined ? 0n : after + 1n;
    // One extra event tells whether another page follows.
    const events = await this.store.readStream(streamId, { fromRevision, maxCount: limit + 1 });
    if (events.length === 0 && fromRevision === 0n) throw notFound('client_not_found', `No client ${clientId}`);
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
