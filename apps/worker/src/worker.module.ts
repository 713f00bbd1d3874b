import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CollectionsCoreModule, InfrastructureModule, ProjectionsModule, SettleConfig } from '@settle/runtime';

/**
 * The worker (SPEC 1, postgres and eventstoredb modes): the projections and the collections process,
 * no HTTP. The same configuration, storage and modules as the API; several workers may run, each
 * projection and the process run in one of them at a time and the others stand by.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: SettleConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        InfrastructureModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        ProjectionsModule.forRoot({ runRunners: 'always' }),
        CollectionsCoreModule.forRoot({ runProcess: 'always' }),
      ],
    };
  }
}
