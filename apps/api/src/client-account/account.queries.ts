import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientAccounts, Clock } from '@settle/command-pipeline';
import { accountView } from '@settle/domain';
import { ProjectionHost } from '@settle/projections';
import { DateTime } from 'luxon';
import { CLOCK } from '@settle/runtime';
import { staleViewsOf } from '../views/stale-views';

/**
 * SPEC 4.1, folded from the stream; with `asOf`, from the events recorded up to then and evaluated then.
 * `views` says when the client's views (behaviour, solvency, portfolio) are stale (SPEC 10).
 */
export class GetAccountQuery {
  constructor(
    readonly clientId: string,
    readonly asOf?: DateTime,
  ) {}
}

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(
    private readonly accounts: ClientAccounts,
    private readonly projections: ProjectionHost,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ clientId, asOf }: GetAccountQuery) {
    const { state } = await this.accounts.get(clientId, asOf);
    return { ...accountView(state, asOf ?? this.clock.now()), ...(await staleViewsOf(this.projections, clientId)) };
  }
}
