import { validateEnvironment } from './environment';
import { SettleConfig } from './settle-config';

describe('validateEnvironment', () => {
  it('applies the defaults of the embedded mode', () => {
    expect(validateEnvironment({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      COLLECTIONS_SCHEDULE: '0 8 * * 1-5',
      COLLECTIONS_TIMEZONE: 'UTC',
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 262144,
    });
  });

  it('names every bad value in one message', () => {
    const attempt = () =>
      validateEnvironment({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        API_KEYS: 'ops:superuser:short',
        NOW: 'tomorrow',
        COLLECTIONS_SCHEDULE: 'daily at 8',
        WEBHOOK_URL: 'http://hooks.local/x',
      });
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/DATABASE_URL must be a postgres/);
    expect(attempt).toThrow(/API_KEYS must be comma-separated name:role:secret/);
    expect(attempt).toThrow(/NOW must be an ISO 8601 instant/);
    expect(attempt).toThrow(/COLLECTIONS_SCHEDULE must be a cron expression .* or off: "daily at 8" is not a cron expression/);
    expect(attempt).toThrow(/WEBHOOK_SECRET is required/);
  });

  it('reads COLLECTIONS_SCHEDULE in COLLECTIONS_TIMEZONE, or off; an unknown zone or the old interval is named', () => {
    expect(SettleConfig.fromEnvironment({ COLLECTIONS_SCHEDULE: 'off' }).collectionsSchedule).toBe('off');
    expect(
      SettleConfig.fromEnvironment({ COLLECTIONS_SCHEDULE: '0 7 * * *', COLLECTIONS_TIMEZONE: 'Europe/Paris' }).collectionsSchedule,
    ).toMatchObject({
      expression: '0 7 * * *',
      timezone: 'Europe/Paris',
    });
    expect(() => validateEnvironment({ COLLECTIONS_TIMEZONE: 'Europe/Atlantis' })).toThrow(/"Europe\/Atlantis" is not an IANA time zone/);
    expect(() => validateEnvironment({ COLLECTIONS_INTERVAL: 'PT1H' })).toThrow(
      /COLLECTIONS_INTERVAL is no longer read: set COLLECTIONS_SCHEDULE/,
    );
  });

  it('requires API keys in postgres mode but accepts well-formed ones', () => {
    expect(() => validateEnvironment({ DATABASE_URL: 'postgres://localhost/settle' })).toThrow(/API_KEYS is required in postgres mode/);
    expect(
      validateEnvironment({
        DATABASE_URL: 'postgres://localhost/settle',
        API_KEYS: 'ops:admin:0123456789abcdef, desk:clerk:fedcba9876543210',
      }).API_KEYS,
    ).toContain('desk:clerk');
  });
});
