import { describe, expect, it } from 'vitest';
import { CacheValueError } from './errors.js';
import { cloneJson, decodeValue, encodeValue, type JsonValue } from './json-value.js';

describe('json values', () => {
  it('cloneJson returns an equal tree that shares no objects with the original', () => {
    const tree: JsonValue = { a: [1, { b: 'x' }], c: null, d: true };
    const copy = cloneJson(tree);
    expect(copy).toEqual(tree);
    (copy as { a: JsonValue[] }).a.push(2);
    expect((tree as { a: JsonValue[] }).a).toHaveLength(2);
  });

  it('cloneJson keeps a "__proto__" key as data and does not change the prototype', () => {
    const tree = JSON.parse('{"__proto__":{"polluted":true}}') as JsonValue;
    const copy = cloneJson(tree) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const inner: unknown = Object.getOwnPropertyDescriptor(copy, '__proto__')?.value;
    expect(inner).toEqual({ polluted: true });
    expect(inner).not.toBe(Object.getOwnPropertyDescriptor(tree, '__proto__')?.value);
  });

  it('cloneJson copies objects nested in arrays and arrays nested in objects', () => {
    const tree = JSON.parse('{"a":{"b":[{"c":[1,{"d":"e"}]}]},"f":"g"}') as JsonValue;
    const copy = cloneJson(tree) as { a: { b: [{ c: [number, { d: string }] }] }; f: string };
    expect(copy).toEqual(tree);
    copy.a.b[0].c[1].d = 'changed';
    copy.f = 'changed';
    expect(tree).toEqual(JSON.parse('{"a":{"b":[{"c":[1,{"d":"e"}]}]},"f":"g"}'));
  });

  it('encodeValue rejects what JSON cannot carry and accepts falsy JSON values', () => {
    expect(() => encodeValue(undefined)).toThrow(CacheValueError);
    expect(() => encodeValue(() => 1)).toThrow(CacheValueError);
    expect(encodeValue(0).json).toBe('0');
    expect(encodeValue('').tree).toBe('');
  });

  it('decodeValue returns undefined for corrupt text', () => {
    expect(decodeValue('{"a":')).toBeUndefined();
    expect(decodeValue('[1]')?.tree).toEqual([1]);
  });
});
