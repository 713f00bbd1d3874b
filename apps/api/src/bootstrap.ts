import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { SettleConfig } from '@settle/runtime';
import { wrapBodyParserErrors } from './http/request-body.error';

/**
 * Everything `main` does except listening, so e2e tests run the very same application.
 * Express parses bodies with our limit; its errors (malformed JSON, too large) reach the problem filter.
 */
export async function createApp(env: Record<string, string | undefined> = process.env): Promise<INestApplication> {
  const config = SettleConfig.fromEnvironment(env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] });
  app.use(wrapBodyParserErrors);
  app.enableShutdownHooks();

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
