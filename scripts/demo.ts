import { DateTime } from 'luxon';
import { awaitViews, type CallApi, httpApi, generatePortfolio, type Personality, PERSONALITY_LABELS, seedOverHttp } from './portfolio';

/**
 * `npm run demo`: fills a running Settle (`npm start`) with a realistic portfolio through the public
 * API, then shows where to look: the riskiest clients and the collectors' worklist.
 *
 *   SETTLE_KEY=settle_… npm run demo                      # the admin key printed at first start
 *   SETTLE_URL=http://host:3000 SETTLE_KEY=… npm run demo -- --clients=300 --seed=demo --concurrency=8
 *
 * The history ends now. A server started with a fixed clock (NOW=…) needs the same NOW here.
 */

interface DemoOptions {
  url: string;
  key: string;
  clients: number;
  seed: string;
  concurrency: number;
  now: DateTime;
}

function options(argv: readonly string[], env: NodeJS.ProcessEnv): DemoOptions {
  const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const key = flag('key') ?? env.SETTLE_KEY;
  if (!key) {
    throw new Error('Set SETTLE_KEY to an admin API key (npm start prints one at first start), or pass --key=…');
  }
  const now = env.NOW ? DateTime.fromISO(env.NOW, { setZone: true }) : DateTime.utc();
  if (!now.isValid) throw new Error(`NOW must be an ISO instant, got ${env.NOW}`);
  return {
    url: (flag('url') ?? env.SETTLE_URL ?? 'http://localhost:3000').replace(/\/$/, ''),
    key,
    // A couple of hundred: about 25,000 commands, some two minutes on the embedded store of a small machine.
    clients: Number(flag('clients') ?? 200),
    seed: flag('seed') ?? 'demo',
    concurrency: Number(flag('concurrency') ?? 8),
    now: now.toUTC(),
  };
}

