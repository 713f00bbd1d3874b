import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describeCrashConsistency } from './support/crash-scenario';
import { dataDirectory } from './support/data-dirs';

/** Embedded mode: PGlite in DATA_DIR; the projections and the collections process run in the API process. */
describeCrashConsistency('PGlite', async () => {
  const directory = await dataDirectory('crash');
  return {
    env: { DATA_DIR: directory.path },
    // On a copy, so that the restarted API recovers the killed process's files itself.
    async read(work) {
      const copy = await mkdtemp(join(tmpdir(), 'settle-crash-copy-'));
      try {
        await cp(join(directory.path, 'pglite'), copy, { recursive: true });
        const db = await PGlite.create(copy);
        try {
          return await work(async <Row>(text: string) => (await db.query<Row>(text)).rows);
        } finally {
          await db.close();
        }
      } finally {
        await rm(copy, { recursive: true, force: true });
      }
    },
    dispose: async () => directory.remove(),
  };
});
