import { type BehaviourFacts, streamIdForClient } from '@settle/domain';
import { ClientFactsProjection, ClientFactsReader, type ProjectionHost } from '@settle/projections';
import { runDirectly } from './support/drivers';
import { type PgliteDatabase, openPgliteDatabase } from './support/pglite-database';
import { factsFromStreams, hostFor, writeSide } from './support/projection-fixtures';
import { mixedWorkload } from './support/workload';

/**
 * One reader serves every list of a process and decodes only the clients written since its last list
 * (client-facts-reader.ts): whatever happens to the rows between lists, a list shows what they hold.
 */
describe('the client facts reader, list after list', () => {
  let database: PgliteDatabase;
  let host: ProjectionHost;
  let reader: ClientFactsReader;
  const clientIds = ['client-0', 'client-1', 'client-2'];

  beforeAll(async () => {
    database = await openPgliteDatabase();
    const { accounts, clock } = writeSide(database.store);
    await runDirectly(accounts, clock, mixedWorkload({ clients: 3, months: 2 }));
    host = hostFor(database.store, database.sql);
    await host.migrate();
    host.startRunners();
    await host.waitUntilCaughtUp();
    reader = new ClientFactsReader(database.sql);
  });
  afterAll(async () => {
    await host?.stopRunners();
    await database?.close();
  });

  /** Each client's whole stream folded, as last read from the store. */
  let expected: Map<string, BehaviourFacts>;
  const expectStreamsFolded = async () => expect(await reader.list()).toEqual(clientIds.map((clientId) => expected.get(clientId)));

  it('lists every client as its stream folds, and a client again once a new event changed it', async () => {
    expected = await factsFromStreams(database.store, clientIds);
    await expectStreamsFolded();

    const { accounts, clock } = writeSide(database.store);
    clock.set('2025-06-01T10:00:00Z');
    await accounts.execute(
      { type: 'IssueInvoice', data: { clientId: 'client-1', invoiceId: 'LATER-1', amount: '12.50', currency: 'EUR' } },
      { actor: 't', role: 'admin', source: 'api', correlationId: 'c' },
    );
    await host.waitUntilCaughtUp();
    expected = await factsFromStreams(database.store, clientIds);
    expect(expected.get('client-1')!.invoices.map((invoice) => invoice.invoiceId)).toContain('LATER-1');
    await expectStreamsFolded();
    expect(await reader.list({ currency: 'EUR' })).toEqual(clientIds.map((clientId) => expected.get(clientId)));
  });

  it('shows a row written again at the same stream revision (a stream replayed) as it now is', async () => {
    await database.sql.query(`update client_facts set name = 'Renamed on replay', updated_at = now() where client_id = 'client-2'`);
    const listed = await reader.list();
    expect(listed.map((facts) => facts.name)).toEqual([
      expected.get('client-0')!.name,
      expected.get('client-1')!.name,
      'Renamed on replay',
    ]);
  });

  it('leaves out a client whose rows are gone', async () => {
    await database.sql.transaction((tx) => new ClientFactsProjection().forgetStream(tx, streamIdForClient('client-0')));
    expect((await reader.list()).map((facts) => facts.clientId)).toEqual(['client-1', 'client-2']);
    expect((await reader.list({ currency: 'EUR' })).map((facts) => facts.clientId)).toEqual(['client-1', 'client-2']);
  });
});
