import { createTestDatabase } from '../support/postgres';
import { describeCommandScenario } from './command-scenario';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
afterAll(async () => database?.drop());

describeCommandScenario('PostgreSQL', async () => {
  database = await createTestDatabase();
  return { databaseUrl: database.url };
});
