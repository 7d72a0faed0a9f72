/**
 * `flowless migrate` with nothing configured but the bridge secret: the embedded libSQL default
 * under DATA_DIR, as a real CLI process.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = ['--conditions=source', '--import', 'tsx', 'packages/flowless/src/cli/flowless.ts'];

function cliEnv(dataDir: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, REDIS_URL: _redis, ...rest } = process.env;
  return { ...rest, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
}

describe('flowless migrate without DATABASE_URL', () => {
  it('creates and migrates <DATA_DIR>/flowless.db, then reports every migration applied', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'flowless-cli-')), 'data');
    const env = cliEnv(dataDir);
    const migrated = await run(process.execPath, [...CLI, 'migrate'], { env });
    expect(migrated.stdout).toMatch(/0001-core-tables/);
    expect(existsSync(join(dataDir, 'flowless.db'))).toBe(true);
    const status = await run(process.execPath, [...CLI, 'migrate', '--status'], { env });
    expect(status.stdout).toMatch(/0001-core-tables/);
    expect(status.stdout).not.toMatch(/pending/i);
  }, 60_000);
});
