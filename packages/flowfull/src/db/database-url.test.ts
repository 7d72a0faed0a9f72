import { describe, expect, it } from 'vitest';
import { maskDatabaseUrl } from './database-url.js';

describe('maskDatabaseUrl()', () => {
  it('replaces the password and keeps user, host, port and database', () => {
    expect(maskDatabaseUrl('postgres://app:s3cret@db.example.com:5432/app')).toBe(
      'postgres://app:***@db.example.com:5432/app',
    );
    expect(maskDatabaseUrl('mysql://root:p%40ss@127.0.0.1:3306/app')).toBe(
      'mysql://root:***@127.0.0.1:3306/app',
    );
  });

  it('masks secret query parameters such as authToken and password', () => {
    const masked = maskDatabaseUrl('libsql://db.turso.io?authToken=eyJhbGci.secret&tls=1');
    expect(masked).toBe('libsql://db.turso.io?authToken=***&tls=1');
    expect(maskDatabaseUrl('postgres://db/app?password=s3cret&sslmode=require')).not.toContain('s3cret');
  });

  it('leaves URLs without secrets unchanged', () => {
    expect(maskDatabaseUrl('postgres://app@localhost:5432/app')).toBe('postgres://app@localhost:5432/app');
    expect(maskDatabaseUrl('file:./.data/app.db')).toBe('file:./.data/app.db');
  });

  it('masks a user:password@ part even in strings that do not parse as URLs', () => {
    expect(maskDatabaseUrl('postgres://app:s3cret@host:notaport/app')).toBe(
      'postgres://app:***@host:notaport/app',
    );
  });
});
