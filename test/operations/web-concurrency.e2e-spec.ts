import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingMessage, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { ApiChild, OPERATIONS_KEY } from './support/api-child';
import { dataDirectory, invoice, minimalClient } from './support/data-dirs';

interface Answer {
  status: number;
  body: { type?: string };
}

/** One request on a connection of its own: the cluster hands each new connection to one of its processes. */
async function post(api: ApiChild, path: string, body: unknown): Promise<Answer> {
  const payload = JSON.stringify(body);
  const headers = {
    Authorization: `Bearer ${OPERATIONS_KEY}`,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  };
  const response = await new Promise<IncomingMessage>((resolve, reject) =>
    request(`${api.url}${path}`, { method: 'POST', agent: false, headers }, resolve).on('error', reject).end(payload),
  );
  let text = '';
  for await (const chunk of response) text += String(chunk);
  return { status: response.statusCode!, body: JSON.parse(text || '{}') as Answer['body'] };
}

/**
 * SPEC 3.1: a 409 concurrency_conflict (the stream kept moving) is answered before anything is
 * recorded, and sent again with the same id it is recorded once; what a client does.
 */
async function postUntilDecided(api: ApiChild, path: string, body: unknown): Promise<Answer> {
  for (;;) {
    const answer = await post(api, path, body);
    if (answer.status !== 409 || !answer.body.type?.endsWith('concurrency_conflict')) return answer;
  }
}

/** The pino lines of the processes' output. */
const logLines = (api: ApiChild): { pid: number; msg: string; req?: { url: string } }[] =>
  api.log
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { pid: number; msg: string; req?: { url: string } });

const PAYMENTS = 30;

describe('WEB_CONCURRENCY=2 on PostgreSQL: two API processes on one port', () => {
  let database: TestDatabase;
  let dataDir: string;
  let api: ApiChild | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    // Postgres mode keeps nothing in DATA_DIR; a directory of its own all the same, not ./data.
    dataDir = mkdtempSync(join(tmpdir(), 'settle-web-concurrency-'));
    api = await ApiChild.start({ DATABASE_URL: database.url, DATA_DIR: dataDir, WEB_CONCURRENCY: '2', RUN_WORKERS: 'true' });
    // /health answered by one of them; both before the test writes.
    for (let waited = 0; (api.log.match(/listening on/g) ?? []).length < 2; waited += 100) {
      if (waited > 60_000) throw new Error(`The second API process did not start:\n${api.log.slice(-3000)}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  });
  afterAll(async () => {
    await api?.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records concurrent payments to one client from both processes exactly once, repeats included', async () => {
    const clientId = 'shared';
    expect((await post(api!, '/v1/clients', minimalClient(clientId))).status).toBe(201);
    expect((await post(api!, `/v1/clients/${clientId}/invoices`, { ...invoice('INV-1'), amount: '1000.00' })).status).toBe(201);

    // Every payment sent twice at once (one idempotency key), all of them together, each on its own connection.
    const sends = Array.from({ length: PAYMENTS }, (_, index) => ({
      paymentId: `P-${index + 1}`,
      amount: '1.00',
      currency: 'EUR',
    })).flatMap((payment) => [payment, payment]);
    const answers = await Promise.all(sends.map((payment) => postUntilDecided(api!, `/v1/clients/${clientId}/payments`, payment)));

    // Per payment: one 201 (recorded) and one 200 (the same command, already recorded); no 500, no other refusal.
    const statusesByPayment = new Map<string, number[]>();
    sends.forEach((payment, index) =>
      statusesByPayment.set(payment.paymentId, [...(statusesByPayment.get(payment.paymentId) ?? []), answers[index].status].sort()),
    );
    expect([...new Set([...statusesByPayment.values()].map((statuses) => statuses.join(',')))]).toEqual(['200,201']);

    // Both processes served them.
    const servedBy = new Set(
      logLines(api!)
        .filter((line) => line.req?.url.endsWith('/payments'))
        .map((line) => line.pid),
    );
    expect(servedBy.size).toBe(2);

    // Each payment is in the stream once; the hash chain holds across both writers.
    const history = await readEvents(
      database.url,
      `select metadata->>'commandId' as command from events where stream_id = $1 and type = 'PaymentReceived'`,
      [`client-${clientId}`],
    );
    expect(history.map((row) => row.command).sort()).toEqual(
      sends
        .filter((_, index) => index % 2 === 0)
        .map((payment) => `RecordPayment:${payment.paymentId}`)
        .sort(),
    );
    const verified = await fetch(`${api!.url}/v1/clients/${clientId}/history/verify`, {
      headers: { Authorization: `Bearer ${OPERATIONS_KEY}` },
    });
    expect(await verified.json()).toEqual({ valid: true, events: 2 + 2 * PAYMENTS });
  });

  it('runs the background work in one process: one holder of each advisory lock, the other on standby', async () => {
    const collections = logLines(api!).filter((line) => /^(Running the collections process|Collections process on standby)/.test(line.msg));
    expect(collections.filter((line) => line.msg.startsWith('Running')).length).toBe(1);
    // Each lease (projections, collections) held by one session; the other process polls for it.
    const leases = await readEvents(
      database.url,
      `select objid::text as lease, count(*)::int as holders from pg_locks
        where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())
        group by objid`,
      [],
    );
    expect(leases.length).toBeGreaterThanOrEqual(2);
    expect(leases.every((lease) => lease.holders === 1)).toBe(true);
    const lockSessions = await readEvents(
      database.url,
      `select count(*)::int as sessions from pg_stat_activity where application_name like 'settle lock %'`,
      [],
    );
    // Two per lease: the holder's and the standby's (polling pg_try_advisory_lock).
    expect(lockSessions[0].sessions).toBe(2 * leases.length);
  });

  it('stops both on SIGTERM and exits 0', async () => {
    const exit = await api!.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    api = undefined;
  });
});

describe('WEB_CONCURRENCY on PGlite (embedded mode)', () => {
  it('runs one process and says why', async () => {
    const directory = await dataDirectory('web-concurrency');
    const api = await ApiChild.start({ DATA_DIR: directory.path, WEB_CONCURRENCY: '4' });
    try {
      expect(api.log).toContain('WEB_CONCURRENCY=4 needs postgres mode');
      expect((await api.fetch('/v1/clients', { method: 'POST', body: JSON.stringify(minimalClient('solo')) })).status).toBe(201);
      expect(api.log.match(/listening on/g)).toHaveLength(1);
    } finally {
      await api.stop();
      directory.remove();
    }
  });
});

async function readEvents(url: string, text: string, params: unknown[]): Promise<Record<string, string & number>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Record<string, string & number>[];
  } finally {
    await client.end();
  }
}
