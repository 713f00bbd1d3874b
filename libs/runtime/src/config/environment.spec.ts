import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the defaults of the embedded mode', () => {
    expect(validateEnvironment({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      COLLECTIONS_INTERVAL: 'PT1H',
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
        COLLECTIONS_INTERVAL: '1h',
        WEBHOOK_URL: 'http://hooks.local/x',
      });
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/DATABASE_URL must be a postgres/);
    expect(attempt).toThrow(/API_KEYS must be comma-separated name:role:secret/);
    expect(attempt).toThrow(/NOW must be an ISO 8601 instant/);
    expect(attempt).toThrow(/COLLECTIONS_INTERVAL must be an ISO 8601 duration/);
    expect(attempt).toThrow(/WEBHOOK_SECRET is required/);
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
