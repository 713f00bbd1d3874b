import { UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { StoreUnavailableError } from '../event-store.port';
import { retryingTransientFailures } from './transient-retry';

describe('retryingTransientFailures', () => {
  it('calls again while the connection is unavailable, up to three attempts', async () => {
    const call = jest
      .fn()
      .mockRejectedValueOnce(new UnavailableError())
      .mockRejectedValueOnce(new UnavailableError())
      .mockResolvedValue('done');

    await expect(retryingTransientFailures(call)).resolves.toBe('done');
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('gives up after the third unavailable attempt', async () => {
    const call = jest.fn().mockRejectedValue(new UnavailableError());

    const failure = retryingTransientFailures(call);
    await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(failure).rejects.toMatchObject({ cause: expect.any(UnavailableError) });
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('never repeats a call the server answered', async () => {
    const refusal = new WrongExpectedVersionError(undefined, { streamName: 's', current: 1n, expected: 0n });
    const call = jest.fn().mockRejectedValue(refusal);

    await expect(retryingTransientFailures(call)).rejects.toBe(refusal);
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('treats a raw gRPC UNAVAILABLE (as BatchAppend reports a refused connection) like UnavailableError', async () => {
    const refused = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    const call = jest.fn().mockRejectedValueOnce(refused).mockResolvedValue('appended');
    await expect(retryingTransientFailures(call)).resolves.toBe('appended');
    const alwaysRefused = jest.fn().mockRejectedValue(refused);
    await expect(retryingTransientFailures(alwaysRefused)).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
