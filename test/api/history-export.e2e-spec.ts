import { get as httpGet, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { streamIdForClient } from '@settle/domain';
import { type EventStore, type ReadStreamOptions, type StoredJsonEvent } from '@settle/event-store';
import { DateTime } from 'luxon';
import type request from 'supertest';
import { EXPORT_CHUNK } from '../../apps/api/src/audit/history.queries';
import { clientHistory, type GeneratedClient, PortfolioRecorder, SeededRandom } from '../../scripts/portfolio';
import { createTestDatabase } from '../support/postgres';
import { startTestApp, TEST_KEYS, type TestApp, type TestAppOptions } from '../support/test-app';

const NOW = '2026-03-02T10:00:00Z';
const CLIENT = 'export-long';
/** More than two chunks: the export's chunk boundaries are crossed twice, and its last chunk is a short one. */
const EVENTS = 2 * EXPORT_CHUNK + 300;
/** The database of the PostgreSQL case. */
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

type ShownEvent = Record<string, unknown>;
interface Page {
  events: ShownEvent[];
  next: { after: string } | null;
}

/** Reads the body as the text it is (supertest parses only the types it knows). */
const asText = (test: request.Test) =>
  test.buffer(true).parse((response, done) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () => done(null, text));
  });

/** A generated client's history recorded through the real write side, appended through the port. */
class RecordedHistory {
  private readonly recorder = new PortfolioRecorder(1);
  private next = 0;

  constructor(
    private readonly client: GeneratedClient,
    private readonly store: EventStore,
  ) {}

  /** Records commands until the stream holds at least `events` more events. */
  async append(events: number): Promise<void> {
    for (let appended = 0; appended < events;) {
      await this.recorder.record(this.client.commands[this.next++]);
      for (const { streamId, events: batch, expected } of this.recorder.drain()) {
        await this.store.append(streamId, batch, expected);
        appended += batch.length;
      }
    }
  }
}

/**
 * `GET …/history/export`: the whole history as NDJSON, streamed a chunk at a time — the same events as
 * the pages, in the same order, as of the same instants; errors before the first line as problem+json,
 * a store failure after it as an incomplete transfer.
 */
