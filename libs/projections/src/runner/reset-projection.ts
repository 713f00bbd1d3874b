import type { SqlClient } from '@settle/event-store';
import { resetCheckpoint } from '../checkpoints';
import { type Projection } from '../projection';

/**
 * Empties the view and sends its checkpoint back to the beginning as a new generation, in one
 * transaction: whichever process runs the projection rebuilds it from zero on its next batch or check.
 */
export function resetProjection(sql: SqlClient, projection: Projection): Promise<number> {
  return sql.transaction(async (tx) => {
    const generation = await resetCheckpoint(tx, projection.name, projection.version);
    await projection.reset(tx);
    return generation;
  });
}
