import { Map as PersistentMap } from 'immutable';
import { type DateTime } from 'luxon';
import { LRUCache } from 'lru-cache';
import { v5 as uuidv5 } from 'uuid';
import { type ClientAccountEvent, conflict, type DeciderFold, DomainError } from '@settle/domain';
import { type EventStore, type EventToAppend, type RecordedEvent, WrongExpectedRevisionError } from '@settle/event-store';
import { type Clock } from './clock';
import { type CommandContext, CURRENT_SCHEMA_VERSION, type UnsealedMetadata } from './event-metadata';
import { canonicalJson, chainHash, GENESIS_HASH, sha256Hex } from './hash-chain';
import { KeyedSerializer } from './keyed-serializer';
import { AsOfCheckpoints } from './as-of-checkpoints';
import { toDomainEvent } from './upcast';

/** A stream folded up to a revision, with what idempotency and the hash chain need. */
export interface StreamSnapshot<State> {
  state: State;
  /** Revision of the last folded event; -1n for a stream that does not exist yet. */
  revision: bigint;
  lastHash: string;
  /**
   * commandId → commandHash of every command recorded in the stream. Persistent: folding one more
   * event shares the rest instead of copying it (a long stream folds one command at a time).
   */
  commands: PersistentMap<string, string>;
}

export interface StreamCommand<State> {
  streamId: string;
  /** Caller-chosen identity of the command, e.g. `RecordPayment:p-1`. */
  commandId: string;
  /** What the command says; the same id with other content is refused. */
  content: unknown;
  decide(state: State, now: DateTime): ClientAccountEvent[];
}

export interface CommandOutcome<State> {
  /** `recorded`: new events appended; `already_recorded`: the same command was recorded before (idempotent repeat). */
  outcome: 'recorded' | 'already_recorded';
  snapshot: StreamSnapshot<State>;
  appended: EventToAppend[];
}

/** One decision of a process run: its own id and content, and the events it decided (none: nothing left to do). */
export interface DecidedStreamCommand {
  commandId: string;
  content: unknown;
  /** The content's hash when the caller has it already (one hash per command, not one per use). */
  commandHash?: string;
  events: ClientAccountEvent[];
}

/**
 * Several commands decided together on one state and recorded in ONE append, each with its own id,
 * content hash and derived event ids (a process manager's run over a stream). A command that decided
 * no events is dropped; one recorded before with the same content is skipped; one recorded before
 * with other content is a conflict.
 */
export interface StreamCommandBatch<State> {
  streamId: string;
  /** May read more than the folded state (e.g. history by recording time), hence async. */
  decide(state: State, now: DateTime): DecidedStreamCommand[] | Promise<DecidedStreamCommand[]>;
  /**
   * The stream's revision as the caller last saw it (a directory fed by the store): when the cached
   * snapshot is already there, deciding needs no read. A stale hint only costs a concurrency retry.
   */
  knownRevision?: bigint;
}

export interface BatchOutcome<State> {
  snapshot: StreamSnapshot<State>;
  /** Ids of the commands this call recorded, in order. */
  recorded: string[];
  /** Ids decided again with the same content as recorded before: nothing appended for them. */
  alreadyRecorded: string[];
  appended: EventToAppend[];
}

/** What folding needs of a stored event. */
type FoldableEvent = Pick<RecordedEvent, 'id' | 'type' | 'data' | 'metadata' | 'revision'>;

/** The command kept losing optimistic-concurrency races (SPEC 3.1): answered 409. */
export class ConcurrencyExhaustedError extends Error {
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`Stream ${streamId} kept changing; gave up after ${attempts} attempts`);
    this.name = 'ConcurrencyExhaustedError';
  }
}

/** Fixed namespace for event ids derived from (stream, command, index): a retried command reuses its ids. */
const EVENT_ID_NAMESPACE = '2f0e6c1a-5d1b-4c57-9a35-6a4f4c1f9b0e';

