import { describe, expect, it } from 'vitest';
import { detectDatabaseType, isDatabaseType } from './database-type.js';
import { DatabaseUrlError } from './errors.js';

describe('detectDatabaseType()', () => {
  it.each([
    ['postgres://app@localhost:5432/app', 'postgresql'],
    ['postgresql://app:pw@db.neon.tech/app?sslmode=require', 'postgresql'],
    ['POSTGRESQL://app@localhost/app', 'postgresql'],
    ['mysql://root@127.0.0.1:3306/app', 'mysql'],
    ['libsql://my-db.turso.io', 'libsql'],
    ['file:./.data/app.db', 'libsql'],
    ['file:///var/lib/app/app.db', 'libsql'],
    ['file::memory:', 'libsql'],
  ] as const)('reads %s as %s', (url, type) => {
    expect(detectDatabaseType(url)).toBe(type);
  });

  it('reads http(s):// as libSQL when a libSQL token is given', () => {
    expect(detectDatabaseType('https://my-db.turso.io', { libsqlAuthToken: 'token' })).toBe('libsql');
    expect(detectDatabaseType('http://127.0.0.1:8080', { libsqlAuthToken: 'token' })).toBe('libsql');
  });

  it('rejects http(s):// without a libSQL token, saying why', () => {
    expect(() => detectDatabaseType('https://my-db.turso.io')).toThrow(/LIBSQL_AUTH_TOKEN/);
  });

  it.each([
    'sqlite://app.db',
    'mongodb://app:pw@localhost/app',
    'localhost:5432',
    '',
    'file:',
    'postgres://',
  ])('rejects %j with ERR_DB_URL_INVALID naming DATABASE_URL', (url) => {
    const error = (() => {
      try {
        detectDatabaseType(url);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error).toMatchObject({ code: 'ERR_DB_URL_INVALID' });
    expect((error as Error).message).toContain('DATABASE_URL');
  });

  it('lists the accepted forms and never echoes the password of a rejected URL', () => {
    expect(() => detectDatabaseType('mongodb://app:s3cret-pw@localhost/app')).toThrow(
      /postgres:\/\/, postgresql:\/\/, mysql:\/\/, libsql:\/\/, file:/,
    );
    expect(() => detectDatabaseType('mongodb://app:s3cret-pw@localhost/app')).not.toThrow(/s3cret-pw/);
  });
});

describe('isDatabaseType()', () => {
  it('accepts the three dialect names and nothing else', () => {
    expect(['postgresql', 'mysql', 'libsql'].every(isDatabaseType)).toBe(true);
    expect(['postgres', 'sqlite', '', 1, null].some(isDatabaseType)).toBe(false);
  });
});
