/**
 * @module Conformance of V4 against the official PASETO v4 test vectors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TokenError } from '../errors.js';
import { V4 } from './v4.js';
import { encryptV4Local } from './v4-local.js';

interface Vector {
  name: string;
  'expect-fail': boolean;
  key?: string;
  nonce?: string;
  'public-key'?: string;
  'secret-key'?: string;
  'secret-key-seed'?: string;
  token: string;
  payload: string | null;
  footer: string;
  'implicit-assertion': string;
}

const { tests } = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/paseto/v4.json', import.meta.url), 'utf8'),
) as { tests: Vector[] };
const hex = (value: string | undefined): Buffer => Buffer.from(value ?? '', 'hex');
const passing = tests.filter((vector) => !vector['expect-fail']);
const failing = tests.filter((vector) => vector['expect-fail']);
// Vectors carry dates in 2022; claims are checked against a clock frozen before them.
const now = (): number => Date.parse('2021-06-01T00:00:00Z');

describe('PASETO v4 vectors', () => {
  it('covers every vector of the suite (9 local, 3 public, 5 failing)', () => {
    expect(passing.filter((v) => v.token.startsWith('v4.local.'))).toHaveLength(9);
    expect(passing.filter((v) => v.token.startsWith('v4.public.'))).toHaveLength(3);
    expect(failing).toHaveLength(5);
  });

  for (const vector of passing.filter((v) => v.token.startsWith('v4.local.'))) {
    it(`${vector.name}: decrypt() returns the vector's payload and footer`, async () => {
      const result = await V4.decrypt(vector.token, hex(vector.key), {
        assertion: vector['implicit-assertion'],
        complete: true,
        now,
      });
      expect(result.payload).toEqual(JSON.parse(vector.payload ?? ''));
      expect(result.footer).toBe(vector.footer);
    });

    it(`${vector.name}: encrypting with the vector's nonce reproduces the token exactly`, () => {
      const token = encryptV4Local(
        vector.payload ?? '',
        hex(vector.key),
        { footer: vector.footer, assertion: vector['implicit-assertion'] },
        hex(vector.nonce),
      );
      expect(token).toBe(vector.token);
    });
  }

  for (const vector of passing.filter((v) => v.token.startsWith('v4.public.'))) {
    it(`${vector.name}: verify() returns the vector's payload and footer`, async () => {
      const result = await V4.verify(vector.token, hex(vector['public-key']), {
        assertion: vector['implicit-assertion'],
        complete: true,
        now,
      });
      expect(result.payload).toEqual(JSON.parse(vector.payload ?? ''));
      expect(result.footer).toBe(vector.footer);
    });

    it(`${vector.name}: signing the payload reproduces the token exactly, from the secret key or its seed`, async () => {
      const options = { footer: vector.footer, assertion: vector['implicit-assertion'] };
      expect(await V4.sign(vector.payload ?? '', hex(vector['secret-key']), options)).toBe(vector.token);
      expect(await V4.sign(vector.payload ?? '', hex(vector['secret-key-seed']), options)).toBe(vector.token);
    });
  }

  for (const vector of failing) {
    it(`${vector.name}: is rejected by both verify() and decrypt()`, async () => {
      const options = { assertion: vector['implicit-assertion'], now };
      if (vector['public-key'] !== undefined) {
        await expect(V4.verify(vector.token, hex(vector['public-key']), options)).rejects.toBeInstanceOf(
          TokenError,
        );
      }
      if (vector.key !== undefined) {
        await expect(V4.decrypt(vector.token, hex(vector.key), options)).rejects.toBeInstanceOf(TokenError);
      }
    });
  }

  it('4-F-4 and 4-F-5 are rejected for their non-canonical base64url, although their bytes authenticate', async () => {
    const [f4, f5] = [failing.find((v) => v.name === '4-F-4'), failing.find((v) => v.name === '4-F-5')];
    await expect(V4.decrypt(f4?.token ?? '', hex(f4?.key), { now })).rejects.toMatchObject({
      code: 'ERR_TOKEN_INVALID',
      message: 'Token is not canonical base64url',
    });
    await expect(V4.decrypt(f5?.token ?? '', hex(f5?.key), { now })).rejects.toMatchObject({
      code: 'ERR_TOKEN_INVALID',
      message: 'Token is not canonical base64url',
    });
  });
});
