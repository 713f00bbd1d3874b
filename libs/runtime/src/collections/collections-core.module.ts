import { existsSync } from 'node:fs';
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock, StreamCommandExecutor } from '@settle/command-pipeline';
import {
  ClientDirectory,
  CollectionsCases,
  CollectionsCycleTable,
  CollectionsProcess,
  type CollectionsSchedule,
  CollectionsRunner,
  CollectionsStreamTable,
  CollectionsSubject,
  collectionsSubjectFold,
  DEFAULT_COLLECTIONS_SETTINGS,
  DeliveryTable,
  EmailTransport,
  KeptSnapshots,
  migrateCollectionsOutbox,
  ReminderDispatcher,
  ReminderTransport,
  TransportName,
  WebhookTransport,
} from '@settle/collections';
import { EventStore } from '@settle/event-store';
import { LetterTemplates } from '@settle/letters';
import { inProcessLock, postgresAdvisoryLock } from '@settle/projections';
import { SettleConfig } from '../config/settle-config';
import { STORAGE } from '../infrastructure/infrastructure.module';
import { Storage } from '../infrastructure/storage';
import { CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { COLLECTIONS_EXECUTOR, RUNS_COLLECTIONS_PROCESS } from './collections.tokens';

const REMINDER_TRANSPORTS = Symbol('REMINDER_TRANSPORTS');

export interface CollectionsCoreOptions {
  /**
   * `always` (the worker) or `by-configuration` (the API): the API runs the process itself when its
   * views live in PGlite, which only this process can open (SPEC 1 embedded mode), or when
   * RUN_WORKERS=true; otherwise the worker runs it. Either way only the lock holder runs it.
   */
  runProcess: 'always' | 'by-configuration';
}

const logger = new Logger('Collections');

/**
 * The collections cache's bound, in events folded into its snapshots: about 120 MB whatever the
 * portfolio (heap snapshots of the API found 550–620 bytes per folded event, 80 of them the command
 * hash as hex text: 300,000 events held 185 MB at 50,000 clients). 10,000 clients × 4 months fit whole;
 * a client let go is found again in the stream cache, not by reading its whole stream.
 */
const CACHE_FOLDED_EVENTS = 200_000;

/** The transports the configuration sets up: what the dispatcher sends by, and what the delivery projection books rows for. */
export const configuredTransports = (config: SettleConfig): TransportName[] => [
  ...(config.webhookUrl ? (['webhook'] as const) : []),
  ...(config.smtpUrl ? (['email'] as const) : []),
];

/** Starts the process when this process should run it; stops it before storage closes. */
@Injectable()
class CollectionsProcessLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(CollectionsProcess) private readonly process: CollectionsProcess,
    @Inject(REMINDER_TRANSPORTS) private readonly transports: ReminderTransport[],
    @Inject(RUNS_COLLECTIONS_PROCESS) private readonly runsHere: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (this.runsHere) this.process.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.process.stop();
    await Promise.all(this.transports.map((transport) => transport.close?.()));
  }
}

/**
 * The collections process (SPEC 5) wired to the configured storage: runner, dispatcher, the lock
 * that lets one process run them, and the read side of cases and worklist. No routes: the API and
 * the worker import it alike.
 */
