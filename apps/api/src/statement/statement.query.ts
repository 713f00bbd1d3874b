import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Clock, knownAt, toDomainEvent } from '@settle/command-pipeline';
import { type IsoDate, notFound, type StatementOfAccount, statementOfAccount, streamIdForClient } from '@settle/domain';
import { EventStore } from '@settle/event-store';
import { CLOCK, EVENT_STORE } from '@settle/runtime';
import { DateTime } from 'luxon';

/** SPEC 9: the statement of a client's account from its stream, as known at `asOf` (default now). */
export class GetStatementQuery {
  constructor(
    readonly clientId: string,
    readonly period: { from?: IsoDate; to?: IsoDate },
    readonly asOf?: DateTime,
  ) {}
}

@QueryHandler(GetStatementQuery)
export class GetStatementHandler implements IQueryHandler<GetStatementQuery, { statement: StatementOfAccount; asOf: DateTime }> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ clientId, period, asOf }: GetStatementQuery) {
    const at = asOf ?? this.clock.now();
    const events = (await this.store.readStream(streamIdForClient(clientId))).filter((event) => knownAt(event, at));
    if (events.length === 0) throw notFound('client_not_found', `No client ${clientId}${asOf ? ` as of ${asOf.toUTC().toISO()}` : ''}`);
    return { statement: statementOfAccount(events.map(toDomainEvent), at, period), asOf: at };
  }
}
