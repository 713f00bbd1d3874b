import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CollectionsRunner, CycleSummary } from '@settle/collections';
import { ProjectionHost } from '@settle/projections';
import { DateTime } from 'luxon';
import { InvalidInputException } from '../http/invalid-input.exception';

/** One collections cycle now, in this process, for `asOf` or the clock's now. */
export class RunCollectionsCycle {
  constructor(readonly asOf?: DateTime) {}
}

export class GetProjectionsQuery {}

/** Rebuild from zero (SPEC 4.5): whichever process runs the projections does it; progress shows in the status. */
export class RebuildProjections {
  constructor(readonly names?: string[]) {}
}

/** SPEC 6: rebuild every view beside the live one and report the differences. */
export class VerifyViews {}

@CommandHandler(RunCollectionsCycle)
export class RunCollectionsCycleHandler implements ICommandHandler<RunCollectionsCycle, CycleSummary> {
  constructor(private readonly runner: CollectionsRunner) {}

  execute({ asOf }: RunCollectionsCycle): Promise<CycleSummary> {
    return this.runner.runCycle(asOf);
  }
}

@QueryHandler(GetProjectionsQuery)
export class GetProjectionsHandler implements IQueryHandler<GetProjectionsQuery> {
  constructor(private readonly host: ProjectionHost) {}

  async execute() {
    return { projections: await this.host.status() };
  }
}

@CommandHandler(RebuildProjections)
export class RebuildProjectionsHandler implements ICommandHandler<RebuildProjections> {
  constructor(private readonly host: ProjectionHost) {}

  async execute({ names }: RebuildProjections) {
    const unknown = (names ?? []).filter((name) => !this.host.projectionNames.includes(name));
    if (unknown.length > 0) {
      throw new InvalidInputException([
        { field: 'projections', message: `No projection ${unknown.join(', ')}; there are ${this.host.projectionNames.join(', ')}` },
      ]);
    }
    return { projections: await this.host.rebuild(names) };
  }
}

@CommandHandler(VerifyViews)
export class VerifyViewsHandler implements ICommandHandler<VerifyViews> {
  constructor(private readonly host: ProjectionHost) {}

  execute() {
    return this.host.verify();
  }
}
