import { useInfiniteQuery } from '@tanstack/react-query';
import { clientPath, useApi, useApiQuery } from '../api/hooks';
import { type ChainVerification, type HistoryEvent, type HistoryPage } from '../api/types';
import { formatInstant } from '../format';
import { QueryState } from '../ui/field';
import { describeEvent } from './describe-event';

const PAGE = 50;

/** Revisions [from, from + count) as `GET …/history?after=&limit=` pages them. */
const pagePath = (clientId: string, from: number, count: number) =>
  clientPath(clientId, `/history?limit=${count}${from > 0 ? `&after=${from - 1}` : ''}`);

/**
 * The whole history in plain words, newest first, a page at a time: the verification says how many
 * events there are, so the newest page is read first and the older ones only when asked for.
 */
export function Timeline({
  clientId,
  currency,
  onTimeTravel,
}: {
  clientId: string;
  currency: string;
  onTimeTravel(instant: string): void;
}) {
  const api = useApi();
  const verification = useApiQuery<ChainVerification>(clientPath(clientId, '/history/verify'));
  const total = verification.data?.events;
  const pages = useInfiniteQuery({
    queryKey: ['timeline', clientId, total],
    enabled: total !== undefined,
    // Each page ends (exclusive) where the newer one began; the first ends at the newest event.
    initialPageParam: total ?? 0,
    queryFn: async ({ pageParam: end }) => {
      const from = Math.max(0, end - PAGE);
      const page = await api.get<HistoryPage>(pagePath(clientId, from, end - from));
      return { from, events: page.events.reverse() };
    },
    getNextPageParam: (last) => (last.from === 0 ? undefined : last.from),
  });
  const events: HistoryEvent[] = pages.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <section id="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <QueryState error={verification.error ?? pages.error} loading={verification.isPending || pages.isPending} />
      {verification.data && <Verification result={verification.data} />}
      <ol className="timeline" aria-label="Events, newest first">
        {events.map((event) => (
          <li key={event.revision} data-type={event.type}>
            <p className="what">{describeEvent(event, currency)}</p>
            <p className="meta">
              {event.metadata.recordedAt ? formatInstant(event.metadata.recordedAt) : ''} · by {event.metadata.actor ?? 'unknown'}
              {event.metadata.role ? ` (${event.metadata.role})` : ''} · from {event.metadata.source ?? 'unknown'} · revision{' '}
              {event.revision}
              {event.metadata.recordedAt && (
                <>
                  {' · '}
                  <button type="button" className="link" onClick={() => onTimeTravel(event.metadata.recordedAt!)}>
                    as known then
                  </button>
                </>
              )}
            </p>
          </li>
        ))}
      </ol>
      {pages.hasNextPage && (
        <button type="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          Older events
        </button>
      )}
    </section>
  );
}

function Verification({ result }: { result: ChainVerification }) {
  return result.valid ? (
    <p className="verified" data-verification="valid">
      ✓ Hash chain verified: {result.events} events, none altered
    </p>
  ) : (
    <p className="tampered" role="alert" data-verification="invalid">
      ✗ Verification failed: the history was altered at revision {result.firstInvalidRevision} — it no longer matches what was recorded
    </p>
  );
}
