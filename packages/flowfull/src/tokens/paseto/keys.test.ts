import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenKeyInvalidError } from '../errors.js';
import { rawPublicKey, rawSecretKey, toPublicKeyObject, toSecretKeyObject } from './keys.js';
import { encodePaserk } from './paserk.js';
import { V4 } from './v4.js';

const pair = generateKeyPairSync('ed25519');
const secretBytes = rawSecretKey(pair.privateKey);
const publicBytes = rawPublicKey(pair.publicKey);

describe('toSecretKeyObject() / toPublicKeyObject() with raw bytes', () => {
  it('imports a 64-byte secret key once: the same array gives the same KeyObject on every call', () => {
    const bytes = Uint8Array.from(secretBytes);
    const first = toSecretKeyObject(bytes);
    expect(toSecretKeyObject(bytes)).toBe(first);
    expect(rawSecretKey(first).equals(secretBytes)).toBe(true);
  });

  it('imports a 32-byte public key once: the same array gives the same KeyObject on every call', () => {
    const bytes = Uint8Array.from(publicBytes);
    const first = toPublicKeyObject(bytes);
    expect(toPublicKeyObject(bytes)).toBe(first);
    expect(rawPublicKey(first).equals(publicBytes)).toBe(true);
  });

  it('reuses the import for a fresh copy of the same bytes (a key decoded anew on every call)', () => {
    const secret = toSecretKeyObject(Buffer.from(secretBytes));
    expect(toSecretKeyObject(Buffer.from(secretBytes))).toBe(secret);
    expect(toSecretKeyObject(new Uint8Array(secretBytes))).toBe(secret);
    const seed = toSecretKeyObject(secretBytes.subarray(0, 32));
    expect(toSecretKeyObject(Buffer.from(secretBytes.subarray(0, 32)))).toBe(seed);
    expect(rawSecretKey(seed).equals(secretBytes)).toBe(true);
    const publicKey = toPublicKeyObject(Buffer.from(publicBytes));
    expect(toPublicKeyObject(Buffer.from(publicBytes))).toBe(publicKey);
  });

  it('shares one import between the raw bytes and the PASERK string of a key', () => {
    const fromBytes = toPublicKeyObject(Buffer.from(publicBytes));
    expect(toPublicKeyObject(encodePaserk('k4.public', publicBytes))).toBe(fromBytes);
  });

  it('notices a caller rewriting its array with another key, and signs with the new key', async () => {
    const other = generateKeyPairSync('ed25519');
    const bytes = Uint8Array.from(secretBytes);
    expect(rawSecretKey(toSecretKeyObject(bytes)).equals(secretBytes)).toBe(true);
    bytes.set(rawSecretKey(other.privateKey));
    expect(rawSecretKey(toSecretKeyObject(bytes)).equals(rawSecretKey(other.privateKey))).toBe(true);
    const token = await V4.sign({ sub: 'user_1' }, bytes);
    expect(await V4.verify(token, other.publicKey)).toEqual({ sub: 'user_1' });
    await expect(V4.verify(token, pair.publicKey)).rejects.toThrow('Token signature verification failed');
  });

  it('rejects a malformed key on every call, not only the first, without echoing it', () => {
    const inconsistent = Buffer.concat([secretBytes.subarray(0, 32), Buffer.alloc(32, 7)]);
    for (let i = 0; i < 2; i++) {
      expect(() => toSecretKeyObject(inconsistent)).toThrow(TokenKeyInvalidError);
      expect(() => toSecretKeyObject(inconsistent)).toThrow('The secret key does not match its public half');
    }
    expect(() => toPublicKeyObject(new Uint8Array(31))).toThrow(TokenKeyInvalidError);
    expect(() => toPublicKeyObject(new Uint8Array(31))).toThrow(TokenKeyInvalidError);
    const wrongType = encodePaserk('k4.local', Buffer.alloc(32, 1));
    expect(() => toSecretKeyObject(wrongType)).toThrow('Expected a k4.secret key, got k4.local');
    expect(() => toSecretKeyObject(wrongType)).toThrow('Expected a k4.secret key, got k4.local');
  });

  it('keeps each kind apart: the same 32 bytes as a seed and as a public key give two different keys', () => {
    const bytes = Buffer.from(publicBytes);
    expect(toPublicKeyObject(bytes).type).toBe('public');
    expect(toSecretKeyObject(bytes).type).toBe('private');
    expect(toPublicKeyObject(bytes).type).toBe('public');
  });

  it('rejects a KeyObject of the wrong type', () => {
    expect(() => toSecretKeyObject(pair.publicKey)).toThrow(TokenKeyInvalidError);
    expect(() => toPublicKeyObject(pair.privateKey)).toThrow(TokenKeyInvalidError);
    expect(() => toPublicKeyObject(createSecretKey(Buffer.alloc(32)))).toThrow(TokenKeyInvalidError);
  });
});
