import { AbortedError } from '../runner/abortable';
import { inProcessLock } from './in-process-lock';

describe('inProcessLock', () => {
  it('lets one holder at a time have a name; the next one gets it on release', async () => {
    const lock = inProcessLock();
    const signal = new AbortController().signal;
    const first = await lock.acquire('views', signal);
    let secondAcquired = false;
    const second = lock.acquire('views', signal).then((lease) => ((secondAcquired = true), lease));
    const other = await lock.acquire('other', signal);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(secondAcquired).toBe(false);
    await first.release();
    await (await second).release();
    expect(secondAcquired).toBe(true);
    await other.release();
  });

  it('gives up waiting when aborted', async () => {
    const lock = inProcessLock();
    const held = await lock.acquire('views', new AbortController().signal);
    const controller = new AbortController();
    const waiting = lock.acquire('views', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    await held.release();
    await (await lock.acquire('views', new AbortController().signal)).release();
  });
});
