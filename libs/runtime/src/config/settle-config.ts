import { join } from 'node:path';
import { type CollectionsSchedule } from '@settle/collections';
import { collectionsScheduleOf, type EnvironmentVariables, validateEnvironment } from './environment';

/** SPEC 1 deployment modes, chosen by which stores are configured. */
export type DeploymentMode = 'embedded' | 'postgres' | 'eventstoredb';

/** Typed view of the validated environment. */
export class SettleConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly esdbUrl?: string;
  readonly apiKeys?: string;
  readonly webhookUrl?: string;
  readonly webhookSecret?: string;
  readonly smtpUrl?: string;
  readonly smtpFrom: string;
  /** Where the operator's letter templates are: TEMPLATES_DIR, else DATA_DIR/templates. */
  readonly templatesDir: string;
  /** TEMPLATES_DIR was set: the folder must then exist. */
  readonly templatesDirSet: boolean;
  /** When the collections cycle runs; `off`: only on request. */
  readonly collectionsSchedule: CollectionsSchedule | 'off';
  readonly now?: string;
  /** RUN_WORKERS=true: the API process runs the projections too (with PostgreSQL views). */
  readonly runWorkers: boolean;
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  /** WEB_CONCURRENCY as asked; `apiProcesses` is what the mode allows. */
  readonly webConcurrency: number;

  private constructor(env: EnvironmentVariables) {
    this.port = env.PORT;
    this.dataDir = env.DATA_DIR;
    this.databaseUrl = env.DATABASE_URL;
    this.esdbUrl = env.ESDB_URL;
    this.apiKeys = env.API_KEYS;
    this.webhookUrl = env.WEBHOOK_URL;
    this.webhookSecret = env.WEBHOOK_SECRET;
    this.smtpUrl = env.SMTP_URL;
    this.smtpFrom = env.SMTP_FROM;
    this.templatesDir = env.TEMPLATES_DIR ?? join(env.DATA_DIR, 'templates');
    this.templatesDirSet = env.TEMPLATES_DIR !== undefined;
    const schedule = collectionsScheduleOf(env);
    if (schedule instanceof Error) throw schedule; // validateEnvironment has refused it already
    this.collectionsSchedule = schedule;
    this.now = env.NOW;
    this.runWorkers = env.RUN_WORKERS === 'true';
    this.logLevel = env.LOG_LEVEL;
    this.bodyLimitBytes = env.BODY_LIMIT_BYTES;
    this.webConcurrency = env.WEB_CONCURRENCY;
  }

  /** Validates the environment (throws one error naming every bad value). */
  static fromEnvironment(env: Record<string, string | undefined>): SettleConfig {
    return new SettleConfig(validateEnvironment(env));
  }

  /** How many API processes share the port: several only in postgres mode (PGlite is opened by one process). */
  get apiProcesses(): number {
    return this.mode === 'postgres' ? this.webConcurrency : 1;
  }

  get mode(): DeploymentMode {
    if (this.esdbUrl) return 'eventstoredb';
    if (this.databaseUrl) return 'postgres';
    return 'embedded';
  }
}
