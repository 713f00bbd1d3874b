import { PGlite } from '@electric-sql/pglite';
import { createPgliteEventStore, pgliteSqlClient } from '@settle/event-store';
import { DateTime } from 'luxon';
import { type Browser, type Page } from 'playwright-core';
import { awaitViews, clientHistory, generateClients, SeededRandom } from '../scripts/portfolio';
import { get } from './dataset.bench';
import { ApiProcess, BENCH_KEY } from './support/api-process';
import { chromiumMissing, launchChromium } from './support/chromium';
import { type BenchContext } from './support/context';
import { below, count, millis, seconds } from './support/figures';
import { benchCommand } from './support/options';
import { seedClients, seedLongHistory, sqlTarget } from './support/seed-store';
import { median, timeRuns } from './support/stats';

const NOW = DateTime.fromISO('2026-03-02T10:00:00Z', { zone: 'utc' });
const LONG_CLIENT = 'bench-timeline';
/** The goal for every first page: on screen within a second. */
const GOAL_MS = 1000;
/** The request the portfolio page makes first (apps/web/src/portfolio), and the API's largest page. */
const PORTFOLIO_FIRST_PAGE = '/v1/clients?limit=25&offset=0&sort=-riskScore';
const PORTFOLIO_MAX_PAGE = 1000;
/** The request the timeline makes first (apps/web/src/client/timeline.tsx). */
const TIMELINE_FIRST_PAGE = `/v1/clients/${LONG_CLIENT}/history?order=desc&limit=50`;
const HISTORY_MAX_PAGE = 1000;
const LONG_WAIT_MS = 3_600_000;

/** `first` as a share of `limit` (the goal, or a whole read measured in this run). */
const ratio = (first: number, limit: number, what: string) => `${((100 * first) / limit).toFixed(1)} % of ${what} (${millis(limit)})`;
const requests = (items: number, page: number) => {
  const made = Math.max(1, Math.ceil(items / page));
  return `${made} request${made === 1 ? '' : 's'} of up to ${count(page)}`;
};

/**
 * 8: what a user waits for before the first screen, on the embedded store — the portfolio's first page
 * among 10,000 clients and the newest page of a 10,000-event timeline — through the API and, when
 * Chromium is here, in the real app (navigation until the first row shows). Each first page is set
 * against a limit measured in the same run: the 1 s goal, and reading everything it pages.
 */
export async function firstPagesBench(context: BenchContext): Promise<void> {
  if (!context.options.stores.includes('pglite')) {
    context.log('pages: measured on the embedded store only (PGlite), which --stores leaves out');
    return;
  }
  const command = benchCommand('pages', 'pglite');
  const dataDir = await seed(context);
  const started = performance.now();
  const api = await ApiProcess.start(
    { DATA_DIR: dataDir, NOW: NOW.toISO()!, COLLECTIONS_SCHEDULE: 'off' },
    context.workDirectory,
    'pages',
    LONG_WAIT_MS,
  );
  try {
    await awaitViews(api.callApi, LONG_WAIT_MS, 250);
    context.log(`pages: the API answers, its views built from zero, after ${seconds(performance.now() - started)}`);
    const fullPortfolio = await portfolioThroughApi(context, api, command);
    const fullHistory = await timelineThroughApi(context, api, command);
    const missing = chromiumMissing();
    if (missing) {
      context.log(`pages: the in-app figures are SKIPPED (${missing}); the API figures stand`);
      return;
    }
    const browser = await launchChromium();
    try {
      await inTheApp(context, browser, api, command, { fullPortfolio, fullHistory });
    } finally {
      await browser.close();
    }
  } finally {
    await api.stop();
  }
}

