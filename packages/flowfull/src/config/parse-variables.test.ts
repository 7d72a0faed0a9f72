import { describe, expect, it } from 'vitest';
import { envInteger, envOptionalString, envString } from './env-schemas.js';
import { envVariable } from './env-variable.js';
import { parseVariables } from './parse-variables.js';

const section = {
  SIZE: envVariable(envInteger({ min: 1, max: 9 }), '5', 'A size.'),
  NAME: envVariable(envString(), undefined, 'A required name.'),
  TOKEN: envVariable(envOptionalString(), undefined, 'An optional token.', true),
};

describe('parseVariables()', () => {
  it('gives every value, defaults applied, when all parse', () => {
    expect(parseVariables({ NAME: 'app' }, section)).toEqual({
      ok: true,
      values: { SIZE: 5, NAME: 'app', TOKEN: null },
      problems: [],
    });
  });

  it('keeps the values that parsed beside one problem per variable that did not', () => {
    const parsed = parseVariables({ SIZE: '12', TOKEN: 'secret-token' }, section);
    expect(parsed.ok).toBe(false);
    expect(parsed.values).toEqual({ TOKEN: 'secret-token' });
    expect(parsed.problems).toEqual([
      { variable: 'SIZE', message: 'must be a whole number from 1 to 9' },
      { variable: 'NAME', message: 'is required' },
    ]);
  });

  it('parses nothing for no section', () => {
    expect(parseVariables({ SIZE: '1' }, undefined)).toEqual({ ok: true, values: {}, problems: [] });
  });
});
