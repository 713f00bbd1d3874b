import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface EsdbServerProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * The EventStoreDB test server (test/esdb-test-server, in memory, test infrastructure only) in a
 * child process, so that the adapter under measurement and the server do not share one event loop.
 * Its figures measure the adapter and this server, not a real EventStoreDB.
 */
export function startEsdbServerProcess(): Promise<EsdbServerProcess> {
  const child = spawn(process.execPath, [resolve(__dirname, 'esdb-server-main.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((ready, fail) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match) ready({ url: match[1], stop: async () => (child.kill('SIGTERM'), await exited) });
    });
    void exited.then(() => fail(new Error(`The EventStoreDB test server exited: ${output}`)));
  });
}
