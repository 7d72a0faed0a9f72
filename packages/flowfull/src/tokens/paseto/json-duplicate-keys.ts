/**
 * @module Finds duplicate keys in JSON text, which `JSON.parse` accepts silently (the last one wins).
 *
 * Another parser may keep the first of two equal keys, so a signed `{"sub":"a","sub":"b"}` would
 * read as two different subjects. The check runs on text that `JSON.parse` has already accepted,
 * which lets it skip all validation: it only tracks where strings start and end, which strings are
 * object keys, and the keys of each open object.
 *
 * Written here rather than taken from npm: `json-dup-key-validator` (and its fork
 * `json-duplicate-key-handle`) is an unmaintained re-parser built on an old unescaping package, and
 * `@humanwhocodes/momoa`, the maintained option, is a full tokenizer and AST builder — a runtime
 * dependency of flowfull for a check that needs one pass and a key set per object.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * Whether some object in `json` has two equal keys, at any depth. Keys are compared as decoded
 * strings, so `"sub"` and `"s\u0075b"` are the same key. `json` must be text `JSON.parse` accepts;
 * for anything else the answer is meaningless (parse first).
 *
 * @example
 * ```ts
 * hasDuplicateKey('{"a":{"b":1,"b":2}}'); // true
 * hasDuplicateKey('{"a":{"b":1},"c":{"b":2}}'); // false
 * ```
 */
export function hasDuplicateKey(json: string): boolean {
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let keys: Set<string> | null = null;
  let expectingKey = false;
  const length = json.length;
  for (let i = 0; i < length; i++) {
    const char = json.charCodeAt(i);
    if (char === QUOTE) {
      let end = i + 1;
      let escaped = false;
      while (end < length) {
        const inner = json.charCodeAt(end);
        if (inner === QUOTE) break;
        if (inner === BACKSLASH) {
          escaped = true;
          end += 2;
        } else {
          end += 1;
        }
      }
      if (expectingKey && keys !== null) {
        // An escaped key is decoded by JSON.parse itself, so both readings agree on what it is.
        const key: unknown = escaped ? JSON.parse(json.slice(i, end + 1)) : json.slice(i + 1, end);
        if (typeof key === 'string') {
          if (keys.has(key)) return true;
          keys.add(key);
        }
        expectingKey = false;
      }
      i = end;
    } else if (char === OPEN_OBJECT) {
      keys = new Set();
      open.push(keys);
      expectingKey = true;
    } else if (char === OPEN_ARRAY) {
      keys = null;
      open.push(null);
      expectingKey = false;
    } else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) {
      open.pop();
      keys = open.at(-1) ?? null;
      expectingKey = false;
    } else if (char === COMMA) {
      expectingKey = keys !== null;
    } else if (char === COLON) {
      expectingKey = false;
    }
  }
  return false;
}
