import { knownAt } from '@settle/command-pipeline';
import { streamIdForClient } from '@settle/domain';
import { type RecordedEvent } from '@settle/event-store';
import { DateTime } from 'luxon';
import { createTestDatabase } from '../support/postgres';
import { clientBody, startTestApp, type TestApp, type TestAppOptions } from '../support/test-app';

const CLIENT = 'json-pages';
/** The PostgreSQL case's own database. */
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
/** Between the two halves of the client's history. */
const MIDDLE = '2026-03-20T00:00:00Z';

/** An event as the history showed it when it parsed each event and stringified the page: the reference. */
const asParsed = (event: RecordedEvent) => ({
  position: event.position,
  revision: event.revision.toString(),
  eventId: event.id,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
});

interface Page {
  clientId: string;
  streamId: string;
  events: ReturnType<typeof asParsed>[];
  next: { after: string } | { before: string } | null;
}

/**
 * The history page writes its JSON itself, passing each event's stored data and metadata text through:
 * what a client reads must be what the parsed page said, on both SQL stores.
 */
describe.each([
  ['embedded PGlite', async (): Promise<TestAppOptions> => ({})],
  ['PostgreSQL', async (): Promise<TestAppOptions> => ({ databaseUrl: (database = await createTestDatabase()).url })],
])('history pages written from the stored JSON text (%s)', (_name, storage) => {
  let t: TestApp;
  let stored: RecordedEvent[];

  beforeAll(async () => {
    t = await startTestApp(await storage());
    const contact = { name: 'Zoë Ünïcødé “Ada” \\ O’Brien 😀', email: 'zoe@client.example', preferredChannel: 'email' };
    await t
      .as('clerk')
      .post('/v1/clients')
      .send(
        clientBody(CLIENT, { name: 'Société Générale — 東京 “quoted” \\ back', agreement: { ...clientBody(CLIENT).agreement, contact } }),
      )
      .expect(201);
    for (const [n, amount] of ['90071992547409.93', '1250.00', '0.01', '123456789012.34'].entries()) {
      // The second half of the history is recorded after MIDDLE.
      if (n === 2) t.clock.set('2026-04-10T10:00:00Z');
      await t
        .as('clerk')
        .post(`/v1/clients/${CLIENT}/invoices`)
        .send({ invoiceId: `INV-${n}`, amount, currency: 'EUR', issuedOn: '2026-03-02' })
        .expect(201);
      await t
        .as('clerk')
        .post(`/v1/clients/${CLIENT}/payments`)
        .send({ paymentId: `PAY-${n}`, amount: '0.50', currency: 'EUR' })
        .expect(201);
    }
    stored = await t.store.readStream(streamIdForClient(CLIENT));
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    database = undefined;
  });

  /** Every page from the first, following `next`; each page as the client reads it. */
  async function allPages(query: string): Promise<Page[]> {
    const pages: Page[] = [];
    for (let cursor = ''; ;) {
      const response = await t.as('auditor').get(`/v1/clients/${CLIENT}/history?${query}${cursor}`).expect(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      pages.push(response.body as Page);
      const next = (response.body as Page).next;
      if (next === null) return pages;
      cursor = 'after' in next ? `&after=${next.after}` : `&before=${next.before}`;
    }
  }

  /** The pages the parsed history gave: `limit` events each, `next` naming the last one's revision while more follow. */
  function expectedPages(events: RecordedEvent[], limit: number, order: 'asc' | 'desc'): Page[] {
    const pages: Page[] = [];
    for (let start = 0; start === 0 || start < events.length; start += limit) {
      const shown = events.slice(start, start + limit);
      const last = shown.at(-1)?.revision.toString();
      const more = start + limit < events.length && last !== undefined;
      pages.push({
        clientId: CLIENT,
        streamId: streamIdForClient(CLIENT),
        events: shown.map(asParsed),
        next: more ? (order === 'asc' ? { after: last } : { before: last }) : null,
      });
    }
    return pages;
  }

  it('holds what the test wrote: unicode, nested data, amounts beyond 2^53 as strings', () => {
    expect(stored.length).toBeGreaterThan(9);
    expect(stored[0].data).toMatchObject({
      name: 'Société Générale — 東京 “quoted” \\ back',
      agreement: { contact: { name: 'Zoë Ünïcødé “Ada” \\ O’Brien 😀' }, paymentTerms: { type: 'net', days: 30 } },
    });
    expect(stored.map((event) => event.data)).toContainEqual(expect.objectContaining({ amount: '9007199254740993' }));
  });

  it('pages oldest first and newest first across page boundaries, as the parsed pages did', async () => {
    for (const limit of [1, 3, 4, 1000]) {
      expect(await allPages(`limit=${limit}`)).toEqual(expectedPages(stored, limit, 'asc'));
      expect(await allPages(`order=desc&limit=${limit}`)).toEqual(expectedPages([...stored].reverse(), limit, 'desc'));
    }
  });

  it('pages as known at an instant, as the parsed pages did', async () => {
    const asOf = DateTime.fromISO(MIDDLE);
    const known = stored.filter((event) => knownAt(event, asOf));
    expect(known.length).toBeGreaterThan(2);
    expect(known.length).toBeLessThan(stored.length);
    const instant = encodeURIComponent(MIDDLE);
    expect(await allPages(`limit=2&asOf=${instant}`)).toEqual(expectedPages(known, 2, 'asc'));
    expect(await allPages(`order=desc&limit=2&asOf=${instant}`)).toEqual(expectedPages([...known].reverse(), 2, 'desc'));
  });

  it('answers a page after the last event, an unknown client and a client not yet known then as before', async () => {
    const last = stored.at(-1)!.revision.toString();
    await t
      .as('auditor')
      .get(`/v1/clients/${CLIENT}/history?after=${last}`)
      .expect(200, { clientId: CLIENT, streamId: streamIdForClient(CLIENT), events: [], next: null });
    for (const path of ['/v1/clients/nobody/history', `/v1/clients/${CLIENT}/history?asOf=2026-01-01T00:00:00Z`]) {
      const problem = await t.as('auditor').get(path).expect(404);
      expect(problem.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(problem.body).toMatchObject({ code: 'client_not_found' });
    }
  });

  it('documents the endpoint as it did: the same parameters, with the same schemas, and the same response', async () => {
    const { get } = (await t.http.get('/docs-json').expect(200)).body.paths['/v1/clients/{clientId}/history'];
    const parameters = get.parameters as { name: string; in: string; required: boolean; schema: unknown }[];
    expect(parameters.map((parameter) => [parameter.name, parameter.in, parameter.required, parameter.schema])).toEqual([
      ['clientId', 'path', true, { type: 'string' }],
      ['order', 'query', false, { enum: ['asc', 'desc'], type: 'string' }],
      ['after', 'query', false, { type: 'string' }],
      ['before', 'query', false, { type: 'string' }],
      ['asOf', 'query', false, { $ref: '#/components/schemas/DateTime' }],
      ['limit', 'query', false, {}],
    ]);
    expect(get.responses).toEqual({ '200': { description: '' } });
  });

  it('keeps the entity tag: a repeated read with it is answered 304', async () => {
    const first = await t.as('auditor').get(`/v1/clients/${CLIENT}/history?limit=3`).expect(200);
    expect(first.headers.etag).toBeDefined();
    await t.as('auditor').get(`/v1/clients/${CLIENT}/history?limit=3`).set('If-None-Match', first.headers.etag).expect(304);
  });

  it('names each page by what it shows: a page that grows, or has a newer event on top, is answered anew', async () => {
    const [whole, newest, oldest] = ['limit=1000', 'order=desc&limit=2', 'limit=2'].map(
      (query) => `/v1/clients/${CLIENT}/history?${query}`,
    );
    const tag = async (path: string) => (await t.as('auditor').get(path).expect(200)).headers.etag as string;
    const before = { whole: await tag(whole), newest: await tag(newest), oldest: await tag(oldest) };
    expect(new Set(Object.values(before)).size).toBe(3);
    await t
      .as('clerk')
      .post(`/v1/clients/${CLIENT}/invoices`)
      .send({ invoiceId: 'INV-tagged', amount: '1.00', currency: 'EUR', issuedOn: '2026-03-02' })
      .expect(201);
    const grown = await t.as('auditor').get(whole).set('If-None-Match', before.whole).expect(200);
    expect((grown.body as Page).events.at(-1)).toMatchObject({ type: 'InvoiceIssued', data: { invoiceId: 'INV-tagged' } });
    expect(grown.headers.etag).not.toBe(before.whole);
    await t.as('auditor').get(newest).set('If-None-Match', before.newest).expect(200);
    await t.as('auditor').get(oldest).set('If-None-Match', before.oldest).expect(304);
  });
});