export interface ExecutorOptions {
  /** Re-runs after a concurrency conflict before answering 409 (SPEC 3.1: 3). */
  maxRetries?: number;
  /** Instead of a bound by folded events: streams kept in memory however long (for callers whose streams are known to be short). */
  cacheSize?: number;
  /**
   * The events folded into the cached snapshots, summed (a snapshot costs memory by its stream's
   * length); the least recently used go first. The bound unless only `cacheSize` is given; default
   * `DEFAULT_CACHE_FOLDED_EVENTS`.
   */
  cacheFoldedEvents?: number;
}

/**
 * The cache's bound when none is given: a heap snapshot of the API at 10,000 clients found ~550 bytes
 * per folded event in the collections cache (states, command ids and hashes), so about 50 MB whatever
 * the portfolio; a stream let go is read and folded again on its next use.
 */
export const DEFAULT_CACHE_FOLDED_EVENTS = 100_000;

/**
 * Load → decide → append for one stream, with the guarantees every command needs: idempotent
 * caller-chosen ids, metadata and hash chain, optimistic concurrency with re-decision on fresh state,
 * and an in-memory snapshot cache that only reads what was appended since.
 */
export class StreamCommandExecutor<State> {
  private readonly cache: LRUCache<string, StreamSnapshot<State>>;
  private readonly serializer = new KeyedSerializer();
  private readonly maxRetries: number;
  private readonly asOfCheckpoints: AsOfCheckpoints<StreamSnapshot<State>>;

  constructor(
    private readonly store: EventStore,
    /** How the stream folds into the state commands are decided on: the fold half of the stream's decider. */
    private readonly fold: DeciderFold<ClientAccountEvent, State>,
    private readonly clock: Clock,
    options: ExecutorOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 3;
    this.cache =
      options.cacheSize !== undefined && options.cacheFoldedEvents === undefined
        ? new LRUCache({ max: options.cacheSize })
        : new LRUCache({
            maxSize: options.cacheFoldedEvents ?? DEFAULT_CACHE_FOLDED_EVENTS,
            sizeCalculation: (snapshot) => Number(snapshot.revision) + 1,
          });
    this.asOfCheckpoints = new AsOfCheckpoints(store, {
      initialState: () => this.emptySnapshot(),
      evolve: (snapshot, events) => this.foldInto(snapshot, events),
    });
  }

  /** Whether `streamId`'s snapshot is in memory (without counting as a use). */
  isCached(streamId: string): boolean {
    return this.cache.has(streamId);
  }

  /** Keeps a snapshot folded elsewhere (e.g. persisted) unless the cache already holds the stream as far. */
  remember(streamId: string, snapshot: StreamSnapshot<State>): void {
    const cached = this.cache.peek(streamId);
    if (snapshot.revision >= 0n && (!cached || cached.revision < snapshot.revision)) this.cache.set(streamId, snapshot);
  }

  execute(command: StreamCommand<State>, context: CommandContext): Promise<CommandOutcome<State>> {
    const commandHash = commandHashOf(command.content);
    let repeated = false;
    const decide = (state: State, now: DateTime, snapshot: StreamSnapshot<State>): DecidedStreamCommand[] => {
      const recordedHash = snapshot.commands.get(command.commandId);
      repeated = recordedHash !== undefined;
      if (recordedHash !== undefined && recordedHash !== commandHash) {
        throw conflict('id_reused', `${command.commandId} was already recorded with different content`);
      }
      // An idempotent repeat is answered from the record, without deciding again.
      return repeated ? [] : [{ commandId: command.commandId, content: command.content, commandHash, events: command.decide(state, now) }];
    };
    return this.serializer.run(command.streamId, async () => {
      const { snapshot, appended } = await this.decideAndAppend(command.streamId, decide, context);
      return { outcome: repeated ? 'already_recorded' : 'recorded', snapshot, appended };
    });
  }

  executeBatch(batch: StreamCommandBatch<State>, context: CommandContext): Promise<BatchOutcome<State>> {
    return this.serializer.run(batch.streamId, () =>
      this.decideAndAppend(batch.streamId, (state, now) => batch.decide(state, now), context, batch.knownRevision),
    );
  }

