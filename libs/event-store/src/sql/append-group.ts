import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import type { SqlExecutor } from './sql-client';

/** One append waiting for its turn. */
interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export type AppendOne = (streamId: string, events: EventToAppend[], expected: ExpectedRevision) => Promise<AppendResult>;
export type AppendMany = (
  sql: SqlExecutor,
  appends: readonly { streamId: string; events: EventToAppend[]; expected: ExpectedRevision }[],
) => Promise<(AppendResult | Error)[]>;

/**
 * Group commit for a database that runs one statement at a time (PGlite): appends requested in the
 * same turn of the event loop, or while a group is running, go together in one statement and one
 * commit. A lone append waits for no more than the end of the turn; under load grouping saves a
 * statement and a commit per append. Each append
 * keeps its own expected-revision check. Should the grouped statement fail as a whole (an event id
 * reused in another stream), every append of the group runs again on its own and fails alone.
 */
export class AppendGroup {
  private readonly waiting: PendingAppend[] = [];
  private running = false;

  constructor(
    private readonly sql: SqlExecutor,
    private readonly appendOne: AppendOne,
    private readonly appendMany: AppendMany,
    private readonly maxGroupSize = 200,
  ) {}

  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ streamId, events, expected, resolve, reject });
      if (this.running) return;
      // PGlite runs a statement synchronously, so nothing can queue behind one; instead, appends
      // requested in the same turn of the event loop (requests read together) go together.
      this.running = true;
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, this.maxGroupSize);
        if (group.length === 1) await this.runAlone(group[0]);
        else await this.runTogether(group);
      }
    } finally {
      this.running = false;
    }
  }

  private async runTogether(group: PendingAppend[]): Promise<void> {
    let outcomes: (AppendResult | Error)[];
    try {
      outcomes = await this.appendMany(this.sql, group);
    } catch {
      for (const pending of group) await this.runAlone(pending);
      return;
    }
    group.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome instanceof Error) pending.reject(outcome);
      else pending.resolve(outcome);
    });
  }

  private async runAlone(pending: PendingAppend): Promise<void> {
    await this.appendOne(pending.streamId, pending.events, pending.expected).then(pending.resolve, pending.reject);
  }
}
