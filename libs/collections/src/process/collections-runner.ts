import { performance } from 'node:perf_hooks';
import { type DateTime } from 'luxon';
import { type CollectionsPolicy, instantMillis, localDate } from '@settle/domain';
import { type Clock, type CommandContext, type StreamCommandExecutor, type StreamSnapshot } from '@settle/command-pipeline';
import { type EventStore } from '@settle/event-store';
import { type CollectionsSubject } from '../collections-subject';
import { forEachConcurrently } from '../concurrently';
import { clientPolicy, type CollectionsSettings, DEFAULT_COLLECTIONS_SETTINGS } from '../settings';
import { type ClientDirectory, type KnownClient } from './client-directory';
import {
  addClientPreview,
  addClientRun,
  type ClientRunResult,
  type CyclePreview,
  type CycleSummary,
  emptyPreview,
  emptySummary,
} from './cycle-summary';
import { dailyRiskLevels } from './daily-risk-levels';
import { type ClientRunDecision, decideClientRun } from './decide-client-run';
import { KeptSnapshots } from './kept-snapshots';

export interface CollectionsRunnerOptions {
  /** Clients decided at once (their appends are the I/O). Default 8. */
  concurrency?: number;
  /** The stream cache in front of the executor's (none: clients not in memory are read from their streams). */
  kept?: KeptSnapshots;
}

/**
 * The collections cycle: every registered client decided for one instant, each client's new
 * decisions recorded in one append at the revision its state was read at. Deterministic command
 * and event ids make a re-run, a restart or a replay decide nothing twice; a lost race re-reads the
 * stream and decides again (the executor's retries).
 */
export class CollectionsRunner {
  private cycles: Promise<unknown> = Promise.resolve();
  private readonly kept: KeptSnapshots;

  constructor(
    private readonly store: EventStore,
    private readonly executor: StreamCommandExecutor<CollectionsSubject>,
    private readonly directory: ClientDirectory,
    private readonly clock: Clock,
    private readonly settings: CollectionsSettings = DEFAULT_COLLECTIONS_SETTINGS,
    private readonly options: CollectionsRunnerOptions = {},
  ) {
    this.kept = options.kept ?? new KeptSnapshots(store, executor, directory, clock, undefined);
  }

  /** One cycle for `asOf` (default: now). Cycles of this process run one after another. */
  runCycle(asOf?: DateTime): Promise<CycleSummary> {
    return this.queued(() => this.cycle(asOf ?? this.clock.now()));
  }

  /**
   * What a cycle for `asOf` (default: now) would record, client by client, with the events (and so
   * the messages) — recording nothing. Decided exactly as `runCycle` decides, on the streams as they
   * are; queued behind running cycles so it sees what they recorded.
   */
  previewCycle(asOf?: DateTime): Promise<CyclePreview> {
    return this.queued(() => this.preview(asOf ?? this.clock.now()));
  }

  /** One client's run at `at`: what the cycle does for each client. */
  async runClient(client: KnownClient, at: DateTime): Promise<ClientRunResult> {
    return (await this.runClientWithSnapshot(client, at)).result;
  }

  private async runClientWithSnapshot(
    client: KnownClient,
    at: DateTime,
  ): Promise<{ result: ClientRunResult; snapshot: StreamSnapshot<CollectionsSubject> }> {
    let decided: ClientRunDecision['decided'] = [];
    let decidedLater = false;
    const outcome = await this.executor.executeBatch(
      {
        streamId: client.streamId,
        knownRevision: client.revision,
        decide: async (subject) => {
          ({ decided, decidedLater } = await this.decideClient(client, subject, at));
          return decided;
        },
      },
      cycleContext(at),
    );
    const recorded = new Set(outcome.recorded);
    return {
      result: {
        clientId: client.clientId,
        decidedLater,
        decided: decided.filter((command) => recorded.has(command.commandId)).map((command) => command.type),
        eventsAppended: outcome.appended.length,
      },
      snapshot: outcome.snapshot,
    };
  }

  /** The decisions of one client's run at `at` on the folded stream; none when the process already decided after `at`. */
  private async decideClient(
    client: KnownClient,
    subject: CollectionsSubject,
    at: DateTime,
  ): Promise<{ decided: ClientRunDecision['decided']; decidedLater: boolean }> {
    const decidedLater = subject.decidedThrough !== undefined && instantMillis(subject.decidedThrough) > at.toMillis();
    if (decidedLater) return { decided: [], decidedLater };
    const policy = clientPolicy(this.settings, client.clientId, subject.collections.agreement);
    const riskHold = subject.collections.creditHold?.trigger === 'risk';
    const { decided } = decideClientRun({
      subject,
      now: at,
      policy,
      metrics: this.settings.metrics,
      ...(riskHold && { dailyRiskLevels: await this.riskHistory(client.streamId, subject, at, policy) }),
    });
    return { decided, decidedLater };
  }

  private queued<T>(work: () => Promise<T>): Promise<T> {
    const next = this.cycles.catch(() => undefined).then(work);
    this.cycles = next;
    return next;
  }

  private async preview(at: DateTime): Promise<CyclePreview> {
    const preview = emptyPreview(at.toUTC().toISO()!);
    await this.overClients(preview, async (client) => {
      const snapshot = await this.executor.load(client.streamId, client.revision);
      const { decided, decidedLater } = await this.decideClient(client, snapshot.state, at);
      // What the real run would append: commands with events, not recorded before under their id.
      const toRecord = decided.filter((command) => command.events.length > 0 && !snapshot.commands.has(command.commandId));
      addClientPreview(preview, { clientId: client.clientId, decidedLater, commands: toRecord });
      return snapshot;
    });
    preview.clients.sort((a, b) => a.clientId.localeCompare(b.clientId));
    return preview;
  }

  private cycle(at: DateTime): Promise<CycleSummary> {
    const summary = emptySummary(at.toUTC().toISO()!);
    return this.overClients(summary, async (client) => {
      const { result, snapshot } = await this.runClientWithSnapshot(client, at);
      addClientRun(summary, result);
      return snapshot;
    });
  }

  /**
   * Every registered client in turn (a few at once); a client that fails is reported and the others
   * go on. Clients whose snapshot is in memory come first (the rest would push them out of a cache
   * smaller than the portfolio); the others are found in the stream cache a chunk at a time, and
   * each snapshot that moved is kept there again after its chunk.
   */
  private async overClients<Report extends Pick<CycleSummary, 'clientsExamined' | 'failures' | 'durationMs'>>(
    report: Report,
    each: (client: KnownClient) => Promise<StreamSnapshot<CollectionsSubject>>,
  ): Promise<Report> {
    const started = performance.now();
    await this.directory.catchUp();
    await this.kept.keepDirectory();
    // Each chunk's snapshots are kept while the next chunk is decided; the cycle ends once all are.
    let keeping = Promise.resolve();
    for await (const chunk of this.kept.inChunks(this.directory.list())) {
      const decided: { client: KnownClient; snapshot: StreamSnapshot<CollectionsSubject> }[] = [];
      await forEachConcurrently(chunk, this.options.concurrency ?? 8, async (client) => {
        try {
          decided.push({ client, snapshot: await each(client) });
        } catch (error) {
          report.clientsExamined++;
          report.failures.push({ clientId: client.clientId, error: error instanceof Error ? error.message : String(error) });
        }
      });
      keeping = keeping.then(() => this.kept.keep(decided));
      keeping.catch(() => undefined);
    }
    await keeping;
    report.durationMs = Math.round(performance.now() - started);
    return report;
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
