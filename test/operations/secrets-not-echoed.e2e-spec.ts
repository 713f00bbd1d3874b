import { ApiChild, OPERATIONS_KEY } from './support/api-child';
import { dataDirectory } from './support/data-dirs';

/** SPEC 7: a secret sent in the query string is neither echoed in a problem nor written to the log. */
describe('secrets in the query string', () => {
  it('are redacted in problems and in the log', async () => {
    const directory = await dataDirectory('secrets');
    const api = await ApiChild.start({ DATA_DIR: directory.path, LOG_LEVEL: 'info' });
    try {
      const unauthenticated = await fetch(`${api.url}/v1/clients?api_key=secret123`);
      expect(unauthenticated.status).toBe(401);
      const problem = await unauthenticated.text();
      expect(problem).not.toContain('secret123');
      expect(JSON.parse(problem)).toMatchObject({ instance: '/v1/clients?api_key=[REDACTED]' });

      // Express's "Cannot GET <url>" quotes the URL in the problem's detail.
      const unknown = await api.fetch('/v1/nowhere?page=2&Token=secret456');
      expect(unknown.status).toBe(404);
      const notFound = await unknown.text();
      expect(notFound).not.toContain('secret456');
      expect(JSON.parse(notFound)).toMatchObject({
        instance: '/v1/nowhere?page=2&Token=[REDACTED]',
        detail: 'Cannot GET /v1/nowhere?page=2&Token=[REDACTED]',
      });

      // An authenticated request that reaches validation (an unknown query parameter: 400).
      const refused = await api.fetch('/v1/clients?password=secret789&limit=5');
      expect(refused.status).toBe(400);
      expect(await refused.text()).not.toContain('secret789');
    } finally {
      expect(await api.stop()).toEqual({ code: 0, signal: null });
      directory.remove();
    }
    // The requests were logged (so the log is the one that could have leaked), without the secrets.
    expect(api.log).toContain('/v1/clients?api_key=[REDACTED]');
    expect(api.log).toContain('/v1/clients?password=[REDACTED]&limit=5');
    for (const secret of ['secret123', 'secret456', 'secret789', OPERATIONS_KEY]) expect(api.log).not.toContain(secret);
  });
});
