import { ApiError } from 'flowfull/server';
import { describe, expect, it } from 'vitest';
import { type BridgeQueryRules, parseBridgeQuery } from './bridge-query.js';

const rules: BridgeQueryRules<'title' | 'created_at'> = {
  fields: ['title', 'created_at'],
  defaultOrderBy: 'created_at',
};

const parse = (query: Record<string, string[]>) => parseBridgeQuery(query, rules);

function refusal(query: Record<string, string[]>): ApiError {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected parseBridgeQuery() to throw');
}

describe('parseBridgeQuery()', () => {
  it('reads operators and their aliases in both filter forms', () => {
    const { filters } = parse({
      'title:like': ['milk'],
      'created_at[lessThanOrEquals]': ['5'],
      'title:in': ['a, b'],
    });
    expect(filters).toEqual([
      { field: 'title', op: 'contains', value: 'milk' },
      { field: 'created_at', op: 'lte', value: '5' },
      { field: 'title', op: 'in', value: ['a', 'b'] },
    ]);
  });

  it.each([
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
    '__proto__',
    'propertyIsEnumerable',
    'toLocaleString',
  ])(
    'refuses the Object.prototype key %s as an operator with 400 ERR_BRIDGE_QUERY_UNKNOWN_OPERATOR',
    (op) => {
      for (const key of [`title:${op}`, `title[${op}]`]) {
        const error = refusal({ [key]: ['1'] });
        expect(error.status).toBe(400);
        expect(error.code).toBe('ERR_BRIDGE_QUERY_UNKNOWN_OPERATOR');
        expect(error.message).toBe(`Unknown filter operator "${op}" in ${key}`);
        expect(error.details).toEqual({ fields: [{ field: key, message: error.message }] });
      }
    },
  );

  it('refuses an unknown operator, and names an unknown field before the operator', () => {
    expect(refusal({ 'title:around': ['1'] }).code).toBe('ERR_BRIDGE_QUERY_UNKNOWN_OPERATOR');
    expect(refusal({ 'secret:constructor': ['1'] }).code).toBe('ERR_BRIDGE_QUERY_INVALID');
  });
});
