import { ProjectionHost } from '@settle/projections';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/test-app';
import { preparedDataDir } from './pglite-database';

export interface ViewsTestApp extends TestApp {
  /** Waits until the views hold every event recorded so far (read-your-writes for the view routes). */
  settled(): Promise<void>;
  host: ProjectionHost;
}

/** The real application (embedded PGlite unless told otherwise) with a handle on its projections. */
export async function startViewsApp(options: TestAppOptions = {}): Promise<ViewsTestApp> {
  const prepared = options.dataDir === undefined && options.databaseUrl === undefined ? await preparedDataDir() : undefined;
  const t = await startTestApp({ ...options, ...(prepared && { dataDir: prepared.dataDir }) });
  const host = t.app.get(ProjectionHost);
  return {
    ...t,
    host,
    settled: () => host.waitUntilCaughtUp(),
    close: async () => {
      await t.close();
      await prepared?.remove();
    },
  };
}

/** Sends a request as admin and fails with the problem details when it is refused. */
export async function send(t: TestApp, method: 'post' | 'put', path: string, body: object): Promise<Record<string, unknown>> {
  const response = await t.as('admin')[method](path).send(body);
  if (response.status >= 300) throw new Error(`${method.toUpperCase()} ${path} → ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
}