  /** The stream as it is now (cached, caught up with the store; no read when the cache is at `knownRevision`). */
  async load(streamId: string, knownRevision?: bigint): Promise<StreamSnapshot<State>> {
    const cached = this.cache.get(streamId) ?? this.emptySnapshot();
    if (knownRevision !== undefined && cached.revision >= 0n && cached.revision >= knownRevision) return cached;
    const newer = await this.store.readStream(streamId, { fromRevision: cached.revision + 1n });
    const snapshot = newer.length === 0 ? cached : this.foldInto(cached, newer);
    if (snapshot.revision >= 0n) this.cache.set(streamId, snapshot);
    return snapshot;
  }

  /**
   * Folds events read elsewhere (a subscription, `readAll`) into the cached snapshots they continue,
   * so that a process reading the whole store warms the cache without reading each stream again.
   * Events that do not continue a snapshot (a gap, an evicted stream) are left for the next `load`.
   */
  observe(events: readonly RecordedEvent[]): void {
    // Consecutive events of one stream (a whole stream, on a first read of the store) fold together.
    let run: RecordedEvent[] = [];
    const foldRun = () => {
      const [first] = run;
      const cached = this.cache.get(first.streamId) ?? (first.revision === 0n ? this.emptySnapshot() : undefined);
      if (cached && first.revision === cached.revision + 1n) this.cache.set(first.streamId, this.foldInto(cached, run));
      run = [];
    };
    for (const event of events) {
      const last = run[run.length - 1];
      if (last && (event.streamId !== last.streamId || event.revision !== last.revision + 1n)) foldRun();
      run.push(event);
    }
    if (run.length > 0) foldRun();
  }

  /** The stream folded from the events recorded up to `asOf` only (SPEC 6, "what did we know then"). */
  loadAsOf(streamId: string, asOf: DateTime): Promise<StreamSnapshot<State>> {
    return this.asOfCheckpoints.asOf(streamId, asOf);
  }

  /** Load → decide → append at the revision read; on a lost race, again on fresh state (SPEC 3.1). */
  private async decideAndAppend(
    streamId: string,
    decide: (state: State, now: DateTime, snapshot: StreamSnapshot<State>) => DecidedStreamCommand[] | Promise<DecidedStreamCommand[]>,
    context: CommandContext,
    knownRevision?: bigint,
  ): Promise<BatchOutcome<State>> {
    let trustCache = true;
    for (let attempt = 1; ; attempt++) {
      // The first attempt decides on the cached snapshot without reading the stream: the expected
      // revision of the append tells whether another process moved it. A hint is good for the first
      // attempt only: a lost race means the stream moved past it.
      const cachedEntry = trustCache ? this.cache.get(streamId) : undefined;
      trustCache = false;
      // A cache behind what the caller already saw (`knownRevision`) is stale for sure: read instead.
      const cached = cachedEntry && (knownRevision === undefined || cachedEntry.revision >= knownRevision) ? cachedEntry : undefined;
      // Not handed `knownRevision`: the cache is either behind it or known stale by now, so read.
      const snapshot = cached ?? (await this.load(streamId));
      const now = this.clock.now();
      let decided: DecidedStreamCommand[];
      try {
        decided = await decide(snapshot.state, now, snapshot);
      } catch (error) {
        // A refusal decided on the unread cache may only reflect staleness: decide again on the stream as it is.
        if (cached && error instanceof DomainError) {
          attempt--;
          continue;
        }
        throw error;
      }
      const { toRecord, alreadyRecorded } = partitionByRecord(decided, snapshot);
      if (toRecord.length === 0) return { snapshot, recorded: [], alreadyRecorded, appended: [] };

      const toAppend = this.seal(streamId, toRecord, context, now, snapshot);
      try {
        const result = await this.store.append(streamId, toAppend, snapshot.revision < 0n ? 'no_stream' : snapshot.revision);
        // Another process recorded the same command on the same state first: its copy is the one stored
        // (other metadata, another hash). Read it and decide again, which finds the command recorded.
        if (result.alreadyRecorded) {
          attempt--;
          continue;
        }
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // Decided on the unread cache: another process moved the stream since this one last saw it
        // (WEB_CONCURRENCY, the worker). No race lost on fresh state: read what is new and decide again.
        if (cached) {
          attempt--;
          continue;
        }
        if (attempt > this.maxRetries) throw new ConcurrencyExhaustedError(streamId, attempt);
        await jitter(attempt);
        continue;
      }
      const appended = toAppend.map((event, index) => ({ ...event, revision: snapshot.revision + 1n + BigInt(index) }));
      const after = this.foldInto(snapshot, appended);
      this.cache.set(streamId, after);
      return { snapshot: after, recorded: toRecord.map((command) => command.commandId), alreadyRecorded, appended: toAppend };
    }
  }

