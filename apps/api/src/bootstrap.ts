import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { openStorage, SettleConfig } from '@settle/runtime';
import { wrapBodyParserErrors } from './http/request-body.error';
import { RequestDrain } from './http/request-drain';
import { refuseUnsafeInput } from './http/unsafe-input.guard';

/**
 * Everything `main` does except listening and stopping, so e2e tests run the very same application.
 * Storage is opened first: a data directory that cannot be used (taken by another process, read-only,
 * foreign, corrupt) is reported in one line before anything else starts or writes.
 * Express parses bodies with our limit; its errors (malformed JSON, too large, corrupt compression) reach
 * the problem filter, and so does a body no DTO can accept (not JSON, too deep, prototype keys, NUL).
 */
export async function createApp(
  env: Record<string, string | undefined> = process.env,
  drain: RequestDrain = new RequestDrain(),
): Promise<INestApplication> {
  const config = SettleConfig.fromEnvironment(env);
  const storage = await openStorage(config);
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, storage), {
      bufferLogs: true,
      bodyParser: false,
      abortOnError: false,
    });
  } catch (error) {
    await storage.dispose();
    throw error;
  }
  app.useLogger(app.get(Logger));
  app.use(drain.middleware);
  app.useBodyParser('json', { limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] });
  app.use(wrapBodyParserErrors);
  app.use(refuseUnsafeInput);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Settle')
      .setDescription(
        'Event-sourced accounts receivable and collections. Amounts are decimal strings in major units; errors are application/problem+json.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key secret (API_KEYS=name:role:secret)' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
