import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { PGlite } from '@electric-sql/pglite';
import { createPgliteEventStore, pgliteSqlClient, type SqlClient, type SqlEventStore } from '@settle/event-store';
import { copyPgliteTemplate } from '../../setup/pglite-template';

export interface PgliteDatabase {
  dataDir: string;
  db: PGlite;
  sql: SqlClient;
  store: SqlEventStore;
  close(): Promise<void>;
}

/** A fresh PGlite database (copied from the run's template) with the event store in it. */
export async function openPgliteDatabase(): Promise<PgliteDatabase> {
  if (!('SyntheticModule' in vm)) throw new Error('PGlite under jest needs NODE_OPTIONS=--experimental-vm-modules');
  const dataDir = await mkdtemp(join(tmpdir(), 'settle-projections-'));
  await copyPgliteTemplate(dataDir);
  const db = await PGlite.create(dataDir);
  const store = await createPgliteEventStore(db, { pollIntervalMs: 50 });
  return {
    dataDir,
    db,
    sql: pgliteSqlClient(db),
    store,
    close: async () => {
      await store.dispose();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A data directory with an initialised PGlite in it, for `startTestApp({ dataDir })` (saves initdb). */
export async function preparedDataDir(): Promise<{ dataDir: string; remove(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'settle-projections-app-'));
  await copyPgliteTemplate(join(dataDir, 'pglite'));
  return { dataDir, remove: () => rm(dataDir, { recursive: true, force: true }) };
}
