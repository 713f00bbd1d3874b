import { type GeneratedClient } from './client-history';
import { httpRequestFor } from './http-route';

/** One call to the API, however it is made (fetch for the demo, supertest in tests). */
export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: object;
}
export type CallApi = (call: ApiCall) => Promise<{ status: number; body: unknown }>;

export interface SeedFailure {
  clientId: string;
  command: string;
  status: number;
  body: unknown;
}

export interface SeedSummary {
  seeded: number;
  /** Already registered (an earlier run): left as they are. */
  skipped: string[];
  commands: number;
  /** A failed command ends its client's seeding: later ones may depend on it. */
  failures: SeedFailure[];
}

export interface SeedOptions {
  /** Clients seeded at once; each client's own commands go one after another, in time order. */
  concurrency: number;
  onClientDone?(summary: SeedSummary): void;
}

/** Sends every client's history through the public API, the way a finance team would have recorded it. */
export async function seedOverHttp(clients: Iterable<GeneratedClient>, callApi: CallApi, options: SeedOptions): Promise<SeedSummary> {
  const summary: SeedSummary = { seeded: 0, skipped: [], commands: 0, failures: [] };
  const seedClient = async (client: GeneratedClient) => {
    const existing = await callApi({ method: 'GET', path: `/v1/clients/${encodeURIComponent(client.clientId)}` });
    if (existing.status === 200) {
      summary.skipped.push(client.clientId);
      return;
    }
    for (const { command } of client.commands) {
      const { status, body } = await callApi(httpRequestFor(command));
      if (status !== 200 && status !== 201) {
        summary.failures.push({ clientId: client.clientId, command: command.type, status, body });
        return;
      }
      summary.commands++;
    }
    summary.seeded++;
  };
  await inPool(clients, options.concurrency, async (client) => {
    await seedClient(client);
    options.onClientDone?.(summary);
  });
  return summary;
}

/** Runs `work` over the items with at most `size` at once, pulling items lazily (a generator of clients works). */
async function inPool<T>(items: Iterable<T>, size: number, work: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: Math.max(1, size) }, worker));
}
