import type { RecordedEvent, SqlExecutor } from '@settle/event-store';
import { CheckpointMovedError } from '../checkpoints';
import { type Projection } from '../projection';

/** A projection that can replay one stream alone (see `Projection.forgetStream`), so a failure can be isolated to it. */
export type IsolatingProjection = Projection & Required<Pick<Projection, 'forgetStream'>>;

export const isolates = (projection: Projection): projection is IsolatingProjection => projection.forgetStream !== undefined;

/** An event of a stream that the projection could not apply, even alone. */
export interface StreamFailure {
  event: RecordedEvent;
  reason: string;
  /** The stream's last event in what was applied. */
  throughRevision: bigint;
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** PostgreSQL's SQLSTATE classes an event's content can cause: data exception (22), integrity constraint violation (23). */
const EVENT_SQLSTATE_CLASSES = new Set(['22', '23']);

/**
 * Whether a failure is the infrastructure's (the connection, the server, a moved checkpoint) rather
 * than the events': those are retried whole, never isolated. A driver or system error carries a code
 * (a SQLSTATE, `ECONNRESET`…); an error the fold throws carries none. A plain error from a dead
 * connection passes this test, but isolating it fails again on that connection, and so is retried.
 */
export function isInfrastructureFailure(error: unknown): boolean {
  if (error instanceof CheckpointMovedError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && !(code.length === 5 && EVENT_SQLSTATE_CLASSES.has(code.slice(0, 2)));
}

/** Runs `work` under a savepoint of `tx`: its error (the events') is returned and its writes undone; the infrastructure's is thrown. */
async function attempt(tx: SqlExecutor, work: () => Promise<void>): Promise<unknown> {
  await tx.query('savepoint isolate_stream');
  try {
    await work();
  } catch (error) {
    if (isInfrastructureFailure(error)) throw error;
    await tx.query('rollback to savepoint isolate_stream');
    return error ?? new Error('failed without a reason');
  }
  await tx.query('release savepoint isolate_stream');
  return undefined;
}

/**
 * Applies the events of one stream (in revision order); when they fail together, applies them one by
 * one up to the first that fails alone, so the view keeps what the events before it made.
 */
export async function applyStream(
  tx: SqlExecutor,
  projection: Projection,
  events: readonly RecordedEvent[],
): Promise<StreamFailure | undefined> {
  if (events.length === 0 || (await attempt(tx, () => projection.apply(tx, events))) === undefined) return undefined;
  const throughRevision = events[events.length - 1].revision;
  for (const event of events) {
    const error = await attempt(tx, () => projection.apply(tx, [event]));
    if (error !== undefined) return { event, reason: messageOf(error), throughRevision };
  }
  // Together they failed, each alone applied: the view holds them all, as a batch would have made it.
  return undefined;
}

/** The events by stream, each stream's in log order. */
export function byStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const streamEvents = streams.get(event.streamId);
    if (streamEvents) streamEvents.push(event);
    else streams.set(event.streamId, [event]);
  }
  return streams;
}

/**
 * Applies a batch stream by stream (a projection that isolates depends, for a stream's rows, on that
 * stream's events only, so the order across streams does not matter): every stream that applies is
 * kept, and the failures are returned for quarantine.
 */
export async function applyIsolating(tx: SqlExecutor, projection: Projection, events: readonly RecordedEvent[]): Promise<StreamFailure[]> {
  const failures: StreamFailure[] = [];
  for (const streamEvents of byStream(events).values()) {
    const failure = await applyStream(tx, projection, streamEvents);
    if (failure) failures.push(failure);
  }
  return failures;
}
