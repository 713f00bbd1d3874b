import { randomUUID } from 'node:crypto';
import type { EventStore, Position, SqlClient } from '@settle/event-store';
import { lockCheckpoint } from '../checkpoints';
import { type VerifiableProjection, type ViewDifference } from '../projection';
import { applyIsolating, isInfrastructureFailure, isolates } from '../runner/isolate';

export interface ProjectionVerification {
  projection: string;
  /** The live checkpoint the rebuild was taken to. */
  position: Position | null;
  eventsReplayed: number;
  /** Rows compared (live and rebuilt together). */
  rows: number;
  differences: ViewDifference[];
}

export interface VerifyOptions {
  batchSize: number;
  /** Differences reported at most. */
  limit: number;
}

/**
 * Rebuilds the projection from zero beside the live view and compares the two. The live view keeps
 * running: its rows are first copied as of its checkpoint (the checkpoint row is locked meanwhile,
 * which only holds back the runner's next commit), and the rebuild replays exactly up to that
 * checkpoint. Both copies live in tables of their own, dropped at the end.
 */
export async function verifyProjection(
  store: EventStore,
  sql: SqlClient,
  projection: VerifiableProjection,
  options: VerifyOptions,
): Promise<ProjectionVerification> {
  const label = `v${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const live = projection.beside(`${label}_live`);
  const rebuilt = projection.beside(`${label}_rebuilt`);
  try {
    await live.migrate(sql);
    await rebuilt.migrate(sql);
    const checkpoint = await sql.transaction(async (tx) => {
      const locked = await lockCheckpoint(tx, projection.name);
      await projection.copyInto(tx, live);
      return locked;
    });
    const position = checkpoint?.position ?? null;
    const eventsReplayed = await replayUpTo(store, sql, rebuilt, position, options.batchSize);
    const { rows, differences } = await live.compare(sql, rebuilt, options.limit);
    const handled = checkpoint?.eventsHandled ?? 0;
    const checkpointDifference: ViewDifference[] =
      handled === eventsReplayed ? [] : [{ projection: projection.name, key: 'checkpoint', kind: 'different', fields: ['eventsHandled'] }];
    return { projection: projection.name, position, eventsReplayed, rows, differences: [...checkpointDifference, ...differences] };
  } finally {
    await live.drop(sql);
    await rebuilt.drop(sql);
  }
}

/**
 * Applies every event from the beginning through `last` (nothing when null); returns how many. As the
 * runner does, a stream whose event cannot be applied keeps what came before it and is passed by
 * after it, so that a quarantined stream compares equal to its live rows.
 */
async function replayUpTo(
  store: EventStore,
  sql: SqlClient,
  target: VerifiableProjection,
  last: Position | null,
  batchSize: number,
): Promise<number> {
  if (last === null) return 0;
  let after: Position | undefined;
  let replayed = 0;
  const failed = new Set<string>();
  for (;;) {
    const events = await store.readAll({ after, maxCount: batchSize });
    const end = events.findIndex((event) => event.position === last);
    const batch = end === -1 ? events : events.slice(0, end + 1);
    const applicable = batch.filter((event) => !failed.has(event.streamId));
    if (applicable.length > 0) {
      await sql
        .transaction((tx) => target.apply(tx, applicable))
        .catch(async (error: unknown) => {
          if (!isolates(target) || isInfrastructureFailure(error)) throw error;
          const failures = await sql.transaction((tx) => applyIsolating(tx, target, applicable));
          for (const { event } of failures) failed.add(event.streamId);
        });
    }
    replayed += batch.length;
    if (end !== -1) return replayed;
    if (events.length < batchSize) throw new Error(`The checkpoint of ${target.name} (${last}) is not a position of the event store`);
    after = events[events.length - 1].position;
  }
}
