/**
 * @module `KeyImportCache`: imports each key once, whatever form it is given in, so that signing,
 * verifying, encrypting and decrypting do not import or derive the key again on every token.
 */
import { hash, type KeyObject } from 'node:crypto';

/** How many distinct keys of one kind are kept by content, and by PASERK string, before the least recently used is dropped. */
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
 * - a `Uint8Array` by identity first (a WeakMap: no hashing on the hot path, gone with the array),
 *   then by content (a bounded LRU keyed by the SHA-256 digest of the bytes, never by the bytes,
 *   for callers that decode the key anew on every call);
 * - a PASERK string in a bounded LRU keyed by the string (the caller's own string: no new copy of
 *   the key is made), then by content, so a key given as PASERK and as bytes is imported once;
 * - a `KeyObject` by identity (KeyObjects are immutable).
 *
 * Failed imports are never cached: a malformed key throws on every call.
 *
 * @example
 * ```ts
 * const publicKeys = new KeyImportCache(publicFromBytes);
 * publicKeys.bytes(raw) === publicKeys.bytes(Buffer.from(raw)); // true: imported once
 * ```
 */
export class KeyImportCache<T> {
  readonly #import: (bytes: Uint8Array) => T;
  readonly #byArray = new WeakMap<Uint8Array, ImportedBytes<T>>();
  readonly #byDigest = new BoundedMap<T>();
  readonly #byText = new BoundedMap<T>();
  readonly #byObject = new WeakMap<KeyObject, T>();

  /** @param importBytes Imports raw key bytes; throws a `TokenKeyInvalidError` for malformed ones. */
  constructor(importBytes: (bytes: Uint8Array) => T) {
    this.#import = importBytes;
  }

  /** The key imported from `bytes`: from the identity level, else the content level, else imported now. */
  bytes(bytes: Uint8Array): T {
    const known = this.#byArray.get(bytes);
    if (known?.matches(bytes)) return known.value;
    const value = this.content(bytes);
    this.#byArray.set(bytes, new ImportedBytes(bytes, value));
    return value;
  }

  /** The key imported from `bytes`, looked up by their digest only (for bytes the caller never sees again). */
  content(bytes: Uint8Array): T {
    const digest = hash('sha256', bytes, 'base64');
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
  object(key: KeyObject, convert: (key: KeyObject) => T): T {
    const known = this.#byObject.get(key);
    if (known !== undefined) return known;
    const value = convert(key);
    this.#byObject.set(key, value);
    return value;
  }
}
