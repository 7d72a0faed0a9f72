/**
 * @module Screenshots of browser tests, written under `test-artifacts/screenshots/` (one file per
 * name, overwritten by the next run, so the folder stays small). A failing test gets one
 * automatically (see `useBrowser`).
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotsDir } from './chromium.js';

/** A file-name-safe form of a test or step name. */
function fileName(name: string): string {
  const safe = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${safe.slice(0, 120) || 'page'}.png`;
}

/**
 * Saves a full-page screenshot of `page` as `<screenshotsDir>/<name>.png`; resolves its path.
 *
 * @example
 * ```ts
 * await saveScreenshot(page, 'sign-in with a wrong password');
 * ```
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, fileName(name));
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** How many screenshots were written at or after `sinceMs` (epoch ms). */
export async function screenshotsSince(sinceMs: number): Promise<number> {
  const names = await readdir(screenshotsDir).catch(() => [] as string[]);
  const times = await Promise.all(
    names
      .filter((name) => name.endsWith('.png'))
      .map(async (name) => (await stat(join(screenshotsDir, name))).mtimeMs),
  );
  return times.filter((mtime) => mtime >= sinceMs).length;
}
