import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../support/postgres';
import { describeCrashConsistency } from './support/crash-scenario';

/** Postgres mode: events, views and checkpoints in PostgreSQL; RUN_WORKERS=true runs the projections and the collections process in the API process. */
describeCrashConsistency('PostgreSQL', async () => {
  const database = await createTestDatabase();
  // Postgres mode keeps nothing in DATA_DIR; a directory of its own all the same, not ./data.
  const dataDir = mkdtempSync(join(tmpdir(), 'settle-crash-pg-'));
  return {
    env: { DATABASE_URL: database.url, RUN_WORKERS: 'true', DATA_DIR: dataDir },
    async read(work) {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        return await work(async <Row>(text: string) => (await client.query(text)).rows as Row[]);
      } finally {
        await client.end();
      }
    },
    dispose: async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
