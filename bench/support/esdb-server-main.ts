import { startEsdbTestServer } from '../../test/esdb-test-server';

/** The EventStoreDB gRPC test server in a process of its own (see esdb-server.ts); prints its URL. */
startEsdbTestServer().then(
  (server) => process.stdout.write(`READY ${server.url}\n`),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
