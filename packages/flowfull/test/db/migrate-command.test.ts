/**
 * @module The `migrate` command, in-process, on embedded libSQL files.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrateCommand } from 'flowfull/db';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_MIGRATION_TABLE, exampleMigrations } from './example-users.js';
import { closedPort } from './faults.js';

/** The rest of a valid configuration: `loadConfig` checks every variable, not only the database's. */
const freshFile = (): string => `file:${join(tmpdir(), 'flowfull-tests', `db-cli-${randomUUID()}.db`)}`;

async function migrate(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runMigrateCommand(argv, {
    migrations: exampleMigrations,
    tableName: EXAMPLE_MIGRATION_TABLE,
    env,
    dotenv: false,
    write: (line) => lines.push(line),
  });
  return { code, lines };
}

describe('runMigrateCommand()', () => {
  it('migrates to latest, reports status, steps down, and is a no-op when up to date', async () => {
    const env = { DATABASE_URL: freshFile() };
    expect(await migrate([], env)).toEqual({
      code: 0,
      lines: ['up 0001_create_users: success', 'up 0002_index_users_created_at: success'],
    });
    expect(await migrate([], env)).toEqual({ code: 0, lines: ['already up to date'] });
    expect(await migrate(['--down'], env)).toEqual({
      code: 0,
      lines: ['down 0002_index_users_created_at: success'],
    });
    const status = await migrate(['--status'], env);
    expect(status.code).toBe(0);
    expect(status.lines[0]).toMatch(/^done \d{4}-\d\d-\d\dT.* {2}0001_create_users$/);
    expect(status.lines[1]).toBe('pending  0002_index_users_created_at');
  });

  it('exits 2 with the usage line for an unknown flag', async () => {
    const result = await migrate(['--sideways'], { DATABASE_URL: freshFile() });
    expect(result.code).toBe(2);
    expect(result.lines[0]).toMatch(/^usage: migrate/);
  });

  it('exits 1 naming DATABASE_URL when it is missing', async () => {
    const result = await migrate([], {});
    expect(result.code).toBe(1);
    expect(result.lines.join('\n')).toMatch(/^ERR_CONFIG_INVALID: [\s\S]*DATABASE_URL/);
  });

  it('exits 1 on an unsupported DATABASE_URL without echoing its password', async () => {
    const result = await migrate([], { DATABASE_URL: 'mongodb://app:hunter2@localhost/app' });
    expect(result.code).toBe(1);
    expect(result.lines.join('\n')).toContain('DATABASE_URL');
    expect(result.lines.join('\n')).not.toContain('hunter2');
  });

  it('exits 1 with ERR_DB_UNREACHABLE and a masked URL when the database is down', async () => {
    const url = `postgres://app:hunter2@127.0.0.1:${await closedPort()}/app`;
    const result = await migrate(['--status'], { DATABASE_URL: url });
    expect(result.code).toBe(1);
    expect(result.lines.join('\n')).toMatch(/^ERR_DB_UNREACHABLE: .*app:\*\*\*@127\.0\.0\.1/);
    expect(result.lines.join('\n')).not.toContain('hunter2');
  });
});
