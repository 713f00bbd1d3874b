import { DateTime } from 'luxon';
import { LRUCache } from 'lru-cache';
import { v5 as uuidv5 } from 'uuid';
import { ClientAccountEvent, conflict } from '@settle/domain';
import { EventStore, EventToAppend, RecordedEvent, WrongExpectedRevisionError } from '@settle/event-store';
import { Clock } from './clock';
import { CommandContext, CURRENT_SCHEMA_VERSION, UnsealedMetadata } from './event-metadata';
import { canonicalJson, chainHash, GENESIS_HASH, sha256Hex } from './hash-chain';
import { KeyedSerializer } from './keyed-serializer';
import { toDomainEvent } from './upcast';

/** How a stream's events fold into the state commands are decided on. */
export interface StreamFold<State> {
  initialState(): State;
  evolve(state: State, event: ClientAccountEvent): State;
}

/** A stream folded up to a revision, with what idempotency and the hash chain need. */
export interface StreamSnapshot<State> {
  state: State;
  /** Revision of the last folded event; -1n for a stream that does not exist yet. */
  revision: bigint;
  lastHash: string;
  /** commandId → commandHash of every command recorded in the stream. */
  commands: ReadonlyMap<string, string>;
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
  /** Streams whose folded state is kept in memory. */
  cacheSize?: number;
}

/**
 * Load → decide → append for one stream, with the guarantees every command needs: idempotent
 * caller-chosen ids, metadata and hash chain, optimistic concurrency with re-decision on fresh state,
 * and an in-memory snapshot cache that only reads what was appended since.
 */
export class StreamCommandExecutor<State> {
  private readonly cache: LRUCache<string, StreamSnapshot<State>>;
  private readonly serializer = new KeyedSerializer();
  private readonly maxRetries: number;

  constructor(
    private readonly store: EventStore,
    private readonly fold: StreamFold<State>,
    private readonly clock: Clock,
    options: ExecutorOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 3;
    this.cache = new LRUCache({ max: options.cacheSize ?? 10_000 });
  }

  execute(command: StreamCommand<State>, context: CommandContext): Promise<CommandOutcome<State>> {
    return this.serializer.run(command.streamId, () => this.executeSerialised(command, context));
  }

  /** The stream as it is now (cached, caught up with the store). */
  async load(streamId: string): Promise<StreamSnapshot<State>> {
    const cached = this.cache.get(streamId) ?? this.emptySnapshot();
    const newer = await this.store.readStream(streamId, { fromRevision: cached.revision + 1n });
    const snapshot = newer.length === 0 ? cached : this.foldInto(cached, newer);
    if (snapshot.revision >= 0n) this.cache.set(streamId, snapshot);
    return snapshot;
  }

  /** The stream folded from the events recorded up to `asOf` only (SPEC 6, "what did we know then"). */
  async loadAsOf(streamId: string, asOf: DateTime): Promise<StreamSnapshot<State>> {
    const events = await this.store.readStream(streamId);
    const known = events.filter((event) => DateTime.fromISO(String(event.metadata.recordedAt)) <= asOf);
    return this.foldInto(this.emptySnapshot(), known);
  }

  private async executeSerialised(command: StreamCommand<State>, context: CommandContext): Promise<CommandOutcome<State>> {
    const commandHash = sha256Hex(canonicalJson(command.content));
    for (let attempt = 1; ; attempt++) {
      const snapshot = await this.load(command.streamId);
      const recordedHash = snapshot.commands.get(command.commandId);
      if (recordedHash !== undefined) {
        if (recordedHash !== commandHash) {
          throw conflict('id_reused', `${command.commandId} was already recorded with different content`);
        }
        return { outcome: 'already_recorded', snapshot, appended: [] };
      }

      const now = this.clock.now();
      const events = command.decide(snapshot.state, now);
      if (events.length === 0) return { outcome: 'recorded', snapshot, appended: [] };

      const toAppend = this.seal(command, commandHash, context, now, snapshot, events);
      try {
        await this.store.append(command.streamId, toAppend, snapshot.revision < 0n ? 'no_stream' : snapshot.revision);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt > this.maxRetries) throw new ConcurrencyExhaustedError(command.streamId, attempt);
        await jitter(attempt);
        continue;
      }
      const appended = toAppend.map((event, index) => ({ ...event, revision: snapshot.revision + 1n + BigInt(index) }));
      const after = this.foldInto(snapshot, appended);
      this.cache.set(command.streamId, after);
      return { outcome: 'recorded', snapshot: after, appended: toAppend };
    }
  }

  private seal(
    command: StreamCommand<State>,
    commandHash: string,
    context: CommandContext,
    now: DateTime,
    snapshot: StreamSnapshot<State>,
    events: ClientAccountEvent[],
  ): EventToAppend[] {
    let previousHash = snapshot.lastHash;
    return events.map((event, index) => {
      const metadata: UnsealedMetadata = {
        actor: context.actor,
        role: context.role,
        source: context.source,
        commandId: command.commandId,
        commandHash,
        correlationId: context.correlationId,
        causationId: context.causationId ?? context.correlationId,
        recordedAt: now.toUTC().toISO()!,
        schemaVersion: CURRENT_SCHEMA_VERSION,
      };
      const hash = chainHash(previousHash, { type: event.type, data: event.data, metadata: { ...metadata } });
      previousHash = hash;
      return {
        id: uuidv5(`${command.streamId}|${command.commandId}|${index}`, EVENT_ID_NAMESPACE),
        type: event.type,
        data: event.data,
        metadata: { ...metadata, hash },
      };
    });
  }

  private foldInto(snapshot: StreamSnapshot<State>, events: FoldableEvent[]): StreamSnapshot<State> {
    let { state, revision, lastHash } = snapshot;
    const commands = new Map(snapshot.commands);
    for (const recorded of events) {
      state = this.fold.evolve(state, toDomainEvent(recorded));
      revision = recorded.revision;
      lastHash = String(recorded.metadata.hash ?? lastHash);
      const { commandId, commandHash } = recorded.metadata;
      if (typeof commandId === 'string' && typeof commandHash === 'string') commands.set(commandId, commandHash);
    }
    return { state, revision, lastHash, commands };
  }

  private emptySnapshot(): StreamSnapshot<State> {
    return { state: this.fold.initialState(), revision: -1n, lastHash: GENESIS_HASH, commands: new Map() };
  }
}

/** Spreads out retries of processes racing on the same stream. */
const jitter = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
