import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@settle/command-pipeline';
import { CollectionsCases, CollectionsRunner, CycleSummary } from '@settle/collections';
import { DateTime } from 'luxon';
import { CLOCK } from '@settle/runtime';

/** `POST /v1/admin/collections/run`: one cycle now, in this process, for `asOf` or the clock's now. */
export class RunCollectionsCycle {
  constructor(readonly asOf?: DateTime) {}
}

@CommandHandler(RunCollectionsCycle)
export class RunCollectionsCycleHandler implements ICommandHandler<RunCollectionsCycle, CycleSummary> {
  constructor(private readonly runner: CollectionsRunner) {}

  execute({ asOf }: RunCollectionsCycle): Promise<CycleSummary> {
    return this.runner.runCycle(asOf);
  }
}

export class GetClientCollectionsQuery {
  constructor(readonly clientId: string) {}
}

@QueryHandler(GetClientCollectionsQuery)
export class GetClientCollectionsHandler implements IQueryHandler<GetClientCollectionsQuery> {
  constructor(
    private readonly cases: CollectionsCases,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ clientId }: GetClientCollectionsQuery) {
    return this.cases.caseOf(clientId, this.clock.now());
  }
}

export class GetWorklistQuery {
  constructor(readonly limit: number) {}
}

@QueryHandler(GetWorklistQuery)
export class GetWorklistHandler implements IQueryHandler<GetWorklistQuery> {
  constructor(
    private readonly cases: CollectionsCases,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ limit }: GetWorklistQuery) {
    const now = this.clock.now();
    return { asOf: now.toUTC().toISO(), items: await this.cases.worklist(now, limit) };
  }
}