@Module({})
export class CollectionsCoreModule {
  static forRoot(options: CollectionsCoreOptions): DynamicModule {
    return {
      module: CollectionsCoreModule,
      providers: [
        {
          provide: RUNS_COLLECTIONS_PROCESS,
          useFactory: (config: SettleConfig) => options.runProcess === 'always' || !config.databaseUrl || config.runWorkers,
          inject: [SettleConfig],
        },
        {
          provide: COLLECTIONS_EXECUTOR,
          useFactory: (store: EventStore, clock: Clock) =>
            new StreamCommandExecutor<CollectionsSubject>(store, collectionsSubjectFold, clock, { cacheFoldedEvents: CACHE_FOLDED_EVENTS }),
          inject: [EVENT_STORE, CLOCK],
        },
        {
          provide: CollectionsStreamTable,
          useFactory: (storage: Storage) => CollectionsStreamTable.migrate(storage.views),
          inject: [STORAGE],
        },
        {
          provide: ClientDirectory,
          useFactory: (store: EventStore, executor: StreamCommandExecutor<CollectionsSubject>, streams: CollectionsStreamTable) =>
            // What the directory reads of the log warms the executor's cache; a restart reads only what came after the kept directory.
            new ClientDirectory(
              store,
              (events) => executor.observe(events),
              () => streams.loadDirectory(),
            ),
          inject: [EVENT_STORE, COLLECTIONS_EXECUTOR, CollectionsStreamTable],
        },
        {
          provide: KeptSnapshots,
          useFactory: (
            store: EventStore,
            executor: StreamCommandExecutor<CollectionsSubject>,
            directory: ClientDirectory,
            clock: Clock,
            streams: CollectionsStreamTable,
          ) => new KeptSnapshots(store, executor, directory, clock, streams, (message) => logger.warn(message)),
          inject: [EVENT_STORE, COLLECTIONS_EXECUTOR, ClientDirectory, CLOCK, CollectionsStreamTable],
        },
        {
          provide: CollectionsRunner,
          useFactory: (
            store: EventStore,
            executor: StreamCommandExecutor<CollectionsSubject>,
            directory: ClientDirectory,
            clock: Clock,
            kept: KeptSnapshots,
          ) => new CollectionsRunner(store, executor, directory, clock, DEFAULT_COLLECTIONS_SETTINGS, { kept }),
          inject: [EVENT_STORE, COLLECTIONS_EXECUTOR, ClientDirectory, CLOCK, KeptSnapshots],
        },
        {
          provide: CollectionsCases,
          useFactory: (executor: StreamCommandExecutor<CollectionsSubject>, directory: ClientDirectory, kept: KeptSnapshots) =>
            new CollectionsCases(executor, directory, DEFAULT_COLLECTIONS_SETTINGS, kept),
          inject: [COLLECTIONS_EXECUTOR, ClientDirectory, KeptSnapshots],
        },
        {
          provide: REMINDER_TRANSPORTS,
          useFactory: (config: SettleConfig): ReminderTransport[] =>
            configuredTransports(config).map((name) =>
              name === 'webhook'
                ? new WebhookTransport({ url: config.webhookUrl!, secret: config.webhookSecret! })
                : new EmailTransport({ smtpUrl: config.smtpUrl!, from: config.smtpFrom }),
            ),
          inject: [SettleConfig],
        },
        {
          provide: LetterTemplates,
          useFactory: (config: SettleConfig) => loadLetterTemplates(config),
          inject: [SettleConfig],
        },
        {
          provide: DeliveryTable,
          useFactory: async (storage: Storage) => {
            await migrateCollectionsOutbox(storage.views);
            // Its pending rows are the reminder_deliveries projection's, run by the ProjectionsModule's host.
            return new DeliveryTable(storage.views);
          },
          inject: [STORAGE],
        },
        {
          provide: ReminderDispatcher,
          useFactory: (
            store: EventStore,
            table: DeliveryTable,
            executor: StreamCommandExecutor<CollectionsSubject>,
            transports: ReminderTransport[],
            clock: Clock,
            letters: LetterTemplates,
          ) => {
            if (transports.length === 0) logger.warn('Neither WEBHOOK_URL nor SMTP_URL is set: reminders are scheduled but not delivered');
            return new ReminderDispatcher(store, table, executor, transports, clock, {
              letters,
              onError: (error) => logger.error(`Reminder delivery: ${messageOf(error)}`),
            });
          },
          inject: [EVENT_STORE, DeliveryTable, COLLECTIONS_EXECUTOR, REMINDER_TRANSPORTS, CLOCK, LetterTemplates],
        },
        {
          provide: CollectionsCycleTable,
          useFactory: (storage: Storage) => CollectionsCycleTable.migrate(storage.views),
          inject: [STORAGE],
        },
        {
          provide: CollectionsProcess,
          useFactory: (
            config: SettleConfig,
            runner: CollectionsRunner,
            dispatcher: ReminderDispatcher,
            cycles: CollectionsCycleTable,
            clock: Clock,
          ) => {
            const schedule = config.collectionsSchedule;
            return new CollectionsProcess(
              config.databaseUrl ? postgresAdvisoryLock({ connectionString: config.databaseUrl }) : inProcessLock(),
              runner,
              dispatcher,
              {
                schedule,
                cycles,
                clock,
                onCycle: (summary) =>
                  logger.log(
                    `Cycle for ${summary.asOf}: ${summary.clientsExamined} clients, ${summary.eventsAppended} events, ` +
                      `${summary.failures.length} failures in ${summary.durationMs} ms`,
                  ),
                onError: (error) => logger.error(`Collections process: ${messageOf(error)}`),
                onLeadership: (leading) =>
                  logger.log(
                    leading ? `Running the collections process; ${scheduleNote(schedule, clock)}` : 'Collections process on standby',
                  ),
              },
            );
          },
          inject: [SettleConfig, CollectionsRunner, ReminderDispatcher, CollectionsCycleTable, CLOCK],
        },
        CollectionsProcessLifecycle,
      ],
      exports: [
        COLLECTIONS_EXECUTOR,
        ClientDirectory,
        CollectionsRunner,
        CollectionsCases,
        DeliveryTable,
        ReminderDispatcher,
        CollectionsProcess,
        CollectionsCycleTable,
        LetterTemplates,
      ],
    };
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The letter templates with the operator's overrides (SPEC 9), checked now: a broken one stops the
 * start naming its file and line; one changed later is used from the next letter on, or refused with
 * an error in the log and in GET /health. A TEMPLATES_DIR that was set must exist; the default may not.
 */
const loadLetterTemplates = (config: SettleConfig): LetterTemplates => {
  if (config.templatesDirSet && !existsSync(config.templatesDir)) {
    throw new Error(`TEMPLATES_DIR ${config.templatesDir} does not exist: create it, or leave TEMPLATES_DIR out to use DATA_DIR/templates`);
  }
  const letters = LetterTemplates.load({
    overrideDir: config.templatesDir,
    onChange: (change) =>
      'refused' in change
        ? logger.error(`Letter template override refused; letters keep the last good templates until it is fixed: ${change.refused}`)
        : logger.log(`Letter templates read again from ${config.templatesDir}: ${change.overrides.join(', ') || 'no overrides'}`),
  });
  if (letters.overrides.length > 0) logger.log(`Letter templates overridden from ${config.templatesDir}: ${letters.overrides.join(', ')}`);
  return letters;
};

/** What an operator reads at start: when the next scheduled cycle runs, or that none does. */
const scheduleNote = (schedule: CollectionsSchedule | 'off', clock: Clock): string => {
  if (schedule === 'off') return 'COLLECTIONS_SCHEDULE=off: cycles run only on POST /v1/admin/collections/run';
  const next = schedule.nextAfter(clock.now());
  return `schedule "${schedule.expression}" (${schedule.timezone}), next cycle at ${next?.setZone(schedule.timezone).toISO() ?? 'never'}`;
};
