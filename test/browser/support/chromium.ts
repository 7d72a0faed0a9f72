/**
 * @module Where the browser suites find Chromium and put their artefacts. The browser is Debian's
 * `chromium` package (installed by `.ci/run`), driven by playwright-core, which never downloads
 * one. `TEST_CHROMIUM_PATH` points elsewhere.
 */
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The Chromium executable the browser suites launch. */
export const chromiumPath: string = process.env.TEST_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Folder of the screenshots the browser suites write (`test-artifacts/` is ignored by git). */
export const screenshotsDir: string = fileURLToPath(
  new URL('../../../test-artifacts/screenshots/', import.meta.url),
);

/** True when {@link chromiumPath} is an executable file. */
export function chromiumInstalled(): boolean {
  try {
    accessSync(chromiumPath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
