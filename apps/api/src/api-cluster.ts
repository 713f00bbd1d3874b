import cluster, { type Worker } from 'node:cluster';

/** Wait before replacing an API process that died while serving, so a crash loop does not spin. */
const REPLACE_DELAY_MS = 1000;

/**
 * WEB_CONCURRENCY in postgres mode: this (primary) process forks `processes` API processes that
 * share the port (node:cluster hands each new connection to one of them) and serves nothing itself.
 * They need no coordination here: every append is checked against the stream's revision by the
 * database, so a process whose cached stream is stale loses the append and decides again; the
 * projections and the collections process run in whichever process holds their advisory lock.
 * One that dies while serving is replaced; one that fails to start stops them all (its error is in
 * the log); SIGTERM or SIGINT is passed on, and this process exits once each has drained and exited.
 */
export function runApiCluster(processes: number, log: (line: string) => void): void {
  const serving = new Set<Worker>();
  let stopping = false;
  let failed = false;

  const stopAll = (): void => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };

  cluster.on('listening', (worker) => serving.add(worker));
  cluster.on('exit', (worker, code, signal) => {
    const wasServing = serving.delete(worker);
    const ended = `API process ${worker.process.pid} exited (${signal ?? `code ${code}`})`;
    if (!stopping && !wasServing) {
      log(`${ended} before it served: stopping the others`);
      failed = true;
      stopAll();
    } else if (stopping) {
      // A signal while it was still starting ends it by that signal: only an exit code says draining failed.
      if (code !== null && code !== 0) failed = true;
    } else {
      log(`${ended}; starting another`);
      setTimeout(() => stopping || cluster.fork(), REPLACE_DELAY_MS);
      return;
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
  });
  process.on('SIGTERM', stopAll);
  process.on('SIGINT', stopAll);

  log(`Starting ${processes} API processes (WEB_CONCURRENCY) on one port`);
  for (let index = 0; index < processes; index++) cluster.fork();
}
