import { streamIdForClient } from '@settle/domain';
import { type ProjectionHost, quarantineEntry } from '@settle/projections';

/**
 * SPEC 10: a client whose event a projection could not apply is quarantined there, and its views
 * (payment behaviour, solvency, portfolio figures, reminder bookkeeping) stay as they were before that
 * event until the client is rebuilt. Responses about the client carry `views` then; absent, they are live.
 */
export interface StaleViews {
  state: 'stale';
  /** Why the oldest quarantine began, and when. */
  reason: string;
  since: string;
  /** Each projection that quarantined the client, with the event it could not apply. */
  projections: { projection: string; revision: string; eventType: string; reason: string; since: string }[];
}

/** `{ views }` to spread into a response about the client when its views are stale; nothing while they are live. */
export async function staleViewsOf(host: ProjectionHost, clientId: string): Promise<{ views?: StaleViews }> {
  const quarantines = (await host.quarantinesOf(streamIdForClient(clientId))).sort((a, b) =>
    a.since < b.since ? -1 : a.since > b.since ? 1 : 0,
  );
  if (quarantines.length === 0) return {};
  const [oldest] = quarantines;
  const projections = quarantines.map((quarantined) => {
    const { streamId: _stream, ...entry } = quarantineEntry(quarantined);
    return { projection: quarantined.projection, ...entry };
  });
  return { views: { state: 'stale', reason: oldest.reason, since: oldest.since, projections } };
}
