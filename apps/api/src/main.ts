import { type Server } from 'node:http';
import { SettleConfig } from '@settle/runtime';
import { createApp } from './bootstrap';
import { RequestDrain } from './http/request-drain';

/** How long requests in flight may take to finish once the process is told to stop. */
const DRAIN_TIMEOUT_MS = 25_000;

async function main(): Promise<void> {
  const drain = new RequestDrain();
  const app = await createApp(process.env, drain);
  const config = app.get(SettleConfig);
  await app.listen(config.port);
  process.stdout.write(`Settle (${config.mode} mode) listening on http://localhost:${config.port} — API docs at /docs\n`);

  // SIGTERM (orchestrators) and SIGINT (Ctrl-C): drain the requests, stop the runners, close the store, exit 0.
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

function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

main().catch(fail);
