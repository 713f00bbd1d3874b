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

/** The oldest event, the registration: it names the currency every amount of the stream is in, which never changes. */
const registrationPath = (clientId: string) => clientPath(clientId, '/history?limit=1');
const registeredCurrency = (oldest: HistoryPage | undefined): string | undefined => {
  const currency = oldest?.events[0]?.data.currency;
  return typeof currency === 'string' ? currency : undefined;
};

/**
 * The whole history in plain words, newest first, a page at a time: the newest page is read first and
 * the older ones only when asked for. The currency comes from the registration (one event, read
 * alongside), not from the account, whose fold of a long stream the timeline would otherwise wait for.
 * The hash chain (a read of the whole stream) is verified once the first page is on screen, so a long
 * history never waits for it.
 */
export function Timeline({ clientId, onTimeTravel }: { clientId: string; onTimeTravel(instant: string): void }) {
  const api = useApi();
  const registration = useApiQuery<HistoryPage>(registrationPath(clientId));
  const currency = registeredCurrency(registration.data);
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
      <QueryState error={pages.error ?? registration.error ?? verification.error} loading={pages.isPending || registration.isPending} />
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
      {/* Amounts are minor units: they read right only in their currency, so the events wait for it. */}
      {currency !== undefined && (
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
      )}
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
