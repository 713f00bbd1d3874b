import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon, { type Result } from 'autocannon';
import { type ClientAccountCommand } from '@settle/domain';
import { type GeneratedClient, seedOverHttp } from '../scripts/portfolio';
import { ApiProcess, BENCH_KEY } from './support/api-process';
import { type BenchContext } from './support/context';
import { atLeast, below, count, megabytes, millis, perSecond } from './support/figures';
import { benchCommand, type StoreName } from './support/options';
import { postgresCpuSeconds, processCpuSeconds, processMemory, resetPeakRss, RssSampler } from './support/proc-stats';

const NOW = '2026-03-02T10:00:00Z';
const STORE_NAMES: Partial<Record<StoreName, string>> = { pglite: 'PGlite (embedded)', postgres: 'PostgreSQL' };
const PAYMENT_GOALS: Partial<Record<StoreName, number>> = { pglite: 1500, postgres: 3000 };

/**
 * 1 and 6: payments recorded over HTTP by the API process (`node dist/apps/api/src/main.js`, default
 * log level) at a fixed number of connections, with autocannon in this process; the API's RSS is
 * sampled meanwhile. Every client has one large open invoice, so each payment is a PaymentReceived
 * and a PaymentAllocated appended with the hash chain. WEB_CONCURRENCY in the bench's environment is
 * passed on (PostgreSQL only: the API runs that many processes on one port).
 */
export async function httpPaymentsBench(context: BenchContext): Promise<void> {
  const stores = context.options.stores.filter((store): store is 'pglite' | 'postgres' => store === 'pglite' || store === 'postgres');
  await context.forEachStore(stores, (store) => onStore(context, store));
}

async function onStore(context: BenchContext, store: 'pglite' | 'postgres'): Promise<void> {
  const { clients, warmupSeconds, seconds, connections } = context.sizes.http;
  const databaseUrl = store === 'postgres' ? await context.postgres.createDatabase('settle_bench_http') : undefined;
  const storage: Record<string, string> = databaseUrl
    ? { DATABASE_URL: databaseUrl }
    : { DATA_DIR: (await context.pglite.dataDir('http')).dataDir };
  const processes = databaseUrl ? Number(process.env.WEB_CONCURRENCY ?? 1) : 1;
  const api = await ApiProcess.start({ ...storage, NOW, WEB_CONCURRENCY: String(processes) }, context.workDirectory, `http-${store}`);
  try {
    const clientIds = await prepareClients(api, clients);
    // Several processes: the primary only forks; the CPU is theirs and its, the memory one serving process's.
    const serving = processes > 1 ? childrenOf(api.pid) : [api.pid];
    const apiCpuSeconds = () => [api.pid, ...childrenOf(api.pid)].reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
    const idle = processMemory(serving[0]).rssBytes;
    if (warmupSeconds > 0) await pay(api, clientIds, 'WARM', warmupSeconds, connections);
    const peakReset = resetPeakRss(serving[0]);
    const sampler = new RssSampler(serving[0]);
    sampler.start();
    api.measuring();
    // The server's own CPU, where it runs apart from the API: what a payment costs in all.
    const serverCpu = databaseUrl ? () => postgresCpuSeconds(Number(new URL(databaseUrl).port)) : undefined;
    const serverCpuBefore = serverCpu?.();
    const cpuBefore = apiCpuSeconds();
    const loadBefore = process.cpuUsage();
    const result = await pay(api, clientIds, 'RUN', seconds, connections);
    const cpuPerPayment = ((apiCpuSeconds() - cpuBefore) * 1000) / Math.max(1, result['2xx']);
    const load = process.cpuUsage(loadBefore);
    const loadCpuPerPayment = (load.user + load.system) / 1000 / Math.max(1, result['2xx']);
    const serverCpuPerPayment = serverCpu && ((serverCpu() - serverCpuBefore!) * 1000) / Math.max(1, result['2xx']);
    const peak = sampler.stop(peakReset ? processMemory(serving[0]).peakRssBytes : undefined);
    // A refused payment is a broken benchmark; requests that time out (10 s) under overload are a result, reported.
    if (result.non2xx > 0 || result['2xx'] === 0) {
      throw new Error(
        `${result.non2xx} non-2xx answers, ${result['2xx']} recorded (${JSON.stringify(result.statusCodeStats)}); see ${api.logFile}`,
      );
    }

    const name = STORE_NAMES[store]!;
    const command = `${processes > 1 ? `WEB_CONCURRENCY=${processes} ` : ''}${benchCommand('http', store)}`;
    const recordedPerSecond = result['2xx'] / result.duration;
    Object.assign(context.measured[store], { paymentsPerSecond: recordedPerSecond, paymentsP99Ms: result.latency.p99 });
    context.record({
      section: 'http',
      label: `${name}: recorded payments per second (${connections} connections, ${seconds} s${processes > 1 ? `, WEB_CONCURRENCY=${processes}` : ''})`,
      value: perSecond(recordedPerSecond, 'payments'),
      goal: atLeast(recordedPerSecond, PAYMENT_GOALS[store]!, '/s'),
      command,
      note: `${count(result['2xx'])} payments in ${result.duration.toFixed(1)} s over ${clients} clients${result.errors > 0 ? `; ${result.errors} requests failed or timed out (10 s)` : ''}`,
    });
    context.record({ section: 'http', label: `${name}: latency p50`, value: millis(result.latency.p50), command });
    context.record({
      section: 'http',
      label: `${name}: latency p99`,
      value: millis(result.latency.p99),
      goal: below(result.latency.p99, 50, 'ms'),
      command,
    });
    context.record({
      section: 'http',
      label: `${name}: API process CPU time per recorded payment`,
      value: millis(cpuPerPayment),
      command,
      note: `user + system time of the API process${processes > 1 ? ` and its ${processes} serving processes` : ''} over the run ÷ payments: ${count(1000 / cpuPerPayment)} payments/s per fully used core`,
    });
    context.record({
      section: 'http',
      label: `${name}: load generator CPU time per recorded payment`,
      value: millis(loadCpuPerPayment),
      command,
      note: 'autocannon, in the bench process, on the same cores',
    });
    if (serverCpuPerPayment !== undefined) {
      context.record({
        section: 'http',
        label: `${name}: PostgreSQL server CPU time per recorded payment`,
        value: millis(serverCpuPerPayment),
        command,
        note: `all server processes; with the API's: ${count((cpus().length * 1000) / (cpuPerPayment + serverCpuPerPayment))} payments/s if the ${cpus().length} cores did nothing else`,
      });
    }
    context.record({
      section: 'rss',
      label: `${name}: API process peak RSS under that load`,
      value: megabytes(peak),
      command,
      note: `${processes > 1 ? `one of ${processes} serving processes; ` : ''}${megabytes(idle)} before the load; ${peakReset ? 'VmHWM reset before the run, and sampled every 100 ms' : 'sampled every 100 ms'}`,
    });
  } finally {
    await api.stop();
  }
}