/** 10,000 short client histories and one long one, through the real write side into a fresh DATA_DIR. */
async function seed(context: BenchContext): Promise<string> {
  const { clients, months, chunkClients, historyEvents } = context.sizes.pages;
  const { dataDir, databaseDir } = await context.pglite.dataDir('pages');
  const db = await PGlite.create(databaseDir);
  const store = await createPgliteEventStore(db);
  try {
    const target = [sqlTarget(pgliteSqlClient(db))];
    const started = performance.now();
    const portfolio = await seedClients(generateClients({ clients, months, now: NOW, seed: 'pages', prefix: 'pages' }), target, {
      chunkClients,
    });
    const long = clientHistory({
      clientId: LONG_CLIENT,
      personality: 'steady_late_payer',
      random: new SeededRandom('pages-long'),
      now: NOW,
      months: 24,
      invoicesPerMonth: 60,
    });
    const history = await seedLongHistory(long, target, historyEvents);
    context.log(
      `pages: ${count(portfolio.clients)} clients (${count(portfolio.events)} events) and ${LONG_CLIENT} with ${count(history.events)} events in ${seconds(performance.now() - started)}`,
    );
    return dataDir;
  } finally {
    await store.dispose();
    await db.close();
  }
}

/** The first page against the whole list (pages of 1,000). Returns the whole list's median read. */
async function portfolioThroughApi(context: BenchContext, api: ApiProcess, command: string): Promise<number> {
  const { runs, wholeRuns } = context.sizes.pages;
  let clients = 0;
  const everyClient = async () => {
    clients = 0;
    for (let offset = 0; ; offset += PORTFOLIO_MAX_PAGE) {
      const page = (await get(api.callApi, `/v1/clients?limit=${PORTFOLIO_MAX_PAGE}&offset=${offset}`)) as {
        clients: unknown[];
        total: number;
      };
      clients += page.clients.length;
      if (offset + PORTFOLIO_MAX_PAGE >= page.total) return;
    }
  };
  const firstPage = () => get(api.callApi, PORTFOLIO_FIRST_PAGE).then(() => undefined);
  // The first read after the start decodes every client's facts, which later reads reuse (ClientFactsReader).
  const [afterStart] = await timeRuns(1, firstPage);
  await everyClient();
  // The API's own CPU per first page: what the page costs on an idle machine, whatever the load on this one.
  const cpuBefore = api.cpuSeconds();
  const first = median(await timeRuns(runs, firstPage));
  const cpuPerPage = ((api.cpuSeconds() - cpuBefore) * 1000) / runs;
  const whole = median(await timeRuns(wholeRuns, everyClient));
  context.record({
    section: 'pages',
    label: `API: the portfolio's first page among ${count(clients)} clients (GET ${PORTFOLIO_FIRST_PAGE})`,
    value: `${millis(first)} = ${ratio(first, GOAL_MS, 'the goal')}`,
    goal: below(first, GOAL_MS, 'ms'),
    command,
    note: `median of ${runs} runs, each ${millis(cpuPerPage)} of the API's CPU; the first page is ${ratio(first, whole, `the whole list, ${requests(clients, PORTFOLIO_MAX_PAGE)}, median of ${wholeRuns}`)}; the first request after the start (every client decoded) ${millis(afterStart)}`,
  });
  return whole;
}

/** The newest page against reading the whole history, and the verification the old timeline waited for. */
async function timelineThroughApi(context: BenchContext, api: ApiProcess, command: string): Promise<number> {
  const { runs, wholeRuns } = context.sizes.pages;
  let events = 0;
  const wholeHistory = async () => {
    events = 0;
    for (let after: string | undefined; ;) {
      const path = `/v1/clients/${LONG_CLIENT}/history?limit=${HISTORY_MAX_PAGE}${after === undefined ? '' : `&after=${after}`}`;
      const page = (await get(api.callApi, path)) as { events: unknown[]; next: { after: string } | null };
      events += page.events.length;
      if (!page.next) return;
      after = page.next.after;
    }
  };
  const firstPage = () => get(api.callApi, TIMELINE_FIRST_PAGE).then(() => undefined);
  const verify = () => get(api.callApi, `/v1/clients/${LONG_CLIENT}/history/verify`).then(() => undefined);
  await wholeHistory(); // warm-up: loads the stream's pages from disk
  await firstPage();
  const first = median(await timeRuns(runs, firstPage));
  const whole = median(await timeRuns(wholeRuns, wholeHistory));
  const verified = median(await timeRuns(wholeRuns, verify));
  context.record({
    section: 'pages',
    label: `API: the timeline's newest page of a ${count(events)}-event client (GET …/history?order=desc&limit=50)`,
    value: `${millis(first)} = ${ratio(first, whole, 'the whole read')}`,
    goal: below(first, GOAL_MS, 'ms'),
    command,
    note: `median of ${runs} runs; the whole read is ${requests(events, HISTORY_MAX_PAGE)}, median of ${wholeRuns}; the goal is < ${millis(GOAL_MS)}; the verification (GET …/history/verify, which the timeline used to wait for) ${millis(verified)}`,
  });
  return whole;
}

