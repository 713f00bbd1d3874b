import type { EventStore, SqlExecutor } from '@settle/event-store';
import { readCheckpoint } from '../checkpoints';
import { type Projection } from '../projection';

/**
 * Whether the projection's view holds everything the store shows now, built by this version and with
 * no rebuild under way. Reads the checkpoint in the database, so it works whichever process runs it.
 */
export async function isCaughtUp(store: EventStore, sql: SqlExecutor, projection: Pick<Projection, 'name' | 'version'>): Promise<boolean> {
  const checkpoint = await readCheckpoint(sql, projection.name);
  if (checkpoint === undefined || checkpoint.version !== projection.version) return false;
  // A rebuild runs beside the live views; they are caught up once it has taken their place.
  if (checkpoint.rebuildStartedAt != null && checkpoint.rebuildFinishedAt === null) return false;
  const pending = await store.readAll({ after: checkpoint.position ?? undefined, maxCount: 1 });
  return pending.length === 0;
}
