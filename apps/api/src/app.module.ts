import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import pretty from 'pino-pretty';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClientAccountModule } from './client-account/client-account.module';
import { CollectionsModule } from './collections/collections.module';
import { InfrastructureModule, ProjectionsModule, SettleConfig, Storage } from '@settle/runtime';
import { HealthModule } from './health/health.module';
import { BodyValidationPipe } from './http/body-validation.pipe';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { LOG_REDACTION } from './http/secret-redaction';
import { ViewsModule } from './views/views.module';
import { StatementModule } from './statement/statement.module';
import { WebModule } from './web/web.module';

/** The whole application for one validated configuration. */
@Module({})
export class AppModule {
  static forRoot(config: SettleConfig, storage: Storage): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config, storage),
        LoggerModule.forRootAsync({
          inject: [SettleConfig],
          useFactory: (config: SettleConfig) => ({
            pinoHttp: [
              {
                level: config.logLevel,
                // Every log line of a request carries its id; callers may pass their own X-Request-Id.
                genReqId: (request, response) => {
                  const id = String(request.headers['x-request-id'] ?? randomUUID()).slice(0, 128);
                  response.setHeader('X-Request-Id', id);
                  return id;
                },
                redact: LOG_REDACTION,
                autoLogging: { ignore: (request) => request.url === '/health' },
              },
              // On a terminal, lines for people (pino-pretty, after the redaction); otherwise JSON lines on an
              // asynchronous stdout: a line per request written synchronously cost about a sixth of the
              // API's CPU under load; pino flushes what is buffered when the process exits.
              process.stdout.isTTY
                ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
                : pino.destination({ dest: 1, sync: false }),
            ],
          }),
        }),
        CqrsModule.forRoot(),
        // Global: the views, the health check and the admin routes read the projections.
        ProjectionsModule.forRoot({ runRunners: 'by-configuration' }),
        AuthModule,
        ClientAccountModule,
        AuditModule,
        ViewsModule,
        StatementModule,
        CollectionsModule,
        AdminModule,
        HealthModule,
        WebModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useClass: BodyValidationPipe },
      ],
    };
  }
}
