import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { SettleConfig } from '@settle/runtime';
import { WorkerModule } from './worker.module';

/**
 * Everything `main` does, so that tests run the very same worker. Its views live in PostgreSQL:
 * PGlite (embedded mode) can only be opened by one process, the API, which then runs the workers itself.
 */
export async function createWorker(env: Record<string, string | undefined> = process.env): Promise<INestApplicationContext> {
  const config = SettleConfig.fromEnvironment(env);
  if (!config.databaseUrl) {
    throw new Error(
      'The worker needs DATABASE_URL (its views live in PostgreSQL); in embedded mode the API process runs the projections and the collections process',
    );
  }
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  worker.useLogger(worker.get(Logger));
  // SIGTERM stops the runners, closes the store, and exits 0 (Nest would re-raise the signal instead).
  worker.enableShutdownHooks([], { useProcessExit: true });
  return worker;
}
