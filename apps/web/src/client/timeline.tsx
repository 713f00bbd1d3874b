import { useInfiniteQuery } from '@tanstack/react-query';
import { clientPath, useApi, useApiQuery } from '../api/hooks';
import { type ChainVerification, type HistoryEvent, type HistoryPage } from '../api/types';
import { formatInstant } from '../format';
import { QueryState } from '../ui/field';
import { describeEvent } from './describe-event';

const PAGE = 50;

/** `GET …/history?order=desc`: the newest events first; `before` continues below the page already shown. */
const newestFirstPath = (clientId: string, before: string | undefined) =>
  clientPath(clientId, `/history?order=desc&limit=${PAGE}${before === undefined ? '' : `&before=${before}`}`);

/**
 * The whole history in plain words, newest first, a page at a time: the newest page is read first and
 * the older ones only when asked for. The hash chain (a read of the whole stream) is verified once the
 * first page is on screen, so a long history never waits for it.
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
  const pages = useInfiniteQuery({
    queryKey: ['timeline', clientId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam: before }) => api.get<HistoryPage>(newestFirstPath(clientId, before)),
    getNextPageParam: (last) => (last.next && 'before' in last.next ? last.next.before : undefined),
  });
  const verification = useApiQuery<ChainVerification>(clientPath(clientId, '/history/verify'), { enabled: pages.isSuccess });
  const events: HistoryEvent[] = pages.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <section id="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <QueryState error={pages.error ?? verification.error} loading={pages.isPending} />
      {verification.data ? (
        <Verification result={verification.data} />
      ) : (
        pages.isSuccess &&
        !verification.error && (
          <p className="verifying" data-verification="pending">
            Verifying the hash chain…
          </p>
        )
      )}
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