/** Clients in EUR with one invoice far larger than every payment the run can make. */
async function prepareClients(api: ApiProcess, clients: number): Promise<string[]> {
  const prepared: GeneratedClient[] = Array.from({ length: clients }, (_, index) => {
    const clientId = `http-${index + 1}`;
    const commands: ClientAccountCommand[] = [
      {
        type: 'RegisterClient',
        data: {
          clientId,
          name: `HTTP bench ${index + 1}`,
          currency: 'EUR',
          agreement: { contact: { name: 'Ada', email: 'ada@client.example', preferredChannel: 'email' } },
        },
      },
      { type: 'IssueInvoice', data: { clientId, invoiceId: 'INV-1', amount: '100000000.00', currency: 'EUR', issuedOn: '2026-02-01' } },
    ];
    return {
      clientId,
      name: clientId,
      personality: 'good_payer',
      currency: 'EUR',
      commands: commands.map((command) => ({ at: NOW, command })),
    };
  });
  const summary = await seedOverHttp(prepared, api.callApi, { concurrency: 16 });
  if (summary.failures.length > 0) throw new Error(`Preparing the clients failed: ${JSON.stringify(summary.failures[0])}`);
  return prepared.map((client) => client.clientId);
}

/** Payments of 1.00 with unique ids, round robin over the clients, for `seconds`. */
function pay(api: ApiProcess, clientIds: readonly string[], run: string, seconds: number, connections: number): Promise<Result> {
  let sequence = 0;
  return autocannon({
    url: api.url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const number = sequence++;
          return {
            ...request,
            path: `/v1/clients/${clientIds[number % clientIds.length]}/payments`,
            body: JSON.stringify({ paymentId: `${run}-${number}`, amount: '1.00', currency: 'EUR' }),
          };
        },
      },
    ],
  });
}

/** The processes `pid` started (Linux /proc): a cluster's serving processes. */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
}
