import { SettleConfig } from '@settle/runtime';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  const worker = await createWorker();
  process.stdout.write(`Settle worker (${worker.get(SettleConfig).mode} mode) running projections and the collections process\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
