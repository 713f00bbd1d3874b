import cluster from 'node:cluster';
import { type Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { SettleConfig } from '@settle/runtime';
import { runApiCluster } from './api-cluster';
import { RequestDrain } from './http/request-drain';

/** How long requests in flight may take to finish once the process is told to stop. */
const DRAIN_TIMEOUT_MS = 25_000;

/**
 * How far the old generation may grow past what the last full collection left alive before V8
 * collects again. V8's own factor rises to 4× on a machine with memory to spare: at 10,000 clients
 * the live heap stayed at 150–180 MB while the heap reached 650 MB and the RSS 750–1,000 MB, mostly
 * garbage not yet collected (issue 15). Unlike `--max-old-space-size` this is no ceiling: a larger
 * live heap still gets the room it needs.
 */
const HEAP_GROWING_PERCENT = 50;

async function main(): Promise<void> {
  if (cluster.isPrimary) {
    // Validated once, here: a bad value is reported in one message, not by every process.
    const config = SettleConfig.fromEnvironment(process.env);
    if (config.webConcurrency > config.apiProcesses) {
      process.stdout.write(
        `WEB_CONCURRENCY=${config.webConcurrency} needs postgres mode: in ${config.mode} mode PGlite holds ` +
          `${config.mode === 'embedded' ? 'the events and the views' : 'the views'}, and only one process can open it; running one API process\n`,
      );
    }
    if (config.apiProcesses > 1) return runApiCluster(config.apiProcesses, (line) => process.stdout.write(`${line}\n`));
  }
  await serve();
}

/** One API process: listens until SIGTERM or SIGINT, then drains the requests, stops the runners, closes the store, exits 0. */
async function serve(): Promise<void> {
  limitHeapGrowth();
  // Loaded here, not above: a cluster's primary serves nothing and needs none of the application.
  const { createApp } = await import('./bootstrap');
  const drain = new RequestDrain();
  const app = await createApp(process.env, drain);
  const config = app.get(SettleConfig);
  await app.listen(config.port);
  process.stdout.write(`Settle (${config.mode} mode) listening on http://localhost:${config.port} — API docs at /docs\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    drain
      .drain(app.getHttpServer() as Server, DRAIN_TIMEOUT_MS)
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => fail(error),
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Before the application allocates; a `--heap-growing-percent` on node's command line wins. */
function limitHeapGrowth(): void {
  if (process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

main().catch(fail);
