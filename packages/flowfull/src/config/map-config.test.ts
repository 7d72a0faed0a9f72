import { describe, expect, it } from 'vitest';
import type { ConfigSection, SectionValues } from './env-variable.js';
import { resolveSsl, toDatabaseSettings, toFlowfullConfig } from './map-config.js';
import { parseVariables } from './parse-variables.js';
import { databaseVariables, flowfullVariables } from './variables.js';

const parsedValues = <S extends ConfigSection>(
  variables: S,
  env: Record<string, string>,
): SectionValues<S> => {
  const parsed = parseVariables(env, variables);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.values;
};

describe('resolveSsl()', () => {
  it.each([
    ['true', 'verify'],
    ['1', 'verify'],
    ['no-verify', 'no-verify'],
    ['false', false],
    ['0', false],
  ] as const)('maps DATABASE_SSL=%s to %s', (raw, resolved) => {
    expect(resolveSsl(raw)).toBe(resolved);
  });
});

describe('toDatabaseSettings()', () => {
  it('adds the detected type and resolves DATABASE_SSL, keeping only database keys', () => {
    const values = parsedValues(databaseVariables, { DATABASE_URL: 'postgres://h/app', DATABASE_SSL: '1' });
    expect(toDatabaseSettings(values, 'postgresql')).toEqual({
      DATABASE_URL: 'postgres://h/app',
      DATABASE_TYPE: 'postgresql',
      DATABASE_POOL_MIN: 2,
      DATABASE_POOL_MAX: 10,
      DATABASE_SSL: 'verify',
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_PREPARED_STATEMENTS: false,
      LIBSQL_AUTH_TOKEN: null,
    });
  });
});

describe('toFlowfullConfig()', () => {
  const env = { DATABASE_URL: 'file:app.db', BRIDGE_VALIDATION_SECRET: 's'.repeat(32), CACHE_TTL: '60' };

  it('resolves DATA_DIR against cwd and renames CACHE_TTL to CACHE_TTL_MS', () => {
    const config = toFlowfullConfig(parsedValues(flowfullVariables, env), 'libsql', '/srv/app');
    expect(config).toMatchObject({
      DATA_DIR: '/srv/app/.data',
      CACHE_TTL_MS: 60_000,
      DATABASE_TYPE: 'libsql',
      DATABASE_SSL: false,
      PORT: 3001,
    });
    expect(config).not.toHaveProperty('CACHE_TTL');
  });

  it('keeps an absolute DATA_DIR as it is', () => {
    const values = parsedValues(flowfullVariables, { ...env, DATA_DIR: '/var/lib/app' });
    expect(toFlowfullConfig(values, 'libsql', '/srv/app').DATA_DIR).toBe('/var/lib/app');
  });
});