/** Waits a little for a service that is still starting (`npm start & npm run demo`). */
async function untilAnswering(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await fetch(`${url}/health`).catch(() => undefined);
    if (health?.ok) return;
    if (Date.now() > deadline) throw new Error(`Settle does not answer at ${url}: start it first (npm start), or set SETTLE_URL`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** What to do when the API refuses the key: the demo stops there rather than report every client as failed. */
const KEY_REFUSED: Record<number, (url: string) => string> = {
  401: (url) =>
    `${url} does not accept SETTLE_KEY (401): use the admin key \`npm start\` printed at its first start, or an admin entry of API_KEYS (name:admin:secret). A lost generated key: stop Settle, delete DATA_DIR/admin-key.json and start it again: it prints a new one.`,
  403: (url) =>
    `SETTLE_KEY's role may not do what the demo does (403): it registers clients, records invoices and payments and runs the collections cycle, which takes an admin key. Use the key \`npm start\` printed at its first start, or an admin entry of API_KEYS, at ${url}.`,
};

/** Stops at the first 401 or 403 with what to do instead. */
const stoppingWhenRefused =
  (callApi: CallApi, url: string): CallApi =>
  async (call) => {
    const answer = await callApi(call);
    const refused = KEY_REFUSED[answer.status];
    if (refused) throw new Error(`${call.method} ${call.path} answered ${answer.status}. ${refused(url)}`);
    return answer;
  };

/** The key's name and role, checked before anything is sent: only an admin key can run the whole demo. */
async function checkKey(callApi: CallApi): Promise<void> {
  const me = await callApi({ method: 'GET', path: '/v1/me' });
  const { name, role } = me.body as { name: string; role: string };
  if (role !== 'admin') throw new Error(`SETTLE_KEY is ${name}'s, a ${role} key. ${KEY_REFUSED[403]('the API')}`);
}

const labelOf = (personality: Personality | undefined) => (personality ? PERSONALITY_LABELS[personality] : '');

const table = (rows: string[][]) => {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`).join('\n');
};

async function main(): Promise<void> {
  const demo = options(process.argv.slice(2), process.env);
  const callApi = stoppingWhenRefused(httpApi(demo.url, demo.key), demo.url);
  await untilAnswering(demo.url);
  await checkKey(callApi);

  const portfolio = generatePortfolio({ clients: demo.clients, now: demo.now, seed: demo.seed, prefix: demo.seed });
  const personalityOf = new Map(portfolio.clients.map((client) => [client.clientId, client.personality]));
  const commands = portfolio.clients.reduce((sum, client) => sum + client.commands.length, 0);
  process.stdout.write(`Seeding ${demo.clients} clients (${commands} commands, 24 months up to ${portfolio.now}) into ${demo.url} …\n`);
  const started = Date.now();
  let done = 0;
  const summary = await seedOverHttp(portfolio.clients, callApi, {
    concurrency: demo.concurrency,
    onClientDone: (progress) => {
      if (++done % 10 !== 0 && done !== demo.clients) return;
      const perSecond = progress.commands / ((Date.now() - started) / 1000);
      const left = Math.round((commands - progress.commands) / perSecond / 60);
      process.stdout.write(
        `  ${done}/${demo.clients} clients, ${progress.commands} commands (${Math.round(perSecond)}/s, about ${left} min to go)\n`,
      );
    },
  });
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(`Recorded ${summary.commands} commands in ${seconds.toFixed(0)} s (${Math.round(summary.commands / seconds)}/s).\n`);
  if (summary.skipped.length > 0)
    process.stdout.write(`${summary.skipped.length} clients were there already (an earlier demo run) and were left as they are.\n`);
  for (const failure of summary.failures.slice(0, 5)) {
    process.stdout.write(`  ! ${failure.clientId}: ${failure.command} answered ${failure.status} ${JSON.stringify(failure.body)}\n`);
  }

  const cycle = await callApi({ method: 'POST', path: '/v1/admin/collections/run', body: {} });
  process.stdout.write(`Collections cycle: ${cycle.status === 200 ? JSON.stringify(cycle.body) : `answered ${cycle.status}`}\n`);
  await awaitViews(callApi);

  const riskiest = await callApi({ method: 'GET', path: '/v1/clients?sort=-riskScore&limit=10' });
  const clients = (
    riskiest.body as {
      clients: {
        clientId: string;
        name: string;
        riskScore: number;
        riskLevel: string;
        trend: { direction: string };
        overdue: string;
        currency: string;
      }[];
    }
  ).clients;
  process.stdout.write(
    `\nThe riskiest clients (GET /v1/clients?sort=-riskScore):\n${table([
      ['client', 'name', 'risk', 'trend', 'overdue', 'generated as'],
      ...clients.map((client) => [
        client.clientId,
        client.name,
        `${client.riskScore} ${client.riskLevel}`,
        client.trend.direction,
        `${client.overdue} ${client.currency}`,
        labelOf(personalityOf.get(client.clientId)),
      ]),
    ])}\n`,
  );

  const worklist = await callApi({ method: 'GET', path: '/v1/collections/worklist?limit=10' });
  const items = (
    worklist.body as {
      items: { clientId: string; name: string; goingSouth: boolean; riskLevel: string; level: string; actions: { code: string }[] }[];
    }
  ).items;
  process.stdout.write(
    `\nToday's worklist, most urgent first (GET /v1/collections/worklist):\n${table([
      ['client', 'name', 'going south', 'risk', 'collections level', 'actions'],
      ...items.map((item) => [
        item.clientId,
        item.name,
        item.goingSouth ? 'yes' : '',
        item.riskLevel,
        item.level,
        item.actions.map((action) => action.code).join(', '),
      ]),
    ])}\n`,
  );

  const example = clients[0]?.clientId ?? `${demo.seed}-00001`;
  process.stdout.write(`
Look further (KEY is your SETTLE_KEY):
  curl -s -H "Authorization: Bearer $KEY" '${demo.url}/v1/clients?riskLevel=high,critical&trend=deteriorating&sort=-overdue'
  curl -s -H "Authorization: Bearer $KEY" ${demo.url}/v1/clients/${example}/solvency            # why this client is risky: the factors
  curl -s -H "Authorization: Bearer $KEY" ${demo.url}/v1/clients/${example}/payment-behavior     # trend, PAYDEX, aging, promises, engagement
  curl -s -H "Authorization: Bearer $KEY" ${demo.url}/v1/clients/${example}/collections          # the collections case and its next step
  curl -s -H "Authorization: Bearer $KEY" '${demo.url}/v1/clients/${example}/history?limit=20'   # the events behind it all
  curl -s -H "Authorization: Bearer $KEY" '${demo.url}/v1/reports/aging?currency=EUR'
  curl -s -H "Authorization: Bearer $KEY" '${demo.url}/v1/reports/dso?currency=EUR&months=6'
API docs: ${demo.url}/docs

Open the app: ${demo.url}/ (sign in with your SETTLE_KEY)
`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
