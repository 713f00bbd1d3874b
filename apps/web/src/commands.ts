import { useRef } from 'react';
import { useSignedIn } from './session/session';

/** The service's "now" (its clock may be fixed by NOW), as an ISO instant and as a date. */
export function useServiceTime() {
  const { clockOffsetMs } = useSignedIn();
  const now = () => new Date(Date.now() + clockOffsetMs);
  return {
    nowInstant: () => now().toISOString(),
    /** The service's UTC date plus `days`, as YYYY-MM-DD. */
    date: (days = 0) => new Date(now().getTime() + days * 86_400_000).toISOString().slice(0, 10),
  };
}

/**
 * A caller-chosen command id and the instant the command happened, chosen together at the first
 * submit and kept until `renew` (after a success): a double submit or a retry sends the very same
 * command, which the API records once.
 */
export function useCommandStamp(prefix: string) {
  const time = useServiceTime();
  const stamp = useRef<{ id: string; at?: string }>({ id: `${prefix}-${crypto.randomUUID()}` });
  return {
    id: () => stamp.current.id,
    at: () => (stamp.current.at ??= time.nowInstant()),
    renew: () => {
      stamp.current = { id: `${prefix}-${crypto.randomUUID()}` };
    },
  };
}
