import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { loadConfig, loadDatabaseConfig, type RawDefaults } from './load-config.js';

const SECRET = 's'.repeat(32);
const emptyDir = mkdtempSync(join(tmpdir(), 'flowfull-defaults-'));
// The shape of an application's default: a database file under whatever DATA_DIR says.
const databaseUnderDataDir: RawDefaults = (source, cwd) => ({
  DATABASE_URL: `file:${join(resolve(cwd, source.DATA_DIR?.trim() || './.data'), 'app.db')}`,
});

describe('loadConfig() defaults', () => {
  it('fills a variable nobody set from the defaults, computed from the variables that are set', () => {
    const config = loadConfig(
      { BRIDGE_VALIDATION_SECRET: SECRET, DATA_DIR: 'state' },
      { cwd: emptyDir, defaults: databaseUnderDataDir },
    );
    expect(config.DATABASE_URL).toBe(`file:${join(emptyDir, 'state', 'app.db')}`);
    expect(config.DATABASE_TYPE).toBe('libsql');
  });

  it('lets the environment and .env win over a default, and treats an empty value as unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowfull-defaults-dotenv-'));
    writeFileSync(join(dir, '.env'), 'DATABASE_URL=mysql://root@127.0.0.1/from_dotenv\n');
    const options = { cwd: dir, defaults: databaseUnderDataDir };
    const env = { BRIDGE_VALIDATION_SECRET: SECRET };
    expect(loadConfig(env, options).DATABASE_URL).toBe('mysql://root@127.0.0.1/from_dotenv');
    expect(loadConfig({ ...env, DATABASE_URL: 'postgres://h/app' }, options).DATABASE_URL).toBe(
      'postgres://h/app',
    );
    expect(loadConfig({ ...env, DATABASE_URL: ' ' }, { ...options, dotenv: false }).DATABASE_URL).toBe(
      `file:${join(dir, '.data', 'app.db')}`,
    );
  });

  it('still reports a required variable that has no default', () => {
    expect(() => loadConfig({}, { cwd: emptyDir, defaults: databaseUnderDataDir })).toThrow(
      /BRIDGE_VALIDATION_SECRET/,
    );
    expect(() => loadConfig({ BRIDGE_VALIDATION_SECRET: SECRET }, { cwd: emptyDir })).toThrow(ConfigError);
  });

  it('applies to loadDatabaseConfig too', () => {
    const config = loadDatabaseConfig({}, { cwd: emptyDir, defaults: databaseUnderDataDir });
    expect(config.DATABASE_URL).toBe(`file:${join(emptyDir, '.data', 'app.db')}`);
    expect(config.DATABASE_TYPE).toBe('libsql');
  });
});
