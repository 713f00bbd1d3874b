import { ClientAccounts, type CommandContext, ManualClock } from '@settle/command-pipeline';
import {
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadStreamOptions,
  type RecordedEvent,
  type Subscription,
} from '@settle/event-store';
import { DateTime } from 'luxon';
import { type TimedCommand } from './timed-command';

/** One append as the write side made it: replay it on any store to get the same streams. */
export interface StreamAppend {
  streamId: string;
  expected: ExpectedRevision;
  events: EventToAppend[];
}

const SEED_CONTEXT: CommandContext = { actor: 'portfolio-seed', role: 'admin', source: 'api', correlationId: 'portfolio-seed' };

/**
 * Runs generated commands through the real write side (decider, idempotency, metadata, hash chain)
 * at their instants, without a database: the events come out as appends to replay on a store in
 * bulk. This is how benchmarks seed a million events in reasonable time — exactly the events the
 * API would have recorded, with `recordedAt` at each command's instant.
 */
export class PortfolioRecorder {
  private readonly collector = new AppendCollector();
  private readonly clock = new ManualClock(DateTime.utc());
  private readonly accounts: ClientAccounts;

  /** `streams`: how many client streams are recorded at once (their folded states are kept in memory). */
  constructor(
    streams: number,
    private readonly context: CommandContext = SEED_CONTEXT,
  ) {
    this.accounts = new ClientAccounts(this.collector, this.clock, { cacheSize: streams });
  }

  /** Throws what the API would answer with an error (a generated command the domain rejects is a generator bug). */
  async record({ at, command }: TimedCommand): Promise<void> {
    this.clock.set(at);
    await this.accounts.execute(command, this.context);
  }

  /** The appends recorded since the last call, in the order they were made. */
  drain(): StreamAppend[] {
    return this.collector.drain();
  }
}

/**
 * The store the recorder writes into: it only collects appends. Nothing is ever read back, because
 * the command executor keeps every stream's folded state in its cache; a stream that fell out of
 * the cache cannot be rebuilt, so that is an error (the recorder was sized too small).
 */
class AppendCollector implements EventStore {
  private appends: StreamAppend[] = [];
  private readonly known = new Set<string>();

  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.appends.push({ streamId, expected, events });
    this.known.add(streamId);
    const first = expected === 'no_stream' || expected === 'any' ? 0n : expected + 1n;
    return { nextRevision: first + BigInt(events.length) - 1n, position: '0' };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if ((options.fromRevision ?? 0n) === 0n && this.known.has(streamId)) {
      throw new Error(`${streamId} fell out of the recorder's cache: record fewer streams at once or size the recorder larger`);
    }
    return [];
  }

  drain(): StreamAppend[] {
    const drained = this.appends;
    this.appends = [];
    return drained;
  }

  async readAll(): Promise<RecordedEvent[]> {
    throw new Error('The portfolio recorder keeps no readable events');
  }

  subscribeToAll(): Subscription {
    throw new Error('The portfolio recorder keeps no readable events');
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async dispose(): Promise<void> {}
}
