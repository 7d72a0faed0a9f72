import { describe, expect, it } from 'vitest';
import { columnTypes } from './column-types.js';

describe('columnTypes()', () => {
  it('gives every dialect the same set of portable types', () => {
    const keys = ['bigint', 'boolean', 'id', 'integer', 'json', 'string', 'text', 'timestamp'];
    for (const dialect of ['postgresql', 'mysql', 'libsql'] as const) {
      expect(Object.keys(columnTypes(dialect)).sort()).toEqual(keys);
    }
  });

  it('stores timestamps as 64-bit epoch milliseconds and ids as varchar(255) where length matters', () => {
    expect(columnTypes('postgresql')).toMatchObject({
      id: 'varchar(255)',
      timestamp: 'bigint',
      boolean: 'boolean',
    });
    expect(columnTypes('mysql')).toMatchObject({
      id: 'varchar(255)',
      timestamp: 'bigint',
      boolean: 'boolean',
    });
    expect(columnTypes('libsql')).toMatchObject({ id: 'text', timestamp: 'integer', boolean: 'integer' });
  });
});
