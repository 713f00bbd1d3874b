import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Clock } from '@settle/command-pipeline';
import { CollectionsRunner, CyclePreview, CycleSummary } from '@settle/collections';
import { clientIdOfStream, streamIdForClient } from '@settle/domain';
import { type ProjectionStatus, ProjectionHost, type QuarantineEntry } from '@settle/projections';
import { DateTime } from 'luxon';
import { CLOCK } from '@settle/runtime';
import { refuseFutureAsOf } from '../http/as-of';
import { InvalidInputException } from '../http/invalid-input.exception';

/** One collections cycle now, in this process, for `asOf` or the clock's now; with `dryRun`, what it would record, recording nothing. */
export class RunCollectionsCycle {
  constructor(
    readonly asOf?: DateTime,
    readonly dryRun = false,
  ) {}
}

export class GetProjectionsQuery {}

/**
 * Rebuild from zero (SPEC 4.5): whichever process runs the projections does it; progress shows in the
 * status. With `clients`, only those clients, each alone from its stream (SPEC 10: lifts a quarantine).
 */
export class RebuildProjections {
  constructor(
    readonly names?: string[],
    readonly clients?: string[],
  ) {}
}

/** SPEC 6: rebuild every view beside the live one and report the differences. */
export class VerifyViews {}

@CommandHandler(RunCollectionsCycle)
export class RunCollectionsCycleHandler implements ICommandHandler<RunCollectionsCycle, CycleSummary | CyclePreview> {
  constructor(
    private readonly runner: CollectionsRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ asOf, dryRun }: RunCollectionsCycle): Promise<CycleSummary | CyclePreview> {
    const at = asOf && refuseFutureAsOf(asOf, this.clock.now());
    return dryRun ? this.runner.previewCycle(at) : this.runner.runCycle(at);
  }
}

@QueryHandler(GetProjectionsQuery)
export class GetProjectionsHandler implements IQueryHandler<GetProjectionsQuery> {
  constructor(private readonly host: ProjectionHost) {}

  async execute() {
    return { projections: (await this.host.status()).map(presentStatus) };
  }
}

/** The quarantined streams named by their clients. */
const presentStatus = (status: ProjectionStatus) => ({
  ...status,
  quarantine: { count: status.quarantine.count, first: status.quarantine.first.map(presentQuarantined) },
});

const presentQuarantined = ({ streamId, ...entry }: QuarantineEntry) => ({
  clientId: clientIdOfStream(streamId) ?? null,
  streamId,
  ...entry,
});

@CommandHandler(RebuildProjections)
export class RebuildProjectionsHandler implements ICommandHandler<RebuildProjections> {
  constructor(private readonly host: ProjectionHost) {}

  async execute({ names, clients }: RebuildProjections) {
    const unknown = (names ?? []).filter((name) => !this.host.projectionNames.includes(name));
    if (unknown.length > 0) {
      throw new InvalidInputException([
        { field: 'projections', message: `No projection ${unknown.join(', ')}; there are ${this.host.projectionNames.join(', ')}` },
      ]);
    }
    if (clients !== undefined) {
      const rebuilt = await this.host.rebuildStreams(clients.map(streamIdForClient), names);
      return { clients: rebuilt.map(({ streamId, ...outcome }) => ({ clientId: clientIdOfStream(streamId), ...outcome })) };
    }
    return { projections: (await this.host.rebuild(names)).map(presentStatus) };
  }
}

@CommandHandler(VerifyViews)
export class VerifyViewsHandler implements ICommandHandler<VerifyViews> {
  constructor(private readonly host: ProjectionHost) {}

  execute() {
    return this.host.verify();
  }
}
