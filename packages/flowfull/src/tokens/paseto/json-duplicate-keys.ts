/**
 * @module Finds duplicate keys in JSON text, which `JSON.parse` accepts silently (the last one wins).
 *
 * Another parser may keep the first of two equal keys, so a signed `{"sub":"a","sub":"b"}` would
 * read as two different subjects. `JSON.parse` merges equal keys (escaped or not) into one
 * property, so the text has a duplicate exactly when it holds more keys than the parsed value has
 * properties. Keys in the text are its colons outside strings (in JSON, each separates one key from
 * its value); properties are counted by walking the parsed value. Neither step decodes or copies a
 * key, which keeps the check to about a third of the `JSON.parse` it follows.
 *
 * Written here rather than taken from npm: `json-dup-key-validator` (and its fork
 * `json-duplicate-key-handle`) is an unmaintained re-parser built on an old unescaping package, and
 * `@humanwhocodes/momoa`, the maintained option, is a full tokenizer and AST builder — a runtime
 * dependency of flowfull for a check that needs one pass over the text.
 */

const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * Whether some object in `json` has two equal keys, at any depth. Keys are compared as decoded
 * strings, so `"sub"` and `"s\u0075b"` are the same key. `parsed` must be `JSON.parse(json)`.
 */
export function hasDuplicateKey(json: string, parsed: unknown): boolean {
  return countKeys(json) !== countProperties(parsed);
}

// Colons outside strings. Strings are skipped with indexOf; a quote ends one unless an odd run of
// backslashes precedes it.
function countKeys(json: string): number {
  let keys = 0;
  let at = 0;
  const length = json.length;
  while (at < length) {
    let quote = json.indexOf('"', at);
    if (quote === -1) quote = length;
    for (let i = at; i < quote; i++) if (json.charCodeAt(i) === COLON) keys++;
    if (quote === length) break;
    let end = json.indexOf('"', quote + 1);
    while (end !== -1 && isEscaped(json, end)) end = json.indexOf('"', end + 1);
    if (end === -1) break;
    at = end + 1;
  }
  return keys;
}

function isEscaped(json: string, quote: number): boolean {
  let backslashes = 0;
  while (json.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

// Own properties of every object in a parsed JSON value, without recursion (the nesting depth is
// the sender's choice).
function countProperties(parsed: unknown): number {
  let properties = 0;
  const pending: unknown[] = [parsed];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
    if (!Array.isArray(value)) properties += children.length;
    for (const child of children) if (typeof child === 'object' && child !== null) pending.push(child);
  }
  return properties;
}