describe.each([
  ['embedded PGlite', async (): Promise<TestAppOptions> => ({ now: NOW })],
  ['PostgreSQL', async (): Promise<TestAppOptions> => ({ now: NOW, databaseUrl: (database = await createTestDatabase()).url })],
])('history export (%s)', (_name, storage) => {
  let t: TestApp;
  let history: RecordedHistory;
  /** The recordedAt of the middle event: an instant with events on both sides. */
  let middle: string;
  const exportPath = `/v1/clients/${CLIENT}/history/export`;

  beforeAll(async () => {
    t = await startTestApp(await storage());
    const client = clientHistory({
      clientId: CLIENT,
      personality: 'steady_late_payer',
      random: new SeededRandom('history-export'),
      now: DateTime.fromISO(NOW, { zone: 'utc' }),
      months: 24,
      invoicesPerMonth: 60,
    });
    history = new RecordedHistory(client, t.store);
    await history.append(EVENTS);
    const stored = await t.store.readStream(streamIdForClient(CLIENT));
    middle = String(stored[Math.floor(stored.length / 2)].metadata.recordedAt);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    database = undefined;
  });

  /** The events of every page of 1,000 from the first, following `next`. */
  async function pagedEvents(query = ''): Promise<ShownEvent[]> {
    const events: ShownEvent[] = [];
    for (let after = ''; ;) {
      const page = (await t.as('auditor').get(`/v1/clients/${CLIENT}/history?limit=1000${query}${after}`).expect(200)).body as Page;
      events.push(...page.events);
      if (page.next === null) return events;
      after = `&after=${page.next.after}`;
    }
  }

  /** The export's lines, each parsed; every line, the last one included, ends with a newline. */
  async function exported(query = ''): Promise<{ events: ShownEvent[]; response: request.Response }> {
    const response = await asText(t.as('auditor').get(`${exportPath}${query}`)).expect(200);
    const text = response.body as string;
    expect(text.endsWith('\n')).toBe(true);
    return {
      events: text
        .slice(0, -1)
        .split('\n')
        .map((line) => JSON.parse(line) as ShownEvent),
      response,
    };
  }

  it('is the concatenation of the pages: the same events in the same order, as NDJSON with its caching headers', async () => {
    const { events, response } = await exported();
    expect(events.length).toBeGreaterThan(2 * EXPORT_CHUNK);
    expect(events).toEqual(await pagedEvents());
    expect(events.map((event) => event.revision)).toEqual(events.map((_, revision) => String(revision)));
    expect(response.headers).toMatchObject({
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'private, no-cache',
      'content-disposition': `attachment; filename="history-${CLIENT}.ndjson"`,
      etag: expect.stringMatching(/^W\/"[0-9a-f]{64}"$/),
    });
    expect(response.headers['content-length']).toBeUndefined();
  });

  it('as of an instant is the concatenation of the pages as of that instant', async () => {
    const query = `asOf=${encodeURIComponent(middle)}`;
    const { events } = await exported(`?${query}`);
    expect(events.length).toBeGreaterThan(EXPORT_CHUNK);
    expect(events.length).toBeLessThan(EVENTS);
    expect(events).toEqual(await pagedEvents(`&${query}`));
    const instant = DateTime.fromISO(middle).toMillis();
    expect(events.every((event) => DateTime.fromISO(String((event.metadata as ShownEvent).recordedAt)).toMillis() <= instant)).toBe(true);
  });

  it('reads the store a chunk at a time, never more than a chunk in one read', async () => {
    const reads = jest.spyOn(t.store, 'readStreamJson');
    try {
      await exported();
      const forwards = reads.mock.calls.map(([, options]) => options).filter((options) => options?.direction !== 'backwards');
      expect(forwards.length).toBe(Math.ceil(EVENTS / EXPORT_CHUNK));
      expect(forwards.every((options) => (options?.maxCount ?? Infinity) <= EXPORT_CHUNK)).toBe(true);
    } finally {
      reads.mockRestore();
    }
  });

  it('refuses an unknown client, a client not known yet then, and bad input with problem+json and a stable code', async () => {
    for (const [path, status, code] of [
      ['/v1/clients/nobody/history/export', 404, 'client_not_found'],
      [`${exportPath}?asOf=2020-01-01T00:00:00Z`, 404, 'client_not_found'],
      [`${exportPath}?asOf=yesterday`, 400, 'invalid_input'],
      [`${exportPath}?asOf=1850-01-01T00:00:00Z`, 400, 'invalid_input'],
      [`${exportPath}?asOf=2027-01-01T00:00:00Z`, 422, 'as_of_in_future'],
      ['/v1/clients/not%20an%20id/history/export', 400, 'invalid_input'],
    ] as const) {
      const problem = await t.as('auditor').get(path).expect(status);
      expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
      // Express tags the problem's own body; the export's tag is not given to what is not the export.
      expect(problem.headers.etag ?? '').not.toMatch(/^W\/"[0-9a-f]{64}"$/);
      expect(problem.body).toMatchObject({ status, code });
    }
    await t.http.get(exportPath).expect(401);
  });

  it('answers 304 to its own tag, and anew once the stream has grown', async () => {
    const { response } = await exported();
    const tag = response.headers.etag as string;
    await t.as('auditor').get(exportPath).set('If-None-Match', tag).expect(304);
    const asOfTag = (await exported(`?asOf=${encodeURIComponent(middle)}`)).response.headers.etag as string;
    expect(asOfTag).not.toBe(tag);
    await history.append(1);
    const grown = await asText(t.as('auditor').get(exportPath).set('If-None-Match', tag)).expect(200);
    expect(grown.headers.etag).not.toBe(tag);
    expect((grown.body as string).split('\n').length - 1).toBeGreaterThan(EVENTS);
  });

  it('cuts the connection when the store fails after the first chunk was sent: the transfer is incomplete, never a short whole', async () => {
    const store = t.store;
    const read = store.readStreamJson!.bind(store);
    let forwardReads = 0;
    const failing = jest.spyOn(store, 'readStreamJson').mockImplementation((streamId: string, options?: ReadStreamOptions) => {
      if (options?.direction !== 'backwards' && ++forwardReads === 2)
        return Promise.reject<StoredJsonEvent[]>(new Error('the store failed mid-export'));
      return read(streamId, options);
    });
    try {
      const { response, body, complete } = await rawGet(t.app.getHttpServer() as Server, exportPath);
      expect(response.statusCode).toBe(200);
      expect(forwardReads).toBe(2);
      expect(complete).toBe(false);
      // The first chunk arrived, whole lines; the rest never did.
      const lines = body.split('\n').filter(Boolean);
      expect(lines.length).toBeLessThanOrEqual(EXPORT_CHUNK);
      expect(JSON.parse(lines[0]) as ShownEvent).toMatchObject({ revision: '0' });
    } finally {
      failing.mockRestore();
    }
    // The API goes on answering.
    expect((await exported()).events.length).toBeGreaterThan(EVENTS);
  });

  it('is in the OpenAPI document: NDJSON, with asOf', async () => {
    const { get } = (await t.http.get('/docs-json').expect(200)).body.paths['/v1/clients/{clientId}/history/export'];
    expect((get.parameters as { name: string }[]).map((parameter) => parameter.name)).toEqual(['clientId', 'asOf']);
    expect(Object.keys(get.responses['200'].content)).toEqual(['application/x-ndjson']);
  });
});

/** A GET read to its end or its cut, with whether the transfer was complete (the last chunk of a chunked body arrived). */
async function rawGet(server: Server, path: string): Promise<{ response: IncomingMessage; body: string; complete: boolean }> {
  if (!server.listening) await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const call = httpGet({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${TEST_KEYS.auditor}` } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      // An aborted response emits an error ("aborted") and then closes: what counts is whether it completed.
      response.on('error', () => undefined);
      response.on('close', () => resolve({ response, body, complete: response.complete }));
    });
    call.on('error', reject);
  });
}
