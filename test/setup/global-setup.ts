import { preparePgliteTemplateRoot, PGLITE_TEMPLATE_VARIABLE } from './pglite-template';
import { startTestPostgres, TEST_PG_URL_VARIABLE } from './test-postgres-server';

export interface TestInfrastructure {
  stop(): Promise<void>;
}

declare global {
  // Handed from global setup to global teardown (same process).
  var __settleTestInfrastructure: TestInfrastructure | undefined;
}

/**
 * For the e2e project: a real PostgreSQL (DATABASE_URL when given, else one started here) and a
 * place for the PGlite template. Workers start after this and inherit the environment variables.
 */
export default async function globalSetup(): Promise<void> {
  const pgliteTemplate = await preparePgliteTemplateRoot();
  process.env[PGLITE_TEMPLATE_VARIABLE] = pgliteTemplate.root;

  const server = process.env.DATABASE_URL ? undefined : await startTestPostgres();
  process.env[TEST_PG_URL_VARIABLE] = server?.url ?? process.env.DATABASE_URL;

  globalThis.__settleTestInfrastructure = {
    stop: async () => {
      await Promise.all([pgliteTemplate.remove(), server?.stop()]);
    },
  };
}
