import { CancelledError, UnavailableError } from '@eventstore/db-client';
import { StoreUnavailableError } from '../event-store.port';

const ATTEMPTS = 3;
/** gRPC status UNAVAILABLE: the client's BatchAppend path surfaces it raw, not as UnavailableError. */
const GRPC_UNAVAILABLE = 14;

const isTransient = (error: unknown): boolean =>
  error instanceof UnavailableError ||
  error instanceof CancelledError ||
  (error instanceof Error && (error as Error & { code?: unknown }).code === GRPC_UNAVAILABLE);
const FIRST_DELAY_MS = 50;

/**
 * Runs a call again when the connection failed under it: right after a node restarts or the
 * leader changes, the client's first call on its old channel fails while it reconnects. Safe for
 * reads, and for appends because the server recognises a retried batch by its event ids. When the
 * node stays away, callers get the port's StoreUnavailableError.
 */
export async function retryingTransientFailures<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (attempt >= ATTEMPTS) throw new StoreUnavailableError(error);
      await new Promise((resolve) => setTimeout(resolve, FIRST_DELAY_MS * 2 ** (attempt - 1)));
    }
  }
}
