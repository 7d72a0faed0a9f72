import { describe, expect, it } from 'vitest';
import { mysqlSsl } from './mysql/mysql-dialect.js';
import { postgresSsl } from './postgres/postgres-dialect.js';

describe('DATABASE_SSL', () => {
  it("'verify' makes both drivers reject servers whose certificate does not verify", () => {
    expect(postgresSsl('verify')).toEqual({ rejectUnauthorized: true });
    expect(mysqlSsl('verify')).toEqual({ rejectUnauthorized: true });
  });

  it("'no-verify' encrypts without checking the certificate, only when asked", () => {
    expect(postgresSsl('no-verify')).toEqual({ rejectUnauthorized: false });
    expect(mysqlSsl('no-verify')).toEqual({ rejectUnauthorized: false });
  });

  it('false turns TLS off', () => {
    expect(postgresSsl(false)).toBe(false);
    expect(mysqlSsl(false)).toBeUndefined();
  });
});
