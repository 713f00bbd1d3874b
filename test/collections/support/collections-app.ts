import { preparedDataDir } from '../../projections/support/pglite-database';
import { startTestApp, type TestApp } from '../../support/test-app';

/** An app on a fresh embedded data directory (copied from the run's PGlite template), cycles only on request; `close` removes it. */
export async function startCollectionsApp(options: { now: string; env?: Record<string, string> }): Promise<TestApp> {
  const data = await preparedDataDir();
  const app = await startTestApp({ dataDir: data.dataDir, now: options.now, env: { COLLECTIONS_SCHEDULE: 'off', ...options.env } });
  return {
    ...app,
    close: async () => {
      await app.close();
      await data.remove();
    },
  };
}