  /** Metadata and hash chain over the whole append; event ids derived from (stream, command, index) so a retry reuses them. */
  private seal(
    streamId: string,
    commands: readonly HashedCommand[],
    context: CommandContext,
    now: DateTime,
    snapshot: StreamSnapshot<State>,
  ): EventToAppend[] {
    let previousHash = snapshot.lastHash;
    const recordedAt = now.toUTC().toISO()!;
    return commands.flatMap((command) =>
      command.events.map((event, index) => {
        const metadata: UnsealedMetadata = {
          actor: context.actor,
          role: context.role,
          source: context.source,
          commandId: command.commandId,
          commandHash: command.commandHash,
          correlationId: context.correlationId,
          causationId: context.causationId ?? context.correlationId,
          recordedAt,
          schemaVersion: CURRENT_SCHEMA_VERSION,
        };
        const hash = chainHash(previousHash, { type: event.type, data: event.data, metadata: { ...metadata } });
        previousHash = hash;
        return {
          id: uuidv5(`${streamId}|${command.commandId}|${index}`, EVENT_ID_NAMESPACE),
          type: event.type,
          data: event.data,
          metadata: { ...metadata, hash },
        };
      }),
    );
  }

  private foldInto(snapshot: StreamSnapshot<State>, events: readonly FoldableEvent[]): StreamSnapshot<State> {
    let { state, revision, lastHash } = snapshot;
    const commands = snapshot.commands.withMutations((recordedCommands) => {
      for (const recorded of events) {
        state = this.fold.evolve(state, toDomainEvent(recorded));
        revision = recorded.revision;
        lastHash = String(recorded.metadata.hash ?? lastHash);
        const { commandId, commandHash } = recorded.metadata;
        if (typeof commandId === 'string' && typeof commandHash === 'string') recordedCommands.set(commandId, commandHash);
      }
    });
    return { state, revision, lastHash, commands };
  }

  private emptySnapshot(): StreamSnapshot<State> {
    return { state: this.fold.initialState(), revision: -1n, lastHash: GENESIS_HASH, commands: PersistentMap() };
  }
}

type HashedCommand = DecidedStreamCommand & { commandHash: string };

const commandHashOf = (content: unknown): string => sha256Hex(canonicalJson(content));

/** Commands with events to record, and those recorded before with the same content; other content under a recorded id is refused. */
function partitionByRecord<State>(
  decided: readonly DecidedStreamCommand[],
  snapshot: StreamSnapshot<State>,
): { toRecord: HashedCommand[]; alreadyRecorded: string[] } {
  const toRecord: HashedCommand[] = [];
  const alreadyRecorded: string[] = [];
  for (const command of decided) {
    if (command.events.length === 0) continue;
    const commandHash = command.commandHash ?? commandHashOf(command.content);
    const recordedHash = snapshot.commands.get(command.commandId);
    if (recordedHash === undefined) toRecord.push({ ...command, commandHash });
    else if (recordedHash === commandHash) alreadyRecorded.push(command.commandId);
    else throw conflict('id_reused', `${command.commandId} was already recorded with different content`);
  }
  return { toRecord, alreadyRecorded };
}

/** Spreads out retries of processes racing on the same stream. */
const jitter = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
