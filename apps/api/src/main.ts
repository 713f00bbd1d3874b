import { createApp } from './bootstrap';
import { SettleConfig } from '@settle/runtime';

async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get(SettleConfig);
  await app.listen(config.port);
  process.stdout.write(`Settle (${config.mode} mode) listening on http://localhost:${config.port} — API docs at /docs\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
