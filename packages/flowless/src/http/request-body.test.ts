import { describe, expect, it } from 'vitest';
import { normaliseKeys } from './request-body.js';

describe('normaliseKeys()', () => {
  it('maps camelCase aliases to snake_case, the snake key winning, and drops nulls', () => {
    expect(normaliseKeys({ userName: 'ada', user_name: 'lovelace', lastName: 'L', phone: null })).toEqual({
      user_name: 'lovelace',
      last_name: 'L',
    });
  });

  it('keeps Object.prototype names as plain keys: an alias look-up never reaches the prototype', () => {
    const body = JSON.parse(
      '{"constructor":"c","toString":"t","hasOwnProperty":"h","userName":"ada"}',
    ) as Record<string, unknown>;
    const out = normaliseKeys(body);
    expect(Object.keys(out).sort()).toEqual(['constructor', 'hasOwnProperty', 'toString', 'user_name']);
    expect(out.constructor).toBe('c');
  });

  it('drops a "__proto__" key, so nothing in the body becomes an inherited field', () => {
    const body = JSON.parse(
      '{"__proto__":{"email":"x@example.test","user_type":"admin"},"name":"N"}',
    ) as Record<string, unknown>;
    const out = normaliseKeys(body);
    expect(Object.keys(out)).toEqual(['name']);
    expect(out.email).toBeUndefined();
    expect(out.user_type).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
