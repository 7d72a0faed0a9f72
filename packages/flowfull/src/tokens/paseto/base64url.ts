/**
 * @module Strict, unpadded base64url (RFC 4648 §5) as PASETO requires.
 *
 * Node's `Buffer` decoder is lenient: it skips padding and foreign characters and ignores
 * non-zero trailing bits, so two different strings decode to the same bytes (PASETO vectors 4-F-4
 * and 4-F-5). The checks below reject every non-canonical form before handing the string to
 * `Buffer`, which stays the fast path.
 */

const ALPHABET = /^[A-Za-z0-9_-]*$/;
const INDEX = new Int8Array(128).fill(-1);
for (const [index, char] of [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
].entries()) {
  INDEX[char.charCodeAt(0)] = index;
}

/**
 * Encodes bytes as unpadded base64url.
 */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Decodes canonical unpadded base64url, or returns `null` for anything else: padding, characters
 * outside the alphabet, an impossible length, or non-zero trailing bits.
 */
export function decodeBase64Url(text: string): Buffer | null {
  const rest = text.length % 4;
  if (rest === 1 || !ALPHABET.test(text)) return null;
  if (rest !== 0) {
    const last = INDEX[text.charCodeAt(text.length - 1)] ?? -1;
    // Two leftover characters carry 12 bits for one byte (4 unused), three carry 18 for two (2 unused).
    const unused = rest === 2 ? 0b1111 : 0b11;
    if ((last & unused) !== 0) return null;
  }
  return Buffer.from(text, 'base64url');
}
