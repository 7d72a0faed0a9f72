import { describe, expect, it } from 'vitest';
import { defaultOf } from './env-variable.js';
import { databaseVariables, flowfullVariables } from './variables.js';

describe('flowfullVariables', () => {
  const declared = Object.entries(flowfullVariables);

  it.each(declared.filter(([, variable]) => variable.default !== undefined))(
    '%s parses to its documented default when unset',
    (_name, variable) => {
      expect(variable.schema.parse(undefined)).toEqual(variable.schema.parse(variable.default));
    },
  );

  it('documents no default for a required or optional variable', () => {
    const undocumented = declared
      .filter(([, variable]) => variable.default === undefined)
      .map(([name]) => name);
    expect(undocumented).toEqual([
      'DATABASE_URL',
      'LIBSQL_AUTH_TOKEN',
      'BRIDGE_VALIDATION_SECRET',
      'TRUSTED_PROXIES',
      'REDIS_URL',
      'TRUST_TOKEN_SECRET_KEY',
      'TRUST_TOKEN_PUBLIC_KEYS',
      'TRUST_TOKEN_LOCAL_KEY',
    ]);
    expect(() => defaultOf(flowfullVariables.BRIDGE_VALIDATION_SECRET)).toThrow(TypeError);
    expect(defaultOf(flowfullVariables.REDIS_URL)).toBeNull();
  });

  it('holds the database variables, in order, as one group', () => {
    const names = Object.keys(flowfullVariables);
    const start = names.indexOf('DATABASE_URL');
    expect(names.slice(start, start + 7)).toEqual(Object.keys(databaseVariables));
  });
});
