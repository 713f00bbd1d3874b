import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyPgliteTemplate } from '../../setup/pglite-template';

/** A fresh DATA_DIR, with an initialised PGlite cluster unless `empty` (copying saves initdb's seconds). */
export async function dataDirectory(name: string, { empty = false } = {}): Promise<{ path: string; remove(): void }> {
  const path = mkdtempSync(join(tmpdir(), `settle-${name}-`));
  if (!empty) await copyPgliteTemplate(join(path, 'pglite'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A client with the least an agreement needs. */
export const minimalClient = (clientId: string) => ({
  clientId,
  name: `Client ${clientId}`,
  currency: 'EUR',
  agreement: { contact: { name: 'Sam', email: 'sam@client.example', preferredChannel: 'email' } },
});

export const invoice = (invoiceId: string) => ({ invoiceId, amount: '10.00', currency: 'EUR' });

/** A stack trace line: the start-up errors are one line each, without one. */
export const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$/m;
