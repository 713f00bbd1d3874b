import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** The Chromium the browser stories use (test/browser); the app figures need it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the in-app figures cannot be measured here, or undefined when they can. */
export const chromiumMissing = (): string | undefined => (existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}`);

/** Headless, without the background services it would reach for on a closed network. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
