/**
 * @module The auth server's own defaults for variables flowfull requires: without `DATABASE_URL`
 * it runs on an embedded libSQL file under `DATA_DIR`, so `flowless serve` and `flowless migrate`
 * work with nothing configured but the bridge secret.
 */
import { join, resolve } from 'node:path';
import { defaultOf, flowfullVariables, type RawDefaults } from 'flowfull/config';

/** File name of the default database, under `DATA_DIR`. */
export const DEFAULT_DATABASE_FILE = 'flowless.db';

/**
 * `DATABASE_URL=file:<DATA_DIR>/flowless.db` (absolute) when neither the environment nor `.env`
 * sets it; `DATA_DIR` has flowfull's default (`./.data` in the working directory).
 */
export const flowlessDefaults: RawDefaults = (source, cwd) => ({
  DATABASE_URL: `file:${join(resolve(cwd, source.DATA_DIR?.trim() || defaultOf(flowfullVariables.DATA_DIR)), DEFAULT_DATABASE_FILE)}`,
});
