import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** What the figures were measured on: they mean little without it. */
export function describeMachine(): string {
  const processors = cpus();
  const model = processors[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
  return (
    `${processors.length} cores (${model}), ${(totalmem() / 1024 ** 3).toFixed(1)} GB memory, ` +
    `${type()} ${release()}, Node.js ${process.version}; load average at start (1/5/15 min): ${load}`
  );
}
