/**
 * @module PASERK k4 serialisation and ids against the official vectors, plus bad input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TokenKeyInvalidError } from '../errors.js';
import { decodePaserk, encodePaserk, isPaserk, type PaserkKeyType, paserkId } from './paserk.js';

interface PaserkVector {
  name: string;
  'expect-fail': boolean;
  key: string | null;
  paserk: string | null;
}

function vectors(type: string): PaserkVector[] {
  const url = new URL(`../../../test/fixtures/paseto/PASERK/${type}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { tests: PaserkVector[] }).tests;
}

const hex = (value: string | null): Buffer => Buffer.from(value ?? '', 'hex');

describe('PASERK k4 keys', () => {
  for (const type of ['k4.local', 'k4.public', 'k4.secret'] as const satisfies readonly PaserkKeyType[]) {
    for (const vector of vectors(type)) {
      if (!vector['expect-fail']) {
        it(`${vector.name}: encodes the key to the vector's PASERK and decodes it back`, () => {
          expect(encodePaserk(type, hex(vector.key))).toBe(vector.paserk);
          const decoded = decodePaserk(vector.paserk ?? '');
          expect(decoded.type).toBe(type);
          expect(decoded.key.toString('hex')).toBe(vector.key);
        });
      } else {
        it(`${vector.name}: is rejected with ERR_TOKEN_KEY_INVALID`, () => {
          if (vector.paserk !== null)
            expect(() => decodePaserk(vector.paserk ?? '')).toThrow(TokenKeyInvalidError);
          if (vector.key !== null)
            expect(() => encodePaserk(type, hex(vector.key))).toThrow(TokenKeyInvalidError);
        });
      }
    }
  }

  it('decodePaserk() rejects padding, a foreign alphabet and ids, and never echoes the input', () => {
    const good = 'k4.local.cHFyc3R1dnd4eXp7fH1-f4CBgoOEhYaHiImKi4yNjo8';
    expect(decodePaserk(good).key).toHaveLength(32);
    for (const bad of [
      `${good}=`,
      good.replace('-', '+'),
      'k4.lid.bqltbNc4JLUAmc9Xtpok-fBuI0dQN5_m3CD9W_nbh559',
      'k4',
      '',
    ]) {
      expect(() => decodePaserk(bad)).toThrow(TokenKeyInvalidError);
      try {
        decodePaserk(bad);
      } catch (error) {
        expect((error as Error).message).not.toContain('cHFyc3R1');
      }
    }
  });
});

describe('PASERK k4 ids', () => {
  const cases = [
    ['k4.lid', 'k4.local'],
    ['k4.pid', 'k4.public'],
    ['k4.sid', 'k4.secret'],
  ] as const;
  for (const [idType, keyType] of cases) {
    for (const vector of vectors(idType)) {
      if (!vector['expect-fail']) {
        it(`${vector.name}: the id of the key's PASERK is the vector's id`, () => {
          expect(paserkId(encodePaserk(keyType, hex(vector.key)))).toBe(vector.paserk);
        });
      } else {
        it(`${vector.name}: a key of the wrong size cannot be given an id`, () => {
          expect(() => paserkId(encodePaserk(keyType, hex(vector.key)))).toThrow(TokenKeyInvalidError);
        });
      }
    }
  }
});

describe('isPaserk()', () => {
  const local = encodePaserk('k4.local', new Uint8Array(32).fill(7));
  const publicKey = encodePaserk('k4.public', new Uint8Array(32).fill(8));
  const secret = encodePaserk('k4.secret', new Uint8Array(64).fill(9));

  it('is true for a well-formed key of the asked type', () => {
    expect(isPaserk(local, 'k4.local')).toBe(true);
    expect(isPaserk(publicKey, 'k4.public')).toBe(true);
    expect(isPaserk(secret, 'k4.secret')).toBe(true);
  });

  it('is false, without throwing, for a key of another type, a malformed key or a non-string', () => {
    expect(isPaserk(local, 'k4.secret')).toBe(false);
    expect(isPaserk(publicKey, 'k4.local')).toBe(false);
    expect(isPaserk(`${local}=`, 'k4.local')).toBe(false);
    expect(isPaserk(local.slice(0, -2), 'k4.local')).toBe(false);
    expect(isPaserk(`k3.local.${local.slice(9)}`, 'k4.local')).toBe(false);
    expect(isPaserk(paserkId(local), 'k4.local')).toBe(false);
    expect(isPaserk('', 'k4.public')).toBe(false);
    expect(isPaserk(undefined, 'k4.public')).toBe(false);
    expect(isPaserk(42, 'k4.public')).toBe(false);
  });
});
