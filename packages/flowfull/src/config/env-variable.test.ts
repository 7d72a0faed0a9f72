import { describe, expect, it } from 'vitest';
import { envBoolean, envInteger, envList, envOptionalString, envString } from './env-schemas.js';
import { defaultOf, envVariable } from './env-variable.js';
import { flowfullVariables } from './variables.js';

describe('envVariable()', () => {
  it('makes its fallback the parser default, for an unset or empty variable', () => {
    const { schema } = envVariable(envInteger({ min: 1 }), '5', 'A size.');
    expect(schema.parse(undefined)).toBe(5);
    expect(schema.parse('')).toBe(5);
    expect(schema.parse('7')).toBe(7);
    expect(schema.safeParse('0').success).toBe(false);
  });

  it('leaves a variable without a fallback required', () => {
    const result = envVariable(envString(), undefined, 'A name.').schema.safeParse(undefined);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('is required');
  });

  it("keeps a schema's own default when no fallback is given", () => {
    expect(envVariable(envBoolean(false), undefined, 'A flag.').schema.parse(undefined)).toBe(false);
  });

  it('returns a frozen declaration carrying the fallback for the README', () => {
    const variable = envVariable(envString(), 'x', 'A name.', true);
    expect(variable).toMatchObject({ default: 'x', secret: true, description: 'A name.' });
    expect(Object.isFrozen(variable)).toBe(true);
  });
});

describe('defaultOf()', () => {
  it("gives a variable's parsed default", () => {
    expect(defaultOf(flowfullVariables.BRIDGE_TIMEOUT_MS)).toBe(5000);
    expect(defaultOf(flowfullVariables.CACHE_TTL)).toBe(300_000);
    expect(defaultOf(flowfullVariables.AUTH_VALIDATION_MODE)).toBe('ADVANCED');
  });

  it('gives null or an empty list for an optional variable', () => {
    expect(defaultOf(envVariable(envOptionalString(), undefined, 'A token.'))).toBeNull();
    expect(defaultOf(envVariable(envList(), undefined, 'Names.'))).toEqual([]);
  });

  it('throws a TypeError for a required variable', () => {
    expect(() => defaultOf(flowfullVariables.DATABASE_URL)).toThrow(TypeError);
  });
});
