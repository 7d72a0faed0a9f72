/**
 * `flowless create-admin` as a real CLI process on a libSQL file in a temporary folder: the
 * password comes from standard input, the admin it creates can log in, and a password given as
 * an argument is refused before anything is written, without being echoed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from 'flowfull/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowlessDatabase } from '../src/db/schema.js';
import { BRIDGE_SECRET, call, type Harness, startFlowless } from './support/flowless-harness.js';

const CLI = ['--conditions=source', '--import', 'tsx', 'packages/flowless/src/cli/flowless.ts'];
const PASSWORD = 'cli admin password 42';

/** Runs the CLI with `stdin` piped in; resolves its exit code and output. */
function runCli(
  args: string[],
  databaseFile: string,
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _url, REDIS_URL: _redis, FLOWLESS_ADMIN_PASSWORD: _pw, ...rest } = process.env;
  const child = spawn(process.execPath, [...CLI, ...args], {
    env: {
      ...rest,
      DATABASE_URL: `file:${databaseFile}`,
      BRIDGE_VALIDATION_SECRET: BRIDGE_SECRET,
      LOG_LEVEL: 'warn',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  // The process may exit before reading standard input (a refused argument): ignore EPIPE.
  child.stdin.on('error', () => undefined);
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('flowless create-admin', () => {
  const folder = mkdtempSync(join(tmpdir(), 'flowless-create-admin-'));
  const databaseFile = join(folder, 'flowless.db');
  let h: Harness;

  beforeAll(async () => {
    const admin = await runCli(
      ['create-admin', '--email', 'CLI-Admin@Example.test'],
      databaseFile,
      `${PASSWORD}\n`,
    );
    expect(admin.stderr).toBe('');
    expect(admin.code).toBe(0);
    expect(admin.stdout).toMatch(/^created admin usr_[A-Za-z0-9_-]+ <cli-admin@example\.test>\n$/);
    expect(admin.stdout).not.toContain(PASSWORD);
    const superadmin = await runCli(
      ['create-admin', '--email', 'cli-super@example.test', '--type', 'superadmin'],
      databaseFile,
      'cli superadmin password\r\n',
    );
    expect(superadmin.code).toBe(0);
    expect(superadmin.stdout).toMatch(/^created superadmin usr_/);
    const url = `file:${databaseFile}`;
    const db = await createDatabase<FlowlessDatabase>({
      DATABASE_URL: url,
      DATABASE_POOL_MIN: 0,
      DATABASE_POOL_MAX: 2,
    });
    h = await startFlowless({ db, url });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await h?.handle.db.destroy();
  });

  it('reads the password from standard input: the admin logs in with it and reaches the admin routes', async () => {
    const res = await call(h, 'POST', '/auth/login', {
      body: { email: 'cli-admin@example.test', password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      email: 'cli-admin@example.test',
      user_type: 'admin',
      is_verified: true,
    });
    const users = await call(h, 'GET', '/auth/admin/users', { session: res.body.session_id as string });
    expect(users.status).toBe(200);
    const wrong = await call(h, 'POST', '/auth/login', {
      body: { email: 'cli-admin@example.test', password: `${PASSWORD}\n` },
    });
    expect(wrong.status).toBe(401);
    const stored = await h.handle.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'cli-admin@example.test')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('with --type superadmin creates a superadmin, its password read up to the CRLF', async () => {
    const res = await call(h, 'POST', '/auth/login', {
      body: { email: 'cli-super@example.test', password: 'cli superadmin password' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ user_type: 'superadmin' });
  });

  it('refuses a password given as an argument, in any form, before touching the database and without echoing it', async () => {
    const secret = 'argument password 99';
    const refusals = await Promise.all(
      [['--password', secret], [`--password=${secret}`], ['-p', secret], [secret]].map(async (extra) => {
        const file = join(mkdtempSync(join(tmpdir(), 'flowless-refused-')), 'flowless.db');
        const result = await runCli(
          ['create-admin', '--email', 'arg@example.test', ...extra],
          file,
          `${PASSWORD}\n`,
        );
        return { ...result, extra, created: existsSync(file) };
      }),
    );
    for (const refused of refusals) {
      const label = refused.extra.join(' ');
      expect(refused.code, label).toBe(1);
      expect(refused.stdout, label).toBe('');
      expect(refused.stderr, label).toMatch(/standard input/);
      expect(refused.stderr, label).not.toContain(secret);
      expect(refused.created, label).toBe(false);
    }
  }, 60_000);

  it('refuses a short password on standard input, an invalid email and an unknown --type, creating nobody', async () => {
    const cases: Array<[string[], string, RegExp]> = [
      [['create-admin', '--email', 'short@example.test'], 'short\n', /at least 8 characters/],
      [['create-admin', '--email', 'not an email'], `${PASSWORD}\n`, /--email/],
      [['create-admin', '--email', 'typed@example.test', '--type', 'customer'], `${PASSWORD}\n`, /--type/],
    ];
    const results = await Promise.all(
      cases.map(async ([args, stdin]) => {
        const file = join(mkdtempSync(join(tmpdir(), 'flowless-refused-')), 'flowless.db');
        return { ...(await runCli(args, file, stdin)), created: existsSync(file) };
      }),
    );
    results.forEach((result, i) => {
      const [args, , message] = cases[i] as [string[], string, RegExp];
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.created, args.join(' ')).toBe(false);
    });
  }, 60_000);
});
