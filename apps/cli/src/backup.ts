import { createWriteStream, existsSync, statSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { createPgliteEventStore, type Position } from '@settle/event-store';
import { DateTime } from 'luxon';
import { StreamChains } from './stream-chains';

export interface BackupOptions {
  /** Where the service listens, e.g. http://localhost:3000. */
  url: string;
  /** An admin key's secret. */
  apiKey: string;
  /** A file, or a directory to put a time-stamped file in. */
  out: string;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  events: number;
  streams: number;
}

/** The service did not hand out a backup (not embedded, wrong key, unreachable…). */
export class BackupRefusedError extends Error {
  constructor(detail: string) {
    super(`No backup taken: ${detail}`);
    this.name = 'BackupRefusedError';
  }
}

/**
 * Asks the running service for a consistent copy of its embedded store (the process that owns
 * DATA_DIR is the only one that may read it), then proves the copy: it must open as a database and
 * every stream's hash chain in it must verify. Only then does the file get its name; an existing
 * file is never overwritten.
 */
export async function backupRunningService(options: BackupOptions): Promise<BackupSummary> {
  const file = targetFile(options.out);
  if (existsSync(file)) throw new BackupRefusedError(`${file} already exists`);
  const partial = `${file}.partial`;
  const response = await fetch(new URL('/v1/admin/backup', options.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${options.apiKey}` },
  }).catch((error: unknown) => {
    throw new BackupRefusedError(`the service at ${options.url} does not answer (${(error as Error).cause ?? error})`);
  });
  if (!response.ok || !response.body) throw new BackupRefusedError(`${response.status} ${await problemDetail(response)}`);
  try {
    await pipeline(Readable.fromWeb(response.body), createWriteStream(partial, { flags: 'wx' }));
    const chains = await verifyBackup(partial);
    await rename(partial, file);
    return { file, bytes: statSync(file).size, events: chains.events, streams: chains.streams };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Opens the copy in memory, as a restore would, and verifies every chain in it page by page. */
async function verifyBackup(file: string): Promise<StreamChains> {
  const db = await PGlite.create({ loadDataDir: new Blob([await readFile(file)]) });
  try {
    const store = await createPgliteEventStore(db);
    const chains = new StreamChains();
    let after: Position | undefined;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 1_000 });
      if (page.length === 0) return chains;
      for (const event of page) chains.add(event.streamId, event.revision, event);
      after = page[page.length - 1].position;
    }
  } finally {
    await db.close();
  }
}

function targetFile(out: string): string {
  if (!existsSync(out) || !statSync(out).isDirectory()) return out;
  return join(out, `settle-backup-${DateTime.utc().toFormat("yyyyLLdd'T'HHmmss'Z'")}.tar.gz`);
}

async function problemDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string };
    return problem.detail ?? problem.title ?? text;
  } catch {
    return text || response.statusText;
  }
}
