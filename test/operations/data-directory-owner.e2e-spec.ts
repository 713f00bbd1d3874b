import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiChild } from './support/api-child';
import { dataDirectory, invoice, minimalClient, STACK_FRAME } from './support/data-dirs';

/** SPEC 10: one process owns an embedded DATA_DIR; a second start fails naming the owner; a killed owner's lock is free at once. */
describe('one owner per data directory', () => {
  let directory: Awaited<ReturnType<typeof dataDirectory>>;
  const running: ApiChild[] = [];
  beforeAll(async () => (directory = await dataDirectory('owner')));
  afterAll(async () => {
    await Promise.all(running.map((api) => api.stop()));
    directory.remove();
  });

  const start = async () => {
    const api = await ApiChild.start({ DATA_DIR: directory.path });
    running.push(api);
    return api;
  };
  const post = async (api: ApiChild, path: string, body: unknown) => {
    const response = await api.fetch(path, { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(201);
  };
  const invoiceIds = async (api: ApiChild) => {
    const response = await api.fetch('/v1/clients/owner-client');
    expect(response.status).toBe(200);
    return ((await response.json()) as { invoices: { invoiceId: string }[] }).invoices.map((entry) => entry.invoiceId).sort();
  };

  it('refuses a second process within 5 s, keeps every write of the first, and lets a restart take over after a SIGKILL', async () => {
    const first = await start();
    await post(first, '/v1/clients', minimalClient('owner-client'));
    for (const id of ['A-1', 'A-2', 'A-3']) await post(first, '/v1/clients/owner-client/invoices', invoice(id));

    const second = await ApiChild.spawn({ DATA_DIR: directory.path });
    running.push(second);
    const exit = await second.exit(20_000);
    const secondRanMs = Date.now() - second.startedAt;
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(second.log).toMatch(new RegExp(`DATA_DIR ${directory.path} is in use by process ${first.pid} since \\d{4}-\\d\\d-\\d\\dT`));
    expect(second.log).not.toMatch(STACK_FRAME);
    expect(secondRanMs).toBeLessThan(5_000);
    // The lock file names the owner for the next one who asks.
    expect(JSON.parse(readFileSync(join(directory.path, 'settle.lock'), 'utf8'))).toMatchObject({ pid: first.pid });

    // The first process never noticed: it still serves and writes.
    for (const id of ['A-4', 'A-5']) await post(first, '/v1/clients/owner-client/invoices', invoice(id));
    expect(await invoiceIds(first)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);

    // Killed without a chance to clean up: the kernel released its lock, so the next start takes over at once.
    first.signal('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const third = await start();
    expect(third.log).not.toMatch(/in use by process/);
    expect(await invoiceIds(third)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    expect(await third.stop()).toEqual({ code: 0, signal: null });
  });
});
