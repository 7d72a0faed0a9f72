/**
 * @module Backup codes: 10 codes of 120 random bits each, written as 24 Crockford base32
 * characters in six groups (`7k3m-…`), readable aloud and free of look-alike letters. Input is
 * normalised (case, separators, `i`/`l` → `1`, `o` → `0`) before hashing.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** How many codes one generation yields. */
export const BACKUP_CODE_COUNT = 10;

/**
 * Generates {@link BACKUP_CODE_COUNT} fresh codes (120 bits each).
 */
export function newBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () => {
    const bytes = randomBytes(15);
    let bits = 0;
    let value = 0;
    let out = '';
    for (const byte of bytes) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        out += ALPHABET[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
      value &= (1 << bits) - 1;
    }
    return out.match(/.{4}/g)?.join('-') ?? out;
  });
}

/**
 * The canonical form of a typed backup code (what is hashed), or null when it cannot be one.
 */
export function normaliseBackupCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0');
  return /^[0-9a-hjkmnp-tv-z]{24}$/.test(compact) ? compact : null;
}
