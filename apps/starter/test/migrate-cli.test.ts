/**
 * @module `npm run migrate`: the starter's migrations applied to `DATABASE_URL` (an embedded libSQL
 * file), then stepped back one.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(root, 'apps/starter/src/migrate-cli.ts');

async function migrate(args: string[], databaseUrl: string): Promise<string[]> {
  const run = promisify(execFile);
  const { stdout } = await run(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', script, ...args],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
    },
  );
  return stdout.trim().split('\n');
}

describe('npm run migrate', () => {
  it('applies the starter migrations to DATABASE_URL, then steps down one', { timeout: 60_000 }, async () => {
    const url = `file:${join(tmpdir(), 'flowfull-tests', `starter-migrate-${randomUUID()}.db`)}`;
    expect(await migrate([], url)).toEqual([
      'up 0001_create_items: success',
      'up 0100_trust_token_uses: success',
    ]);
    expect(await migrate(['--down'], url)).toEqual(['down 0100_trust_token_uses: success']);
  });
});
