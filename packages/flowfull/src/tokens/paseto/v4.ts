/**
 * @module `V4`: the PASETO v4 operations, shaped like the `paseto` package's `V4` so that code
 * written against it (the Flowfull examples) runs unchanged.
 *
 * The operations are synchronous underneath; these wrappers keep the promise-returning shape and
 * turn every throw into a rejection. `verify<T>` and `decrypt<T>` type the payload as the caller's
 * `T` (any object type, interfaces included); like `JSON.parse`, the type is the caller's claim, so
 * check fields that come from outside before trusting them.
 */
import { generateKey } from './generate-key.js';
import type { LocalKeyInput, PublicKeyInput, SecretKeyInput } from './keys.js';
import type { CompleteResult, ConsumeOptions, PasetoPayload, ProduceOptions } from './options.js';
import type { PasetoPayloadInput } from './token-parts.js';
import { decryptV4Local, encryptV4Local } from './v4-local.js';
import { signV4Public, verifyV4Public } from './v4-public.js';

/** `verify`/`decrypt` options asking for the payload alone (the default). */
export type PayloadOnlyOptions = ConsumeOptions & { complete?: false };
/** `verify`/`decrypt` options asking for payload, footer, version and purpose. */
export type CompleteOptions = ConsumeOptions & { complete: true };

async function sign(
  payload: PasetoPayloadInput,
  secretKey: SecretKeyInput,
  options?: ProduceOptions,
): Promise<string> {
  return signV4Public(payload, secretKey, options);
}

async function verify<T extends object = PasetoPayload>(
  token: string,
  publicKey: PublicKeyInput,
  options?: PayloadOnlyOptions,
): Promise<T>;
async function verify<T extends object = PasetoPayload>(
  token: string,
  publicKey: PublicKeyInput,
  options: CompleteOptions,
): Promise<CompleteResult<T>>;
async function verify(
  token: string,
  publicKey: PublicKeyInput,
  options: ConsumeOptions & { complete?: boolean } = {},
): Promise<PasetoPayload | CompleteResult> {
  const result = verifyV4Public(token, publicKey, options);
  return options.complete === true ? result : result.payload;
}

async function encrypt(
  payload: PasetoPayloadInput,
  localKey: LocalKeyInput,
  options?: ProduceOptions,
): Promise<string> {
  return encryptV4Local(payload, localKey, options);
}

async function decrypt<T extends object = PasetoPayload>(
  token: string,
  localKey: LocalKeyInput,
  options?: PayloadOnlyOptions,
): Promise<T>;
async function decrypt<T extends object = PasetoPayload>(
  token: string,
  localKey: LocalKeyInput,
  options: CompleteOptions,
): Promise<CompleteResult<T>>;
async function decrypt(
  token: string,
  localKey: LocalKeyInput,
  options: ConsumeOptions & { complete?: boolean } = {},
): Promise<PasetoPayload | CompleteResult> {
  const result = decryptV4Local(token, localKey, options);
  return options.complete === true ? result : result.payload;
}

/**
 * PASETO version 4: `sign`/`verify` (v4.public, Ed25519) and `encrypt`/`decrypt` (v4.local,
 * XChaCha20 + BLAKE2b), plus `generateKey`. Keys may be raw bytes, PASERK strings or node
 * KeyObjects; each key is imported once, whatever its form, and reused on later calls.
 *
 * @example
 * ```ts
 * const { secretKey, publicKey } = await V4.generateKey('public');
 * const token = await V4.sign({ sub: 'user_1', exp: new Date(Date.now() + 60_000).toISOString() }, secretKey);
 * const payload = await V4.verify(token, publicKey); // { sub: 'user_1', exp: '…' }
 * ```
 */
export const V4 = Object.freeze({ sign, verify, encrypt, decrypt, generateKey });
