/**
 * @module Headless Chromium for the browser suites: one browser per test file, a fresh context
 * (cookies, storage, authenticators) per test, and a screenshot of the page when a test fails.
 * A suite is skipped, with the reason in its name, when Chromium is missing outside CI; with
 * `CI=true` a missing browser already failed the run in the global setup.
 */
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject } from 'vitest';
import { chromiumPath } from './chromium.js';
import { saveScreenshot } from './screenshots.js';

/** True when Chromium was found before the run started. */
export function browserAvailable(): boolean {
  return inject('chromium');
}

/**
 * `describe` for a suite that drives a browser: skipped, saying why, when Chromium is missing
 * outside CI.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  const available = browserAvailable();
  describe.skipIf(!available)(available ? name : `${name} [skipped: no Chromium at ${chromiumPath}]`, body);
}

/**
 * Launches headless Chromium. Background networking is off: the browser talks only to the
 * servers a test starts. `--no-sandbox` because CI runs as root, where Chromium's sandbox refuses
 * to start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}

/** The browser of a suite and the context and page of the running test. */
export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} is only available inside a test of a useBrowser() suite`);
  return value;
}

/**
 * Registers the hooks of a browser suite: launches Chromium before the file's tests, gives each
 * test a new context and page (`contextOptions` for each), screenshots the page of a failed test
 * (named after the test) and closes everything afterwards. Call it inside `describeWithBrowser`.
 *
 * @example
 * ```ts
 * describeWithBrowser('sign-in page', () => {
 *   const session = useBrowser();
 *   it('loads', async () => {
 *     await session.page.goto(url);
 *   });
 * });
 * ```
 */
export function useBrowser(contextOptions: BrowserContextOptions = {}): BrowserSession {
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await required(browser, 'the browser').newContext(contextOptions);
    page = await context.newPage();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page !== null) {
      await saveScreenshot(page, `failed ${task.name}`).catch(() => undefined);
    }
    await context?.close();
    context = null;
    page = null;
  });
  return {
    get browser() {
      return required(browser, 'the browser');
    },
    get context() {
      return required(context, 'the context');
    },
    get page() {
      return required(page, 'the page');
    },
  };
}
