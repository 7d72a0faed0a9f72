import { describe, expect, it } from 'vitest';
import { hasDuplicateKey } from './json-duplicate-keys.js';

describe('hasDuplicateKey()', () => {
  it.each([
    '{"a":1,"a":2}',
    '{"a":1,"b":2,"a":3}',
    '{"a":{"b":1,"b":2}}',
    '[{"x":[{"y":1,"y":1}]}]',
    '{"sub":"a","s\\u0075b":"b"}',
    '{"\\"":1,"\\u0022":2}',
    '{"\\ud800":1,"\\uD800":2}',
    '{"a":1, "b":{}, "c":[], "a":2}',
    ' { "a" : 1 ,\n"a"\t: 2 } ',
    '{"":1,"":2}',
    '{"a:b":1,"a:b":2}',
    String.raw`{"x":"\\","x":"\\\""}`,
    String.raw`{"1":1,"\u0031":2}`,
  ])('finds the duplicate in %s', (json) => {
    expect(hasDuplicateKey(json, JSON.parse(json))).toBe(true);
  });

  it.each([
    '{}',
    '[]',
    '"a"',
    '{"a":1,"b":2}',
    '{"a":{"a":{"a":1}}}',
    '{"a":{"x":1},"b":{"x":1}}',
    '[{"a":1},{"a":2}]',
    '{"a":"a","b":["a","a"]}',
    '{"a":"\\",\\"a\\":1","b":"{\\"a\\":1,\\"a\\":2}"}',
    '{"a\\\\":1,"a":2}',
    '{"a":[{"b":1}],"b":1}',
    '{"a":{},"b":{"a":1}}',
    '{"a":"x:y:z","b":":"}',
    String.raw`{"a\\\"":1,"a\"":2,"a":3}`,
    '{"a":1,"A":2,"a ":3}',
  ])('finds none in %s', (json) => {
    expect(hasDuplicateKey(json, JSON.parse(json))).toBe(false);
  });
});
