import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envInteger } from './env-schemas.js';
import type { ConfigProblem } from './errors.js';
import { ConfigError } from './errors.js';
import { loadConfig, loadDatabaseConfig } from './load-config.js';
import { envVariable } from './variables.js';

const SECRET = 's'.repeat(32);
const key = (kind: string, bytes: number, fill: number) =>
  `${kind}.${Buffer.alloc(bytes, fill).toString('base64url')}`;
const SECRET_KEY = key('k4.secret', 64, 1);
const PUBLIC_A = key('k4.public', 32, 2);
const PUBLIC_B = key('k4.public', 32, 3);
const LOCAL_KEY = key('k4.local', 32, 4);
const BASE = {
  DATABASE_URL: 'postgres://app:hunter2@db.internal:5432/app',
  BRIDGE_VALIDATION_SECRET: SECRET,
};
const emptyDir = mkdtempSync(join(tmpdir(), 'flowfull-config-'));
const load = (env: Record<string, string>) => loadConfig({ ...BASE, ...env }, { cwd: emptyDir });

function problemsOf(env: Record<string, string | undefined>): Record<string, string> {
  try {
    loadConfig(env, { cwd: emptyDir });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig()', () => {
  it('resolves every documented default from a minimal environment', () => {
    const config = load({});
    expect(config).toMatchObject({
      PORT: 3001,
      HOST: '0.0.0.0',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATA_DIR: join(emptyDir, '.data'),
      DATABASE_TYPE: 'postgresql',
      DATABASE_POOL_MIN: 2,
      DATABASE_POOL_MAX: 10,
      DATABASE_SSL: false,
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_PREPARED_STATEMENTS: false,
      LIBSQL_AUTH_TOKEN: null,
      FLOWLESS_API_URL: 'http://localhost:3000',
      BRIDGE_VALIDATION_SECRET: SECRET,
      BRIDGE_TIMEOUT_MS: 5000,
      BRIDGE_RETRY_ATTEMPTS: 3,
      BRIDGE_GRACE_PERIOD_MS: 0,
      BRIDGE_NEGATIVE_CACHE_TTL_MS: 5000,
      AUTH_VALIDATION_MODE: 'ADVANCED',
      AUTH_ENABLE_VALIDATION_MODE: true,
      AUTH_IP_VALIDATION: true,
      AUTH_USER_AGENT_VALIDATION: true,
      AUTH_DEVICE_VALIDATION: true,
      AUTH_AUTO_INVALIDATE: false,
      AUTH_LOG_VIOLATIONS: true,
      AUTH_SESSION_FROM_QUERY: true,
      TRUSTED_PROXIES: [],
      CACHE_ENABLED: true,
      REDIS_URL: null,
      CACHE_TTL_MS: 300_000,
      TRUST_TOKEN_SECRET_KEY: null,
      TRUST_TOKEN_PUBLIC_KEYS: [],
      TRUST_TOKEN_LOCAL_KEY: null,
    });
    expect(config).not.toHaveProperty('CACHE_TTL');
  });

  it('returns a frozen object', () => {
    const config = load({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.TRUSTED_PROXIES)).toBe(true);
  });

  it('parses every variable when set', () => {
    const config = load({
      PORT: '8080',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATA_DIR: '/var/lib/app',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/app',
      DATABASE_POOL_MIN: '0',
      DATABASE_POOL_MAX: '50',
      DATABASE_SSL: 'no-verify',
      DATABASE_CONNECT_TIMEOUT_MS: '1500',
      DATABASE_PREPARED_STATEMENTS: '1',
      FLOWLESS_API_URL: 'https://auth.example.com/',
      BRIDGE_TIMEOUT_MS: '800',
      BRIDGE_RETRY_ATTEMPTS: '0',
      BRIDGE_GRACE_PERIOD_MS: '60000',
      BRIDGE_NEGATIVE_CACHE_TTL_MS: '2000',
      AUTH_VALIDATION_MODE: 'strict',
      AUTH_ENABLE_VALIDATION_MODE: '0',
      AUTH_IP_VALIDATION: 'FALSE',
      AUTH_USER_AGENT_VALIDATION: '0',
      AUTH_DEVICE_VALIDATION: 'false',
      AUTH_AUTO_INVALIDATE: '1',
      AUTH_LOG_VIOLATIONS: 'false',
      AUTH_SESSION_FROM_QUERY: 'false',
      TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.1,::1,fd00::/8',
      CACHE_ENABLED: 'false',
      REDIS_URL: 'rediss://:pw@cache:6380/2',
      CACHE_TTL: '60',
      TRUST_TOKEN_SECRET_KEY: SECRET_KEY,
      TRUST_TOKEN_PUBLIC_KEYS: `${PUBLIC_A}, ${PUBLIC_B}`,
      TRUST_TOKEN_LOCAL_KEY: LOCAL_KEY,
    });
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATA_DIR: '/var/lib/app',
      DATABASE_TYPE: 'mysql',
      DATABASE_POOL_MIN: 0,
      DATABASE_POOL_MAX: 50,
      DATABASE_SSL: 'no-verify',
      DATABASE_CONNECT_TIMEOUT_MS: 1500,
      DATABASE_PREPARED_STATEMENTS: true,
      FLOWLESS_API_URL: 'https://auth.example.com',
      BRIDGE_TIMEOUT_MS: 800,
      BRIDGE_RETRY_ATTEMPTS: 0,
      BRIDGE_GRACE_PERIOD_MS: 60_000,
      BRIDGE_NEGATIVE_CACHE_TTL_MS: 2000,
      AUTH_VALIDATION_MODE: 'STRICT',
      AUTH_ENABLE_VALIDATION_MODE: false,
      AUTH_IP_VALIDATION: false,
      AUTH_USER_AGENT_VALIDATION: false,
      AUTH_DEVICE_VALIDATION: false,
      AUTH_AUTO_INVALIDATE: true,
      AUTH_LOG_VIOLATIONS: false,
      AUTH_SESSION_FROM_QUERY: false,
      TRUSTED_PROXIES: ['10.0.0.0/8', '192.168.1.1', '::1', 'fd00::/8'],
      CACHE_ENABLED: false,
      REDIS_URL: 'rediss://:pw@cache:6380/2',
      CACHE_TTL_MS: 60_000,
      TRUST_TOKEN_SECRET_KEY: SECRET_KEY,
      TRUST_TOKEN_PUBLIC_KEYS: [PUBLIC_A, PUBLIC_B],
      TRUST_TOKEN_LOCAL_KEY: LOCAL_KEY,
    });
  });

  it.each([
    ['true', 'verify'],
    ['1', 'verify'],
    ['false', false],
    ['0', false],
  ])('resolves DATABASE_SSL=%s to %s', (value, expected) => {
    expect(load({ DATABASE_SSL: value }).DATABASE_SSL).toBe(expected);
  });

  it.each([
    ['postgresql://u@h/db', 'postgresql'],
    ['file:./.data/app.db', 'libsql'],
    ['libsql://app.turso.io', 'libsql'],
  ])('detects the database type of %s', (url, type) => {
    expect(load({ DATABASE_URL: url }).DATABASE_TYPE).toBe(type);
  });

  it('treats an empty value as unset', () => {
    expect(load({ PORT: '', REDIS_URL: '' })).toMatchObject({ PORT: 3001, REDIS_URL: null });
  });

  it('lists every problem at once, variable by variable', () => {
    const problems = problemsOf({
      PORT: '70000',
      NODE_ENV: 'staging',
      LOG_LEVEL: 'loud',
      DATABASE_POOL_MIN: 'two',
      DATABASE_POOL_MAX: '0',
      DATABASE_SSL: 'maybe',
      DATABASE_CONNECT_TIMEOUT_MS: '-5',
      FLOWLESS_API_URL: 'ftp://auth',
      BRIDGE_VALIDATION_SECRET: 'short-secret',
      BRIDGE_TIMEOUT_MS: '1.5',
      BRIDGE_RETRY_ATTEMPTS: '11',
      BRIDGE_GRACE_PERIOD_MS: 'soon',
      BRIDGE_NEGATIVE_CACHE_TTL_MS: '600000',
      AUTH_VALIDATION_MODE: 'PARANOID',
      AUTH_ENABLE_VALIDATION_MODE: 'yes',
      AUTH_IP_VALIDATION: 'on',
      AUTH_USER_AGENT_VALIDATION: '2',
      AUTH_DEVICE_VALIDATION: 'nope',
      AUTH_AUTO_INVALIDATE: 'y',
      AUTH_LOG_VIOLATIONS: 't',
      AUTH_SESSION_FROM_QUERY: 'f',
      TRUSTED_PROXIES: '10.0.0.0/33,proxy.local',
      CACHE_ENABLED: 'enabled',
      REDIS_URL: 'http://cache:6379',
      CACHE_TTL: '0',
      TRUST_TOKEN_SECRET_KEY: PUBLIC_A,
      TRUST_TOKEN_PUBLIC_KEYS: `${PUBLIC_A},k4.public.short`,
      TRUST_TOKEN_LOCAL_KEY: `${LOCAL_KEY}=`,
    });
    expect(problems).toEqual({
      PORT: 'must be a whole number from 0 to 65535',
      NODE_ENV: 'must be one of development, production, test',
      LOG_LEVEL: 'must be one of fatal, error, warn, info, debug, trace, silent',
      DATABASE_URL: 'is required',
      DATABASE_POOL_MIN: 'must be a whole number from 0 to 1000',
      DATABASE_POOL_MAX: 'must be a whole number from 1 to 1000',
      DATABASE_SSL: 'must be one of true, false, 1, 0, no-verify',
      DATABASE_CONNECT_TIMEOUT_MS: `must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`,
      FLOWLESS_API_URL: 'must be a URL starting with http:// or https://',
      BRIDGE_VALIDATION_SECRET: 'must be at least 32 characters long',
      BRIDGE_TIMEOUT_MS: `must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`,
      BRIDGE_RETRY_ATTEMPTS: 'must be a whole number from 0 to 10',
      BRIDGE_GRACE_PERIOD_MS: `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
      BRIDGE_NEGATIVE_CACHE_TTL_MS: 'must be a whole number from 0 to 60000',
      AUTH_VALIDATION_MODE: 'must be one of DISABLED, STANDARD, ADVANCED, STRICT',
      AUTH_ENABLE_VALIDATION_MODE: 'must be true, false, 1 or 0',
      AUTH_IP_VALIDATION: 'must be true, false, 1 or 0',
      AUTH_USER_AGENT_VALIDATION: 'must be true, false, 1 or 0',
      AUTH_DEVICE_VALIDATION: 'must be true, false, 1 or 0',
      AUTH_AUTO_INVALIDATE: 'must be true, false, 1 or 0',
      AUTH_LOG_VIOLATIONS: 'must be true, false, 1 or 0',
      AUTH_SESSION_FROM_QUERY: 'must be true, false, 1 or 0',
      TRUSTED_PROXIES: 'not an IP address or CIDR range: 10.0.0.0/33, proxy.local',
      CACHE_ENABLED: 'must be true, false, 1 or 0',
      REDIS_URL: 'must be a URL starting with redis:// or rediss://',
      CACHE_TTL: 'must be a whole number from 1 to 9007199254740991',
      TRUST_TOKEN_SECRET_KEY: 'must be a PASERK k4.secret key (k4.secret.<base64url>)',
      TRUST_TOKEN_PUBLIC_KEYS: '1 of 2 entries are not PASERK k4.public keys',
      TRUST_TOKEN_LOCAL_KEY: 'must be a PASERK k4.local key (k4.local.<base64url>)',
    });
  });

  it('requires DATABASE_URL and BRIDGE_VALIDATION_SECRET', () => {
    expect(problemsOf({})).toEqual({ DATABASE_URL: 'is required', BRIDGE_VALIDATION_SECRET: 'is required' });
  });

  it('rejects a pool whose minimum exceeds its maximum', () => {
    expect(problemsOf({ ...BASE, DATABASE_POOL_MIN: '20', DATABASE_POOL_MAX: '5' })).toEqual({
      DATABASE_POOL_MIN: 'must not exceed DATABASE_POOL_MAX (5)',
    });
  });

  it('reports a pool whose minimum exceeds its maximum even when other variables fail too', () => {
    expect(problemsOf({ DATABASE_POOL_MIN: '20', DATABASE_POOL_MAX: '5', PORT: 'x' })).toEqual({
      PORT: 'must be a whole number from 0 to 65535',
      DATABASE_URL: 'is required',
      DATABASE_POOL_MIN: 'must not exceed DATABASE_POOL_MAX (5)',
      BRIDGE_VALIDATION_SECRET: 'is required',
    });
  });

  it('reports the problems of a refine hook in the same error, once every variable parsed', () => {
    const refine = (values: Readonly<Record<string, unknown>>): ConfigProblem[] =>
      values.CACHE_ENABLED === true && values.REDIS_URL === null
        ? [{ variable: 'REDIS_URL', message: 'is required when CACHE_ENABLED is true' }]
        : [];
    expect(() =>
      loadConfig({ ...BASE, REDIS_URL: 'redis://r:6379' }, { cwd: emptyDir, refine }),
    ).not.toThrow();
    try {
      loadConfig(BASE, { cwd: emptyDir, refine });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        { variable: 'REDIS_URL', message: 'is required when CACHE_ENABLED is true' },
      ]);
    }
  });

  it('rejects an unknown database URL, naming the accepted forms without echoing the password', () => {
    const problems = problemsOf({ ...BASE, DATABASE_URL: 'mongodb://admin:hunter2@mongo/app' });
    expect(problems.DATABASE_URL).toMatch(/postgres:\/\/.*mysql:\/\/.*libsql:\/\/.*file:/s);
    expect(problems.DATABASE_URL).not.toContain('hunter2');
  });

  it('never echoes a secret value in its message', () => {
    const secret = 'tiny-secret-value';
    try {
      loadConfig(
        { DATABASE_URL: 'postgres://u:hunter2@h/db', BRIDGE_VALIDATION_SECRET: secret },
        { cwd: emptyDir },
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).code).toBe('ERR_CONFIG_INVALID');
      expect((error as ConfigError).message).not.toContain(secret);
      expect((error as ConfigError).message).not.toContain('hunter2');
      expect((error as ConfigError).message).toContain('BRIDGE_VALIDATION_SECRET');
    }
  });

  it('reads a .env file in the working directory, with real variables taking precedence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowfull-dotenv-'));
    writeFileSync(
      join(dir, '.env'),
      `DATABASE_URL=file:./app.db\nBRIDGE_VALIDATION_SECRET=${SECRET}\nPORT=4000\n`,
    );
    const config = loadConfig({ PORT: '5000' }, { cwd: dir });
    expect(config).toMatchObject({ DATABASE_URL: 'file:./app.db', DATABASE_TYPE: 'libsql', PORT: 5000 });
    expect(() => loadConfig({}, { cwd: dir, dotenv: false })).toThrow(ConfigError);
  });

  it('adds a package section, validated in the same pass', () => {
    const section = {
      MAX_ITEMS: envVariable(envInteger({ default: 10, min: 1 }), '10', 'Most items per user.'),
    };
    expect(loadConfig({ ...BASE, MAX_ITEMS: '25' }, { cwd: emptyDir, extend: section }).MAX_ITEMS).toBe(25);
    expect(loadConfig(BASE, { cwd: emptyDir, extend: section }).MAX_ITEMS).toBe(10);
    try {
      loadConfig({ MAX_ITEMS: '0' }, { cwd: emptyDir, extend: section });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([
        'DATABASE_URL',
        'BRIDGE_VALIDATION_SECRET',
        'MAX_ITEMS',
      ]);
    }
  });
});

describe('loadDatabaseConfig()', () => {
  it('reads only the database variables, so a tool needs no bridge secret', () => {
    const config = loadDatabaseConfig(
      { DATABASE_URL: 'mysql://root@127.0.0.1/app', DATABASE_SSL: '1' },
      { cwd: emptyDir },
    );
    expect(config).toEqual({
      DATABASE_URL: 'mysql://root@127.0.0.1/app',
      DATABASE_TYPE: 'mysql',
      DATABASE_POOL_MIN: 2,
      DATABASE_POOL_MAX: 10,
      DATABASE_SSL: 'verify',
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_PREPARED_STATEMENTS: false,
      LIBSQL_AUTH_TOKEN: null,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists the database problems in one error', () => {
    try {
      loadDatabaseConfig(
        { DATABASE_URL: 'oracle://u:hunter2@h/db', DATABASE_POOL_MAX: '0' },
        { cwd: emptyDir },
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([
        'DATABASE_URL',
        'DATABASE_POOL_MAX',
      ]);
      expect((error as ConfigError).message).not.toContain('hunter2');
    }
  });
});
