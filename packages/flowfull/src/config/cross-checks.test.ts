import { describe, expect, it } from 'vitest';
import { checkDatabase } from './cross-checks.js';

describe('checkDatabase()', () => {
  it('detects the database type from DATABASE_URL', () => {
    expect(checkDatabase({ DATABASE_URL: ' mysql://root@127.0.0.1/app ' }, {})).toEqual({
      databaseType: 'mysql',
      problems: [],
    });
  });

  it('treats an http(s) URL as libSQL only with the raw LIBSQL_AUTH_TOKEN', () => {
    const url = 'https://db.example.com';
    expect(checkDatabase({ DATABASE_URL: url }, { LIBSQL_AUTH_TOKEN: 'token' }).databaseType).toBe('libsql');
    const without = checkDatabase({ DATABASE_URL: url }, { LIBSQL_AUTH_TOKEN: '  ' });
    expect(without.databaseType).toBeUndefined();
    expect(without.problems.map((problem) => problem.variable)).toEqual(['DATABASE_URL']);
  });

  it('reports an unsupported URL without echoing its password', () => {
    const { databaseType, problems } = checkDatabase({ DATABASE_URL: 'mongodb://u:hunter2@h/app' }, {});
    expect(databaseType).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).not.toContain('hunter2');
  });

  it('rejects a pool minimum above the maximum, and accepts equal bounds', () => {
    expect(checkDatabase({ DATABASE_POOL_MIN: 5, DATABASE_POOL_MAX: 2 }, {}).problems).toEqual([
      { variable: 'DATABASE_POOL_MIN', message: 'must not exceed DATABASE_POOL_MAX (2)' },
    ]);
    expect(checkDatabase({ DATABASE_POOL_MIN: 2, DATABASE_POOL_MAX: 2 }, {}).problems).toEqual([]);
  });

  it('checks what parsed when other values are missing', () => {
    expect(checkDatabase({ DATABASE_POOL_MIN: 5 }, {})).toEqual({ databaseType: undefined, problems: [] });
  });
});
