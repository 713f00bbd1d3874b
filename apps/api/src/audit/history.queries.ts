import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ChainVerification, knownAt, verifyChain } from '@settle/command-pipeline';
import { notFound, streamIdForClient } from '@settle/domain';
import { EventStore, RecordedEvent } from '@settle/event-store';
import { EVENT_STORE } from '@settle/runtime';
import { DateTime } from 'luxon';

/** Which page: oldest first after a revision already seen, or newest first below one. */
export type HistoryPageRequest = { order: 'asc'; after?: bigint } | { order: 'desc'; before?: bigint };

/** SPEC 6: a client's stream, a page at a time, oldest or newest first. */
export class GetHistoryQuery {
  constructor(
    readonly clientId: string,
    readonly page: HistoryPageRequest,
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

/** Newest-first reads as of an instant skip what was recorded later, this many events a read. */
const AS_OF_CHUNK = 500;

@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, page, limit, asOf }: GetHistoryQuery) {
    const streamId = streamIdForClient(clientId);
    // One extra event tells whether another page follows.
    const { events, first } =
      page.order === 'asc'
        ? await this.oldestFirst(streamId, page.after, limit + 1, asOf)
        : await this.newestFirst(streamId, page.before, limit + 1, asOf);
    if (events.length === 0 && first)
      throw notFound('client_not_found', `No client ${clientId}${asOf ? ` as of ${asOf.toUTC().toISO()}` : ''}`);
    const shown = events.slice(0, limit);
    const last = shown.at(-1)?.revision.toString();
    return {
      clientId,
      streamId,
      events: shown.map(present),
      next: events.length > limit && last !== undefined ? (page.order === 'asc' ? { after: last } : { before: last }) : null,
    };
  }

  private async oldestFirst(streamId: string, after: bigint | undefined, count: number, asOf: DateTime | undefined) {
    const fromRevision = after === undefined ? 0n : after + 1n;
    const read = await this.store.readStream(streamId, { fromRevision, maxCount: count });
    return { events: asOf ? read.filter((event) => knownAt(event, asOf)) : read, first: fromRevision === 0n };
  }

  /** Up to `count` events below `before`, newest first; as of an instant, the newer ones are passed over. */
  private async newestFirst(streamId: string, before: bigint | undefined, count: number, asOf: DateTime | undefined) {
    const found: RecordedEvent[] = [];
    let fromRevision = before === undefined ? undefined : before - 1n;
    while (found.length < count && (fromRevision === undefined || fromRevision >= 0n)) {
      const maxCount = asOf ? Math.max(count, AS_OF_CHUNK) : count - found.length;
      const read = await this.store.readStream(streamId, { direction: 'backwards', fromRevision, maxCount });
      found.push(...(asOf ? read.filter((event) => knownAt(event, asOf)) : read));
      const oldest = read.at(-1);
      if (read.length < maxCount || oldest === undefined) break;
      fromRevision = oldest.revision - 1n;
    }
    return { events: found, first: before === undefined };
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
