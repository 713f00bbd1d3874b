/** A query on the store's database, straight from SQL (no API process). */
export type DirectQuery = <Row>(text: string) => Promise<Row[]>;

/** Ids of the events the collections process recorded, per stream. */
export async function collectionsEventIdsIn(query: DirectQuery): Promise<Map<string, Set<string>>> {
  const rows = await query<{ stream_id: string; event_id: string }>(
    `select stream_id, event_id::text from events where metadata->>'source' = 'collections'`,
  );
  const byStream = new Map<string, Set<string>>();
  for (const row of rows) byStream.set(row.stream_id, (byStream.get(row.stream_id) ?? new Set()).add(row.event_id));
  return byStream;
}

/** How many events a projection's stored checkpoint counts as applied, and how many the log holds. */
export async function checkpointIn(query: DirectQuery, name: string): Promise<{ eventsHandled: number; events: number }> {
  const [row] = await query<{ events_handled: string; events: string }>(
    `select events_handled::text, (select count(*) from events)::text as events from projection_checkpoints where name = '${name}'`,
  );
  return { eventsHandled: Number(row.events_handled), events: Number(row.events) };
}
