/**
 * @module `KeyImportCache`: imports each key once, whatever form it is given in, so that signing,
 * verifying, encrypting and decrypting do not import or derive the key again on every token.
 */
import * as crypto from 'node:crypto';

// The one-shot crypto.hash() exists from Node 20.12; older Node 20 releases use createHash().
const sha256: (bytes: Uint8Array) => string =
  typeof crypto.hash === 'function'
    ? (bytes) => crypto.hash('sha256', bytes, 'base64')
    : (bytes) => crypto.createHash('sha256').update(bytes).digest('base64');

/**
 * How many distinct keys of one kind are kept by content, and by PASERK string, before the least
 * recently used is dropped.
 */
export const KEY_CACHE_LIMIT = 64;

// Entry of the identity level: the imported key and a private copy of the bytes it was imported
// from, compared on every hit so that a caller rewriting its array with another key never gets the
// old key back. The copy sits in a #private field, out of reach of util.inspect and JSON, and in
// its own ArrayBuffer rather than a slice of Buffer's shared pool.
class ImportedBytes<T> {
  readonly #bytes: Buffer;
  readonly value: T;

  constructor(bytes: Uint8Array, value: T) {
    this.#bytes = Buffer.alloc(bytes.byteLength);
    this.#bytes.set(bytes);
    this.value = value;
  }

  matches(bytes: Uint8Array): boolean {
    return this.#bytes.equals(bytes);
  }
}

// A Map used as a bounded LRU: a hit moves its entry to the end, a full map drops the first.
class BoundedMap<V> {
  readonly #entries = new Map<string, V>();

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined && this.#entries.size > 1) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.#entries.size >= KEY_CACHE_LIMIT) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }
}

/**
 * Imported keys of one kind (Ed25519 secret, Ed25519 public, v4.local), looked up by the form the
 * caller passes:
 *
 * - a `Uint8Array` by identity first (a WeakMap: no hashing on the hot path, gone with the array;
 *   an array gets its entry the second time it is passed), then by content (a bounded LRU keyed
 *   by the SHA-256 digest of the bytes, never by the bytes, for callers that decode the key anew on
 *   every call);
 * - a PASERK string in a bounded LRU keyed by the string (the caller's own string: no new copy of
 *   the key is made), then by content, so a key given as PASERK and as bytes is imported once;
 * - a `KeyObject` by identity (KeyObjects are immutable).
 *
 * Failed imports are never cached: a malformed key throws on every call.
 */
export class KeyImportCache<T> {
  readonly #import: (bytes: Uint8Array) => T;
  readonly #byArray = new WeakMap<Uint8Array, ImportedBytes<T>>();
  readonly #byDigest = new BoundedMap<T>();
  readonly #byText = new BoundedMap<T>();
  readonly #byObject = new WeakMap<crypto.KeyObject, T>();
  // The caller's own array of the last identity miss (no copy): the one reference this cache keeps
  // to an array it has no entry for, dropped at the next miss.
  #lastMiss: Uint8Array | undefined;

  /** @param importBytes Imports raw key bytes; throws a `TokenKeyInvalidError` for malformed ones. */
  constructor(importBytes: (bytes: Uint8Array) => T) {
    this.#import = importBytes;
  }

  /** The key imported from `bytes`: from the identity level, else the content level, else imported now. */
  bytes(bytes: Uint8Array): T {
    const known = this.#byArray.get(bytes);
    if (known?.matches(bytes)) return known.value;
    const value = this.content(bytes);
    // An identity entry (a WeakMap slot and a copy) pays off only for an array passed again: given
    // a fresh array on every call, it would cost more than the digest it saves (measured: 3.2 µs
    // against 1.1 µs per call). So an array gets one on its second miss in a row, or when it had
    // one and was rewritten.
    if (known !== undefined || this.#lastMiss === bytes) {
      this.#byArray.set(bytes, new ImportedBytes(bytes, value));
      this.#lastMiss = undefined;
    } else {
      this.#lastMiss = bytes;
    }
    return value;
  }

  /** The key imported from `bytes`, looked up by their digest only (bytes the caller never passes again). */
  content(bytes: Uint8Array): T {
    const digest = sha256(bytes);
    const known = this.#byDigest.get(digest);
    if (known !== undefined) return known;
    const value = this.#import(bytes);
    this.#byDigest.set(digest, value);
    return value;
  }

  /** The key of a PASERK string; `decode` checks its type and returns its bytes on a miss. */
  text(text: string, decode: (text: string) => Uint8Array): T {
    const known = this.#byText.get(text);
    if (known !== undefined) return known;
    const value = this.content(decode(text));
    this.#byText.set(text, value);
    return value;
  }

  /** The key of a KeyObject; `convert` checks its type and converts it on a miss. */
  object(key: crypto.KeyObject, convert: (key: crypto.KeyObject) => T): T {
    const known = this.#byObject.get(key);
    if (known !== undefined) return known;
    const value = convert(key);
    this.#byObject.set(key, value);
    return value;
  }
}