/** Navigation until the first row shows, in a signed-in tab (the bundle cached after the first load). */
async function inTheApp(
  context: BenchContext,
  browser: Browser,
  api: ApiProcess,
  command: string,
  limits: { fullPortfolio: number; fullHistory: number },
): Promise<void> {
  const { runs } = context.sizes.pages;
  const tab = await browser.newContext({ baseURL: api.url, viewport: { width: 1280, height: 800 }, timezoneId: 'UTC' });
  tab.setDefaultTimeout(60_000);
  const page = await tab.newPage();
  try {
    await page.goto('/');
    await page.getByLabel('API key').fill(BENCH_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    const portfolio = await navigations(page, runs, '/portfolio', ['table tbody tr', '[data-chart="dso"] svg']);
    context.record({
      section: 'pages',
      label: 'App: navigation to /portfolio until its first client row shows',
      value: `${millis(portfolio.median[0])} = ${ratio(portfolio.median[0], GOAL_MS, 'the goal')}`,
      goal: below(portfolio.median[0], GOAL_MS, 'ms'),
      command,
      note: `median of ${runs} navigations in Chromium (first, the bundle not yet cached: ${millis(portfolio.first[0])}); the aging and DSO charts, asked for once the first page shows, show at ${millis(portfolio.median[1])}; the API reads the whole list in ${millis(limits.fullPortfolio)}`,
    });

    const timeline = await navigations(page, runs, `/clients/${LONG_CLIENT}`, [
      '#timeline li',
      '[data-verification="valid"]',
      '#account-title',
    ]);
    const [firstRow, verified, account] = timeline.median;
    context.record({
      section: 'pages',
      label: `App: navigation to the ${LONG_CLIENT} client page until the timeline's first event shows`,
      value: `${millis(firstRow)} = ${ratio(firstRow, verified, 'the time until the verified whole history shows')}`,
      goal: below(firstRow, GOAL_MS, 'ms'),
      command,
      note: `median of ${runs} navigations (first: ${millis(timeline.first[0])}); the hash chain's verification (a whole-stream read, after the first page) shows at ${millis(verified)}; the API reads the whole history in ${millis(limits.fullHistory)}; the account (a fold of the whole stream), read alongside and not waited for, shows at ${millis(account)}`,
    });
  } finally {
    await tab.close();
  }
}

/**
 * Per navigation, the time until each selector's first match is visible (each on its own); medians and the
 * first navigation's. Each navigation starts once the previous page's requests are answered: a request the
 * browser gave up on still runs to its end in the one API process, and a user's first visit waits for none.
 */
async function navigations(page: Page, runs: number, path: string, selectors: string[]): Promise<{ median: number[]; first: number[] }> {
  const all: number[][] = [];
  for (let run = 0; run < Math.max(runs, 2); run++) {
    const started = performance.now();
    await page.goto(path);
    all.push(
      await Promise.all(
        selectors.map((selector) =>
          page
            .locator(selector)
            .first()
            .waitFor()
            .then(() => performance.now() - started),
        ),
      ),
    );
    await page.waitForLoadState('networkidle');
  }
  return { first: all[0], median: selectors.map((_, index) => median(all.map((times) => times[index]))) };
}
