import { AbortedError } from '../runner/abortable';
import { type ExclusiveLock, type Lease } from './exclusive-lock';

/**
 * Exclusive within this process only: for PGlite, which lives in one process anyway (embedded mode),
 * and for tests. A lease here cannot be lost.
 */
export function inProcessLock(): ExclusiveLock {
  const held = new Map<string, Promise<void>>();

  const acquire = async (name: string, signal: AbortSignal): Promise<Lease> => {
    const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    for (let current = held.get(name); current; current = held.get(name)) {
      await Promise.race([current, aborted]);
      if (signal.aborted) throw new AbortedError();
    }
    if (signal.aborted) throw new AbortedError();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    held.set(name, released);
    return {
      lost: new Promise<Error>(() => undefined),
      release: async () => {
        if (held.get(name) === released) held.delete(name);
        release();
      },
    };
  };
  return { acquire };
}
