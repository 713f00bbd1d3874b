import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';
import { DateTime } from 'luxon';
import { CollectionsSchedule, DEFAULT_COLLECTIONS_SCHEDULE } from '@settle/collections';

/** The environment Settle reads (SPEC 7), validated once at start-up with a message per bad value. */
export class EnvironmentVariables {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  DATA_DIR: string = './data';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\//, { message: 'ESDB_URL must be an esdb:// or esdb+discover:// connection string' })
  ESDB_URL?: string;

  /** Comma-separated `name:role:secret`. */
  @IsOptional()
  @Matches(/^\s*[^:,\s]+:(clerk|collector|auditor|admin):[^:,\s]{16,}\s*(,\s*[^:,\s]+:(clerk|collector|auditor|admin):[^:,\s]{16,}\s*)*$/, {
    message:
      'API_KEYS must be comma-separated name:role:secret entries, role one of clerk|collector|auditor|admin, secrets at least 16 characters',
  })
  API_KEYS?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'WEBHOOK_URL must be an http(s) URL' })
  WEBHOOK_URL?: string;

  @IsOptional()
  @IsString()
  WEBHOOK_SECRET?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of reminder emails. */
  @IsOptional()
  @IsString()
  SMTP_FROM: string = 'Settle Collections <collections@settle.localhost>';

  /** The operator's letter templates, overriding the shipped ones file by file; default DATA_DIR/templates. */
  @IsOptional()
  @IsString()
  TEMPLATES_DIR?: string;

  /** When the collections cycle runs: a cron expression read in COLLECTIONS_TIMEZONE, or `off` (only on request). */
  @IsOptional()
  @IsString()
  COLLECTIONS_SCHEDULE: string = DEFAULT_COLLECTIONS_SCHEDULE;

  /** The IANA time zone COLLECTIONS_SCHEDULE is read in. */
  @IsOptional()
  @IsString()
  COLLECTIONS_TIMEZONE: string = 'UTC';

  /** Replaced by COLLECTIONS_SCHEDULE: read only to say so. */
  @IsOptional()
  COLLECTIONS_INTERVAL?: string;

  /**
   * With PostgreSQL views (DATABASE_URL): also run the projections in this API process, besides or
   * instead of `apps/worker` (one process at a time runs them; the others stand by). Embedded mode always does.
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'RUN_WORKERS must be true or false' })
  RUN_WORKERS: string = 'false';

  /**
   * API processes sharing PORT (node:cluster), postgres mode only: appends are optimistic-concurrency
   * checked by the database and background work runs under advisory locks. PGlite (embedded, and the
   * views of EventStoreDB mode) is opened by one process: there it runs one, and says so.
   */
  @IsOptional()
  @IsInt({ message: 'WEB_CONCURRENCY must be a whole number of processes (1 to 64)' })
  @Min(1, { message: 'WEB_CONCURRENCY must be a whole number of processes (1 to 64)' })
  @Max(64, { message: 'WEB_CONCURRENCY must be a whole number of processes (1 to 64)' })
  WEB_CONCURRENCY: number = 1;

  /** Fixes the clock (ISO instant): demos and tests. */
  @IsOptional()
  @IsString()
  NOW?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Largest accepted request body, in bytes. */
  @IsOptional()
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number = 256 * 1024;
}

/** Throws one error listing every bad value. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const problems = validateSync(env, { skipMissingProperties: false }).flatMap((error) => Object.values(error.constraints ?? {}));
  if (env.NOW !== undefined && !DateTime.fromISO(env.NOW, { setZone: true }).isValid) problems.push('NOW must be an ISO 8601 instant');
  const schedule = collectionsScheduleOf(env);
  if (schedule instanceof Error) problems.push(schedule.message);
  if (env.COLLECTIONS_INTERVAL !== undefined)
    problems.push(
      'COLLECTIONS_INTERVAL is no longer read: set COLLECTIONS_SCHEDULE to a cron expression (e.g. "0 * * * *" for hourly) or off',
    );
  if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET)
    problems.push('WEBHOOK_SECRET is required when WEBHOOK_URL is set (payloads are HMAC-signed)');
  if (env.ESDB_URL === undefined && env.DATABASE_URL !== undefined && env.API_KEYS === undefined) {
    problems.push('API_KEYS is required in postgres mode (a generated key is only for the embedded default)');
  }
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return env;
}

/** COLLECTIONS_SCHEDULE read in COLLECTIONS_TIMEZONE: `off`, the schedule, or what is wrong with it. */
export function collectionsScheduleOf(env: EnvironmentVariables): CollectionsSchedule | 'off' | Error {
  if (env.COLLECTIONS_SCHEDULE.trim() === 'off') return 'off';
  try {
    return CollectionsSchedule.parse(env.COLLECTIONS_SCHEDULE, env.COLLECTIONS_TIMEZONE);
  } catch (error) {
    return new Error(
      `COLLECTIONS_SCHEDULE must be a cron expression (e.g. "0 8 * * 1-5") in COLLECTIONS_TIMEZONE, or off: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
