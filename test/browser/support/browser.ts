import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type RoleName, startTestApp, type TestApp, TEST_KEYS } from '../../support/test-app';

/** Debian's chromium package (`.ci/run` installs it); Playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser stories cannot run on this machine, or undefined when they can. */
export const browserMissing = (): string | undefined =>
  existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found: install it with \`apt-get install chromium\` (.ci/run does)`;

// Without the background-networking flags Chromium keeps reaching for Google's services on a closed network.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SCREENSHOTS = join(__dirname, '..', 'screenshots');

/** The app served by a real API on a loopback port, and a real Chromium (a fresh profile per launch). */
export interface BrowserWorld {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserWorld(): Promise<BrowserWorld> {
  // The stories test the app as `npm start` serves it: built by Vite into dist/web.
  // Jest sets NODE_ENV=test, which would give React's development build.
  execFileSync('npm', ['run', '--silent', 'build:web'], {
    cwd: join(__dirname, '..', '..', '..'),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const app = await startTestApp();
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Console errors, CSP violations among them. */
  errors: string[];
}

/** A fresh browser context (its own session storage) at desktop or phone size, in UTC. */
export async function openTab(world: BrowserWorld, viewport = { width: 1280, height: 800 }): Promise<Tab> {
  const context = await world.browser.newContext({ viewport, timezoneId: 'UTC', locale: 'en-GB', baseURL: world.baseUrl });
  // Every wait in the stories is for something the app shows within a second or two on its own; 20 s leaves room
  // for `npm test` running the other suites beside it on two cores (the first story once took over 10 s there).
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

export async function signIn(page: Page, role: RoleName): Promise<void> {
  await page.goto('/');
  await page.getByLabel('API key').fill(TEST_KEYS[role]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Presses Tab until `target` has the focus, as a keyboard user would reach it; fails after `maxTabs`. */
export async function tabTo(page: Page, target: Locator, maxTabs = 200): Promise<void> {
  await target.waitFor();
  for (let tabs = 0; tabs < maxTabs; tabs++) {
    if (await target.evaluate((element: { ownerDocument: { activeElement: unknown } }) => element.ownerDocument.activeElement === element))
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${String(target)} not reached with ${maxTabs} presses of Tab`);
}

/** axe-core's serious and critical findings on the page as it is now (none expected). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// Code run in the page is written as strings: this project's TypeScript has no DOM types (Node only).

/** Whether the page is wider than the viewport (it would scroll sideways). */
export const scrollsSideways = async (page: Page): Promise<boolean> =>
  Boolean(await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth'));

/** A request the app never offers, forged from the page with the tab's own key: the status the API answers. */
export const forgeFromPage = async (page: Page, path: string, body: unknown): Promise<number> =>
  Number(
    await page.evaluate(
      `fetch(${JSON.stringify(path)}, {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + sessionStorage.getItem('settle.apiKey'), 'Content-Type': 'application/json' },
        body: ${JSON.stringify(JSON.stringify(body))},
      }).then((response) => response.status)`,
    ),
  );

/** What the tab keeps in its storage: the key in session storage only, and nothing in local storage. */
export const tabStorage = async (page: Page): Promise<{ sessionKey: unknown; localItems: unknown }> => ({
  sessionKey: await page.evaluate("sessionStorage.getItem('settle.apiKey')"),
  localItems: await page.evaluate('localStorage.length'),
});
