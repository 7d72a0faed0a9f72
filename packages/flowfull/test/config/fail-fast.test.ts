import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const boot = fileURLToPath(new URL('./fixtures/boot.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', boot], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('a process that loads an invalid configuration', () => {
  it('exits with code 1 and one message listing every problem, secrets masked', () => {
    const result = run({
      DATABASE_URL: 'redis://:hunter2@cache/0',
      BRIDGE_VALIDATION_SECRET: 'too-short-secret',
      PORT: 'eighty',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Invalid configuration \(3 problems\):\n/);
    expect(result.stderr).toContain('  - PORT: must be a whole number from 0 to 65535');
    expect(result.stderr).toContain('  - DATABASE_URL: ');
    expect(result.stderr).toContain('  - BRIDGE_VALIDATION_SECRET: must be at least 32 characters long');
    expect(result.stderr).not.toContain('hunter2');
    expect(result.stderr).not.toContain('too-short-secret');
  });

  it('starts normally with a valid configuration', () => {
    const result = run({
      DATABASE_URL: 'file:./.data/app.db',
      BRIDGE_VALIDATION_SECRET: 'x'.repeat(40),
      PORT: '4100',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('port 4100\n');
    expect(result.status).toBe(0);
  });
});
