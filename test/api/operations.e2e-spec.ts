import { startTestApp, type TestApp } from '../support/test-app';

describe('operations: health, OpenAPI, request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('GET /health needs no key and reports the event store', async () => {
    const health = await t.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' } } });
  });

  it('serves the OpenAPI document and UI at /docs with every command route', async () => {
    const document = await t.http.get('/docs-json').expect(200);
    const routes = Object.entries(document.body.paths as Record<string, object>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /v1/clients',
        'GET /v1/clients/{clientId}',
        'PUT /v1/clients/{clientId}/agreement',
        'POST /v1/clients/{clientId}/invoices',
        'POST /v1/clients/{clientId}/invoices/{invoiceId}/credit-notes',
        'POST /v1/clients/{clientId}/invoices/{invoiceId}/write-off',
        'POST /v1/clients/{clientId}/payments',
        'POST /v1/clients/{clientId}/payments/{paymentId}/reversal',
        'POST /v1/clients/{clientId}/interactions',
        'POST /v1/clients/{clientId}/collections/pause',
        'POST /v1/clients/{clientId}/collections/resume',
        'GET /v1/clients/{clientId}/history',
        'GET /v1/clients/{clientId}/history/verify',
        'GET /health',
      ]),
    );
    expect(document.body.components.schemas.RecordPaymentDto.required).toEqual(expect.arrayContaining(['paymentId', 'amount', 'currency']));
    const ui = await t.http.get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers with the caller’s request id, or a new one', async () => {
    const given = await t.http.get('/health').set('X-Request-Id', 'req-123').expect(200);
    expect(given.headers['x-request-id']).toBe('req-123');
    const generated = await t.http.get('/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
