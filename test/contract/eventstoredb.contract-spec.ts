import { createEventStoreDbStore } from '@settle/event-store/eventstoredb';
import { startEsdbTestServer, type EsdbTestServerOptions } from '../esdb-test-server';
import { describeEventStoreContract, type EventStoreContractOptions } from './event-store.contract';

jest.setTimeout(60_000);

const options: EventStoreContractOptions = {
  skip: {
    lateCommit: 'EventStoreDB shows an event only once it is in its transaction log, in log order: none can commit after a later one',
  },
};

/** Over the in-process test server; restart stops and starts the server too, on the same data. */
function describeOverTestServer(name: string, serverOptions: EsdbTestServerOptions) {
  describeEventStoreContract(
    name,
    async () => {
      const server = await startEsdbTestServer(serverOptions);
      let store = createEventStoreDbStore(server.url);
      return {
        store,
        restart: async () => {
          await store.dispose();
          await server.restart();
          store = createEventStoreDbStore(server.url);
          return store;
        },
        teardown: async () => {
          await store.dispose();
          await server.stop();
        },
      };
    },
    options,
  );
}

describeOverTestServer('EventStoreDB protocol (test server, BatchAppend)', {});
describeOverTestServer('EventStoreDB protocol (test server, Append as on servers before 21.10)', { batchAppend: false });

const esdbUrl = process.env.ESDB_URL;
if (esdbUrl) {
  describeEventStoreContract(
    `EventStoreDB at ${esdbUrl}`,
    async () => {
      let store = createEventStoreDbStore(esdbUrl);
      return {
        store,
        restart: async () => {
          await store.dispose();
          store = createEventStoreDbStore(esdbUrl);
          return store;
        },
        teardown: () => store.dispose(),
      };
    },
    options,
  );
} else {
  const reason = 'ESDB_URL is not set (e.g. ESDB_URL="esdb://localhost:2113?tls=false")';
  console.info(`Skipping the event store contract against a real EventStoreDB: ${reason}`);
  describe.skip(`event store contract: a real EventStoreDB (skipped: ${reason})`, () => {
    it('runs the same contract against the server at ESDB_URL', () => undefined);
  });
}
