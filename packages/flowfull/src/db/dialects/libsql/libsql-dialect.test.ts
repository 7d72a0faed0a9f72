import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libsqlFilePath } from './libsql-dialect.js';

describe('libsqlFilePath()', () => {
  it('resolves relative and absolute file: URLs', () => {
    expect(libsqlFilePath('file:./.data/app.db')).toBe(resolve('.data/app.db'));
    expect(libsqlFilePath('file:/var/lib/app.db')).toBe('/var/lib/app.db');
    expect(libsqlFilePath('file:///var/lib/app.db?mode=rwc')).toBe('/var/lib/app.db');
  });

  it('returns null for in-memory databases and remote URLs', () => {
    expect(libsqlFilePath('file::memory:')).toBeNull();
    expect(libsqlFilePath('libsql://db.turso.io')).toBeNull();
    expect(libsqlFilePath('https://db.turso.io')).toBeNull();
  });
});
