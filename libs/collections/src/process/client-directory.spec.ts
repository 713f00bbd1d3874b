import { DateTime } from 'luxon';
import { ClientAccounts, ManualClock } from '@settle/command-pipeline';
import { InMemoryEventStore, type RecordedEvent } from '@settle/event-store';
import { ClientDirectory } from './client-directory';

describe('ClientDirectory', () => {
  it('knows every registered client and its latest revision, reading only what is new, and hands the events on', async () => {
    const store = new InMemoryEventStore();
    const accounts = new ClientAccounts(store, new ManualClock(DateTime.fromISO('2026-03-02T10:00:00Z')));
    const context = { actor: 'desk', role: 'clerk' as const, source: 'api' as const, correlationId: 'r' };
    const register = (clientId: string) =>
      accounts.execute(
        {
          type: 'RegisterClient',
          data: {
            clientId,
            name: clientId,
            currency: 'EUR',
            agreement: { contact: { name: 'A', email: 'a@x.example', preferredChannel: 'email' } },
          },
        },
        context,
      );
    const observed: RecordedEvent[] = [];
    const directory = new ClientDirectory(store, (events) => observed.push(...events));
    await register('a');
    await directory.catchUp();
    expect(directory.list()).toEqual([{ clientId: 'a', streamId: 'client-a', revision: 0n }]);

    await register('b');
    await accounts.execute({ type: 'IssueInvoice', data: { clientId: 'a', invoiceId: 'I-1', amount: '1.00', currency: 'EUR' } }, context);
    await store.append(
      'other-stream',
      [{ id: '6f1f3a52-7a1e-4d3c-9d8e-0a3b8a0c1d2e', type: 'Something', data: {}, metadata: {} }],
      'no_stream',
    );
    const readAll = jest.spyOn(store, 'readAll');
    await directory.catchUp();
    expect(readAll).toHaveBeenCalledWith(expect.objectContaining({ after: observed[0].position }));
    expect(directory.list()).toEqual([
      { clientId: 'a', streamId: 'client-a', revision: 1n },
      { clientId: 'b', streamId: 'client-b', revision: 0n },
    ]);
    expect(observed.map((event) => event.type)).toEqual(['ClientRegistered', 'ClientRegistered', 'InvoiceIssued', 'Something']);
  });
});
