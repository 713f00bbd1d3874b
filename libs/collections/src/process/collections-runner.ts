import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { type CollectionsPolicy, localDate } from '@settle/domain';
import { type Clock, type CommandContext, type StreamCommandExecutor } from '@settle/command-pipeline';
import { type EventStore } from '@settle/event-store';
import { type CollectionsSubject } from '../collections-subject';
import { forEachConcurrently } from '../concurrently';
import { clientPolicy, type CollectionsSettings, DEFAULT_COLLECTIONS_SETTINGS } from '../settings';
import { type ClientDirectory, type KnownClient } from './client-directory';
import { addClientRun, type ClientRunResult, type CycleSummary, emptySummary } from './cycle-summary';
import { dailyRiskLevels } from './daily-risk-levels';
import { type ClientRunDecision, decideClientRun } from './decide-client-run';

export interface CollectionsRunnerOptions {
  /** Clients decided at once (their appends are the I/O). Default 8. */
  concurrency?: number;
}

/**
 * The collections cycle: every registered client decided for one instant, each client's new
 * decisions recorded in one append at the revision its state was read at. Deterministic command
 * and event ids make a re-run, a restart or a replay decide nothing twice; a lost race re-reads the
 * stream and decides again (the executor's retries).
 */
export class CollectionsRunner {
  private cycles: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly executor: StreamCommandExecutor<CollectionsSubject>,
    private readonly directory: ClientDirectory,
    private readonly clock: Clock,
    private readonly settings: CollectionsSettings = DEFAULT_COLLECTIONS_SETTINGS,
    private readonly options: CollectionsRunnerOptions = {},
  ) {}

  /** One cycle for `asOf` (default: now). Cycles of this process run one after another. */
  runCycle(asOf?: DateTime): Promise<CycleSummary> {
    const cycle = this.cycles.catch(() => undefined).then(() => this.cycle(asOf ?? this.clock.now()));
    this.cycles = cycle;
    return cycle;
  }

  /** One client's run at `at`: what the cycle does for each client. */
  async runClient(client: KnownClient, at: DateTime): Promise<ClientRunResult> {
    let decided: ClientRunDecision['decided'] = [];
    let decidedLater = false;
    const outcome = await this.executor.executeBatch(
      {
        streamId: client.streamId,
        knownRevision: client.revision,
        decide: async (subject) => {
          decidedLater = subject.decidedThrough !== undefined && DateTime.fromISO(subject.decidedThrough) > at;
          if (decidedLater) return (decided = []);
          const policy = clientPolicy(this.settings, client.clientId, subject.collections.agreement);
          const riskHold = subject.collections.creditHold?.trigger === 'risk';
          decided = decideClientRun({
            subject,
            now: at,
            policy,
            metrics: this.settings.metrics,
            ...(riskHold && { dailyRiskLevels: await this.riskHistory(client.streamId, subject, at, policy) }),
          }).decided;
          return decided;
        },
      },
      cycleContext(at),
    );
    const recorded = new Set(outcome.recorded);
    return {
      clientId: client.clientId,
      decidedLater,
      decided: decided.filter((command) => recorded.has(command.commandId)).map((command) => command.type),
      eventsAppended: outcome.appended.length,
    };
  }

  private async cycle(at: DateTime): Promise<CycleSummary> {
    const started = performance.now();
    const summary = emptySummary(at.toUTC().toISO()!);
    await this.directory.catchUp();
    await forEachConcurrently(this.directory.list(), this.options.concurrency ?? 8, async (client) => {
      try {
        addClientRun(summary, await this.runClient(client, at));
      } catch (error) {
        summary.clientsExamined++;
        summary.failures.push({ clientId: client.clientId, error: error instanceof Error ? error.message : String(error) });
      }
    });
    summary.durationMs = Math.round(performance.now() - started);
    return summary;
  }

  /** The daily risk levels a risk hold's release needs: rebuilt from the stream as known at the end of each day. */
  private async riskHistory(streamId: string, subject: CollectionsSubject, at: DateTime, policy: CollectionsPolicy) {
    const timezone = subject.collections.agreement!.timezone;
    return dailyRiskLevels(await this.store.readStream(streamId), {
      today: localDate(at, timezone),
      timezone,
      days: policy.riskHoldReleaseDays,
      metrics: this.settings.metrics,
    });
  }
}

/** Who records the cycle's decisions; one correlation id per cycle instant. */
const cycleContext = (at: DateTime): CommandContext => ({
  actor: 'collections',
  role: 'system',
  source: 'collections',
  correlationId: `collections-cycle:${at.toUTC().toISO()}`,
});
