import type { EventStore, SqlClient } from '@settle/event-store';
import { lockCheckpoint } from '../checkpoints';
import { liftQuarantine, quarantinedAmong, quarantineStream } from '../quarantine';
import { applyStream, type IsolatingProjection } from '../runner/isolate';

/**
 * What a rebuild of one stream did in one projection: `recovered` (it applies now: the quarantine is
 * lifted and the runner follows it again), `still_failing` (still quarantined, with the new reason),
 * or `not_quarantined` (its view is live: nothing to do; a rebuild from zero rebuilds everything).
 */
export type StreamRebuild =
  | { projection: string; streamId: string; outcome: 'recovered'; eventsReplayed: number }
  | { projection: string; streamId: string; outcome: 'still_failing'; revision: string; reason: string }
  | { projection: string; streamId: string; outcome: 'not_quarantined' };

/** Reads again when the runner passed events of the stream between the read and the transaction; more is a runner gone wild. */
const MAX_READS = 5;

/**
 * Replays a quarantined stream alone: its rows are forgotten and its events applied again, up to the
 * last one the runner passed by, in one transaction that holds the checkpoint row (the runner's next
 * batch waits, and then follows the stream from there when the quarantine is lifted). Works from any
 * process, like a rebuild from zero.
 */
export async function rebuildStream(
  store: EventStore,
  sql: SqlClient,
  projection: IsolatingProjection,
  streamId: string,
): Promise<StreamRebuild> {
  const { name } = projection;
  for (let read = 0; read < MAX_READS; read++) {
    if (!(await quarantinedAmong(sql, name, [streamId])).has(streamId)) return { projection: name, streamId, outcome: 'not_quarantined' };
    // Read before the transaction: on PGlite a read beside an open transaction waits for it.
    const events = await store.readStream(streamId);
    const rebuilt = await sql.transaction(async (tx): Promise<StreamRebuild | undefined> => {
      await lockCheckpoint(tx, name);
      const quarantined = (await quarantinedAmong(tx, name, [streamId])).get(streamId);
      if (quarantined === undefined) return { projection: name, streamId, outcome: 'not_quarantined' };
      const { throughRevision } = quarantined;
      if (events.length === 0 || events[events.length - 1].revision < throughRevision) return undefined;
      const replayed = events.filter((event) => event.revision <= throughRevision);
      await projection.forgetStream(tx, streamId);
      const failure = await applyStream(tx, projection, replayed);
      if (failure === undefined) {
        await liftQuarantine(tx, name, streamId);
        return { projection: name, streamId, outcome: 'recovered', eventsReplayed: replayed.length };
      }
      const { event, reason } = failure;
      await quarantineStream(tx, {
        projection: name,
        streamId,
        revision: event.revision,
        position: event.position,
        eventType: event.type,
        reason,
        throughRevision,
      });
      return { projection: name, streamId, outcome: 'still_failing', revision: event.revision.toString(), reason };
    });
    if (rebuilt !== undefined) return rebuilt;
  }
  throw new Error(`${name}: ${streamId} kept growing while it was rebuilt; try again`);
}
