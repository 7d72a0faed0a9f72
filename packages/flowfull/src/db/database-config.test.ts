import { describe, expect, expectTypeOf, it } from 'vitest';
import type { FlowfullConfig } from '../config/index.js';
import { type DatabaseConfig, resolveDatabaseConfig } from './database-config.js';
import { DatabaseConfigError, DatabaseUrlError } from './errors.js';

const URL = 'postgres://app:s3cret@localhost:5432/app';

describe('resolveDatabaseConfig()', () => {
  it('applies the defaults and detects the dialect', () => {
    expect(resolveDatabaseConfig({ DATABASE_URL: URL })).toEqual({
      type: 'postgresql',
      url: URL,
      maskedUrl: 'postgres://app:***@localhost:5432/app',
      poolMin: 2,
      poolMax: 10,
      ssl: false,
      connectTimeoutMs: 5000,
      preparedStatements: false,
      libsqlAuthToken: null,
    });
  });

  it('turns named prepared statements on with DATABASE_PREPARED_STATEMENTS', () => {
    expect(
      resolveDatabaseConfig({ DATABASE_URL: URL, DATABASE_PREPARED_STATEMENTS: true }).preparedStatements,
    ).toBe(true);
  });

  it('accepts the whole configuration object, extra keys included', () => {
    const config = {
      DATABASE_URL: 'mysql://root@db/app',
      DATABASE_POOL_MAX: 3,
      DATABASE_SSL: 'verify',
      PORT: 3001,
    } as const;
    expect(resolveDatabaseConfig(config)).toMatchObject({ type: 'mysql', poolMax: 3, ssl: 'verify' });
  });

  it('takes DATABASE_TYPE libsql for an http URL that has no token', () => {
    expect(
      resolveDatabaseConfig({ DATABASE_URL: 'http://127.0.0.1:8080', DATABASE_TYPE: 'libsql' }).type,
    ).toBe('libsql');
  });

  it('rejects a DATABASE_TYPE that contradicts the URL, without the password', () => {
    expect(() => resolveDatabaseConfig({ DATABASE_URL: URL, DATABASE_TYPE: 'mysql' })).toThrow(
      DatabaseConfigError,
    );
    expect(() => resolveDatabaseConfig({ DATABASE_URL: URL, DATABASE_TYPE: 'mysql' })).not.toThrow(/s3cret/);
  });

  it('rejects an unsupported URL with ERR_DB_URL_INVALID', () => {
    expect(() => resolveDatabaseConfig({ DATABASE_URL: 'redis://localhost' })).toThrow(DatabaseUrlError);
  });

  it.each([
    [{ DATABASE_POOL_MIN: 5, DATABASE_POOL_MAX: 2 }, 'DATABASE_POOL_MIN'],
    [{ DATABASE_POOL_MAX: 0 }, 'DATABASE_POOL_MAX'],
    [{ DATABASE_POOL_MIN: -1 }, 'DATABASE_POOL_MIN'],
    [{ DATABASE_POOL_MAX: 2.5 }, 'DATABASE_POOL_MAX'],
    [{ DATABASE_CONNECT_TIMEOUT_MS: 0 }, 'DATABASE_CONNECT_TIMEOUT_MS'],
    [{ DATABASE_SSL: 'yes' as 'verify' }, 'DATABASE_SSL'],
  ])('rejects %o naming %s', (overrides, key) => {
    expect(() => resolveDatabaseConfig({ DATABASE_URL: URL, ...overrides })).toThrow(
      expect.objectContaining({ code: 'ERR_DB_CONFIG_INVALID', key }),
    );
  });
});

describe('DatabaseConfig', () => {
  it('is satisfied by the whole FlowfullConfig object', () => {
    expectTypeOf<FlowfullConfig>().toExtend<DatabaseConfig>();
    expectTypeOf<{ DATABASE_POOL_MAX: number }>().not.toExtend<DatabaseConfig>();
  });
});
