import { type EsdbTestServer, startEsdbTestServer } from '../esdb-test-server';
import { describeCommandScenario } from './command-scenario';

/** EventStoreDB mode: events in EventStoreDB (here the gRPC test server), views in PGlite. */
let server: EsdbTestServer;
afterAll(async () => server?.stop());

describeCommandScenario('EventStoreDB', async () => {
  server = await startEsdbTestServer();
  return { esdbUrl: server.url };
});
