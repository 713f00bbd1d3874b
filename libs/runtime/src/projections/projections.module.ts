import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ReminderDeliveriesProjection } from '@settle/collections';
import { DEFAULT_METRICS_CONFIG } from '@settle/domain';
import { ClientFactsProjection, ClientFactsReader, inProcessLock, postgresAdvisoryLock, ProjectionHost } from '@settle/projections';
import { configuredTransports } from '../collections/collections-core.module';
import { SettleConfig } from '../config/settle-config';
import { STORAGE } from '../infrastructure/infrastructure.module';
import { Storage } from '../infrastructure/storage';
import { METRICS_CONFIG } from './projections.tokens';

export interface ProjectionsOptions {
  /**
   * `always` (the worker) or `by-configuration` (the API): runners start here when the views live in
   * PGlite, which only this process can open (SPEC 1 embedded mode), or when RUN_WORKERS=true.
   */
  runRunners: 'always' | 'by-configuration';
}

const RUNS_PROJECTIONS = Symbol('RUNS_PROJECTIONS');

/** Starts the runners when this process should run them; stops them before storage closes. */
@Injectable()
class ProjectionRunnersLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly host: ProjectionHost,
    @Inject(RUNS_PROJECTIONS) private readonly runsHere: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (this.runsHere) this.host.startRunners();
  }

  async onModuleDestroy(): Promise<void> {
    await this.host.stopRunners();
  }
}

/**
 * The views (SPEC 4) and the outbox's delivery bookkeeping (SPEC 5) on the configured storage: their
 * tables, their runners (one process at a time runs each, under a PostgreSQL advisory lock; PGlite
 * has one process anyway) and the reader. No routes: the API and the worker import it alike.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      // Global: health checks report the projections' lag.
      global: true,
      providers: [
        {
          provide: RUNS_PROJECTIONS,
          useFactory: (config: SettleConfig) => options.runRunners === 'always' || !config.databaseUrl || config.runWorkers,
          inject: [SettleConfig],
        },
        {
          provide: ProjectionHost,
          useFactory: async (storage: Storage, config: SettleConfig) => {
            const host = new ProjectionHost({
              store: storage.events,
              sql: storage.views,
              // The views, and the outbox's bookkeeping (the dispatcher sends what it lists as due).
              projections: [new ClientFactsProjection(), new ReminderDeliveriesProjection(configuredTransports(config))],
              lock: config.databaseUrl ? postgresAdvisoryLock({ connectionString: config.databaseUrl }) : inProcessLock(),
              logger: new Logger('Projections'),
            });
            await host.migrate();
            return host;
          },
          inject: [STORAGE, SettleConfig],
        },
        { provide: ClientFactsReader, useFactory: (storage: Storage) => new ClientFactsReader(storage.views), inject: [STORAGE] },
        { provide: METRICS_CONFIG, useValue: DEFAULT_METRICS_CONFIG },
        ProjectionRunnersLifecycle,
      ],
      exports: [ProjectionHost, ClientFactsReader, METRICS_CONFIG],
    };
  }
}
