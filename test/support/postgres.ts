import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TEST_PG_URL_VARIABLE } from '../setup/test-postgres-server';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server, so test files stay isolated under parallel workers. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env[TEST_PG_URL_VARIABLE];
  if (!adminUrl)
    throw new Error(`${TEST_PG_URL_VARIABLE} is not set: run this test in the e2e jest project (its global setup starts PostgreSQL)`);
  const name = `settle_test_${randomUUID().replace(/-/g, '')}`;
  await asAdmin(adminUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a connection a failed test left open must not keep the database alive.
    drop: () => asAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

async function asAdmin<T>(url: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
