import { Agent, type ClientRequest, type IncomingMessage, request } from 'node:http';
import { ApiChild, OPERATIONS_KEY } from './support/api-child';
import { dataDirectory, invoice, minimalClient } from './support/data-dirs';

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** One HTTP request over `agent` (kept-alive connections): `end` sends it whole; `hold` sends the headers and half the body, `finish` the rest. */
function send(api: ApiChild, agent: Agent, method: string, path: string, body?: unknown) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  let sent!: ClientRequest;
  const answer = new Promise<Answer>((resolve, reject) => {
    sent = request(
      `${api.url}${path}`,
      {
        method,
        agent,
        headers: {
          Authorization: `Bearer ${OPERATIONS_KEY}`,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
  });
  return {
    answer,
    hold: () => sent.write(payload.slice(0, payload.length >> 1)),
    finish: () => sent.end(payload.slice(payload.length >> 1)),
    end: () => sent.end(payload),
  };
}

function ask(api: ApiChild, agent: Agent, method: string, path: string): Promise<Answer> {
  const call = send(api, agent, method, path);
  call.end();
  return call.answer;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/** SPEC 10: SIGTERM drains the requests in flight (kept-alive connections too), refuses new ones with 503, then exits 0. */
describe('SIGTERM drains the API', () => {
  let directory: Awaited<ReturnType<typeof dataDirectory>>;
  let api: ApiChild | undefined;
  beforeAll(async () => (directory = await dataDirectory('drain')));
  afterAll(async () => {
    await api?.stop();
    directory.remove();
  });

  it('answers every request in flight, refuses later ones with 503 or at the door, exits 0 and keeps every acknowledged write', async () => {
    api = await ApiChild.start({ DATA_DIR: directory.path });
    expect((await api.fetch('/v1/clients', { method: 'POST', body: JSON.stringify(minimalClient('drain')) })).status).toBe(201);

    // Requests in flight at the signal, each on a connection kept alive from an earlier request: the
    // body is half sent, so they stay in flight as long as the test wants.
    const held = await Promise.all(
      Array.from({ length: 5 }, async (_, index) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        expect((await ask(api!, agent, 'GET', '/health')).status).toBeLessThan(600);
        const slow = send(api!, agent, 'POST', '/v1/clients/drain/invoices', invoice(`HELD-${index}`));
        slow.hold();
        return slow;
      }),
    );
    // A connection kept alive and idle at the signal.
    const idle = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await ask(api, idle, 'GET', '/health')).status).toBeLessThan(600);
    // And a burst over ten kept-alive connections, running when the signal comes. The connections are
    // opened first: one still in the listen backlog when the listener closes is reset by the kernel, a
    // request the server never saw.
    const burstAgent = new Agent({ keepAlive: true, maxSockets: 10 });
    await Promise.all(Array.from({ length: 10 }, () => ask(api!, burstAgent, 'GET', '/health')));
    expect(Object.values(burstAgent.freeSockets).flat()).toHaveLength(10);
    const burst = Array.from({ length: 150 }, (_, index) => {
      const call = send(api!, burstAgent, 'POST', '/v1/clients/drain/invoices', invoice(`BURST-${index}`));
      call.end();
      return call.answer.then(
        (answer) => answer,
        (error: unknown) => errorCode(error),
      );
    });
    await new Promise((done) => setTimeout(done, 300));

    api.signal('SIGTERM');
    // The drain has begun once the door is shut: a new connection is refused.
    for (let refused = false; !refused;) {
      refused = await fetch(`${api.url}/health`).then(
        () => false,
        (error: unknown) => errorCode((error as { cause?: unknown }).cause) === 'ECONNREFUSED',
      );
      if (!refused) await new Promise((done) => setTimeout(done, 20));
    }

    // A request on the idle kept-alive connection while draining: 503 problem+json, and the connection is closed.
    const late = await ask(api, idle, 'GET', '/v1/clients');
    expect(late.status).toBe(503);
    expect(late.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(late.headers.connection).toBe('close');
    expect(JSON.parse(late.body)).toMatchObject({ status: 503, code: 'shutting_down' });

    // The requests in flight complete; their connections are closed after the answer, not reset.
    held.forEach((slow) => slow.finish());
    for (const answer of await Promise.all(held.map((slow) => slow.answer))) {
      expect(answer.status).toBe(201);
      expect(answer.headers.connection).toBe('close');
    }
    const outcomes = await Promise.all(burst);
    const unexpected = outcomes.filter((outcome) =>
      typeof outcome === 'string' ? outcome !== 'ECONNREFUSED' : ![201, 503].includes(outcome.status),
    );
    expect(unexpected).toEqual([]);
    const acknowledged = outcomes.flatMap((outcome, index) =>
      typeof outcome !== 'string' && outcome.status === 201 ? [`BURST-${index}`] : [],
    );
    expect(acknowledged.length).toBeGreaterThan(0);

    expect(await api.exit(30_000)).toEqual({ code: 0, signal: null });

    // Every write answered 201 is there after a restart.
    api = await ApiChild.start({ DATA_DIR: directory.path });
    const account = (await (await api.fetch('/v1/clients/drain')).json()) as { invoices: { invoiceId: string }[] };
    const stored = account.invoices.map((entry) => entry.invoiceId);
    expect(stored).toEqual(expect.arrayContaining([...held.map((_, index) => `HELD-${index}`), ...acknowledged]));
    expect(await api.stop()).toEqual({ code: 0, signal: null });
    api = undefined;
  }, 180_000);
});
