import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler, batchAppendHandler } from './append';
import { EsdbLog } from './log';
import { readHandler } from './read';
import { supportedMethodsHandler } from './server-features';

export interface EsdbTestServerOptions {
  /** Port to listen on (127.0.0.1); omitted or 0 picks a free one. */
  port?: number;
  /** The data to serve; a fresh log (with a few system events, as a real node has) when omitted. */
  state?: EsdbLog;
  /**
   * Advertise BatchAppend in ServerFeatures (default true, as EventStoreDB 21.10+ does). With false
   * the client falls back to the client-streaming Append, as against an older server.
   */
  batchAppend?: boolean;
}

export interface EsdbTestServer {
  /** Connection string for `@eventstore/db-client`: `esdb://127.0.0.1:<port>?tls=false`. */
  readonly url: string;
  readonly port: number;
  readonly state: EsdbLog;
  /** Cuts every open call (clients see the connection drop) and stops listening. */
  stop(): Promise<void>;
  /** Listens again on the same port with the same data (stops first if still running). */
  restart(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Test infrastructure: an in-process gRPC server speaking the EventStoreDB client protocol. */
export async function startEsdbTestServer(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
  const state = options.state ?? withSystemEvents(new EsdbLog());
  const batchAppend = options.batchAppend ?? true;
  const first = await listen(state, batchAppend, options.port ?? 0);
  const port = first.port;
  let server: Server | undefined = first.server;

  const stop = async () => {
    server?.forceShutdown();
    server = undefined;
  };
  return {
    url: `esdb://${HOST}:${port}?tls=false`,
    port,
    state,
    stop,
    restart: async () => {
      await stop();
      server = (await listen(state, batchAppend, port)).server;
    },
  };
}

async function listen(state: EsdbLog, batchAppend: boolean, port: number): Promise<{ server: Server; port: number }> {
  const server = new Server();
  server.addService(StreamsService, {
    read: readHandler(state),
    append: appendHandler(state),
    batchAppend: batchAppendHandler(state),
  });
  server.addService(ServerFeaturesService, { getSupportedMethods: supportedMethodsHandler({ batchAppend }) });
  return { server, port: await bindWithRetry(server, port) };
}

/** Right after a stop the old listening socket may still be closing: retry the bind briefly. */
async function bindWithRetry(server: Server, port: number, attempts = 20): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise<number>((resolve, reject) =>
        server.bindAsync(`${HOST}:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
      );
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A real node's `$all` starts with system events; subscribers are expected to filter them out. */
function withSystemEvents(log: EsdbLog): EsdbLog {
  const json = (value: unknown) => Uint8Array.from(Buffer.from(JSON.stringify(value)));
  const systemEvent = (id: string, type: string, data: unknown) => ({
    id,
    type,
    contentType: 'application/json',
    data: json(data),
    metadata: new Uint8Array(),
  });
  log.append('$users', { kind: 'any' }, [systemEvent('00000000-0000-4000-8000-000000000001', '$UserCreated', { LoginName: 'admin' })]);
  log.append('$stats-127.0.0.1:2113', { kind: 'any' }, [
    systemEvent('00000000-0000-4000-8000-000000000002', '$statsCollected', { proc: {} }),
  ]);
  return log;
}
