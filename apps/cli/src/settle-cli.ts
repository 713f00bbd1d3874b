import { constants } from 'node:fs';
import { access, open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import type { EventStore } from '@settle/event-store';
import { createEventStoreDbStore } from '@settle/event-store/eventstoredb';
import { openStorage, SettleConfig } from '@settle/runtime';
import { backupRunningService } from './backup';
import { exportLog } from './export-log';
import { importLog } from './import-log';

export interface CliIo {
  stdout: Writable;
  /** Progress and errors: never mixed into an export written to stdout. */
  stderr: Writable;
  env: Record<string, string | undefined>;
}

const STORE_HELP =
  'The store is chosen as the service chooses it: ESDB_URL (EventStoreDB), else DATABASE_URL (PostgreSQL), else DATA_DIR (embedded, default ./data).';

/** `npm run settle -- <command>`: resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const program = new Command('settle')
    .description('Move a Settle ledger between stores, and back up a running embedded one.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .addHelpText('after', `\n${STORE_HELP}`);

  program
    .command('export')
    .description('Write every event in global order, with metadata and hashes, as NDJSON (stdout, or --out).')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async ({ out }: { out?: string }) => {
      // Opened first: an existing file is refused before the store is touched, and never overwritten.
      const file = out ? await open(out, 'wx') : undefined;
      await withStore(io.env, async (events, mode) => {
        const output = file ? file.createWriteStream() : io.stdout;
        const summary = await exportLog(events, output);
        if (out) await finished(output.end());
        say(`Exported ${summary.events} events of ${summary.streams} streams from the ${mode} store${out ? ` to ${out}` : ''}.`);
      });
    });

  program
    .command('import')
    .description('Load an export into an empty store, after verifying every stream\u2019s hash chain in it.')
    .argument('<file>', 'an NDJSON file written by export')
    .action(async (file: string) => {
      await access(file, constants.R_OK); // before a store is opened (or, for DATA_DIR, created)
      await withStore(io.env, async (events, mode) => {
        const summary = await importLog(events, file);
        say(`Imported ${summary.events} events of ${summary.streams} streams into the ${mode} store; every hash chain verified.`);
      });
    });

  program
    .command('backup')
    .description('Take a consistent copy of a running embedded service\u2019s store, verified before it is kept.')
    .option('--url <url>', 'where the service listens (default: $SETTLE_URL, else http://localhost:3000)')
    .option('--api-key <secret>', 'an admin key (default: $SETTLE_API_KEY, which keeps it out of the process list)')
    .option('--out <path>', 'a file, or a directory for a time-stamped file', '.')
    .action(async (options: { url?: string; apiKey?: string; out: string }) => {
      const url = options.url ?? io.env.SETTLE_URL ?? 'http://localhost:3000';
      const apiKey = options.apiKey ?? io.env.SETTLE_API_KEY;
      if (!apiKey) throw new Error('backup needs an admin key: set SETTLE_API_KEY (or pass --api-key)');
      const { out } = options;
      const summary = await backupRunningService({ url, apiKey, out });
      say(
        `Backed up ${summary.events} events of ${summary.streams} streams to ${summary.file} (${summary.bytes} bytes); every hash chain verified.\n` +
          `Restore: stop the service, then unpack it into an empty DATA_DIR/pglite (tar -xzf ${summary.file} -C <DATA_DIR>/pglite).`,
      );
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    say(`settle: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/**
 * Opens the event store the environment names. Only the store variables count: the CLI serves no
 * requests, so the service's rule that PostgreSQL mode needs API_KEYS does not apply. EventStoreDB
 * is reached directly, without the views database the service would open beside it.
 */
async function withStore(
  env: Record<string, string | undefined>,
  work: (events: EventStore, mode: string) => Promise<void>,
): Promise<void> {
  const { DATA_DIR, DATABASE_URL, ESDB_URL } = env;
  const config = SettleConfig.fromEnvironment({ DATA_DIR, DATABASE_URL, ESDB_URL, API_KEYS: 'settle-cli:admin:unused-by-the-cli' });
  if (config.mode === 'eventstoredb') {
    const events = createEventStoreDbStore(config.esdbUrl!);
    return work(events, config.mode).finally(() => events.dispose());
  }
  const storage = await openStorage(config);
  return work(storage.events, config.mode).finally(() => storage.dispose());
}
