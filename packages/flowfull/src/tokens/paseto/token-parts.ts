/**
 * @module Splits a PASETO token into its decoded body and footer, rejecting anything non-canonical.
 */
import {
  TokenDuplicateKeyError,
  TokenInvalidError,
  TokenPayloadInvalidError,
  TokenWrongPurposeError,
} from '../errors.js';
import { decodeBase64Url } from './base64url.js';
import { hasDuplicateKey } from './json-duplicate-keys.js';

/** The largest token accepted by default, in characters (8 KiB). */
export const DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

/** A payload to sign or encrypt: a JSON object, or a string holding the exact JSON text of one. */
export type PasetoPayloadInput = Readonly<Record<string, unknown>> | string;

/** A footer: a string, or an object serialised as JSON. */
export type PasetoFooterInput = string | Readonly<Record<string, unknown>>;

/** The decoded parts of a token. */
export interface TokenParts {
  /** The base64url-decoded body (payload and signature, or nonce, ciphertext and tag). */
  readonly body: Buffer;
  /** The base64url-decoded footer, empty when the token has none. */
  readonly footer: Buffer;
}

const EMPTY = Buffer.alloc(0);
const OTHER_PURPOSE = /^v[0-9]+\.(?:local|public)\./;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks the header and the size limit, then decodes body and footer with strict base64url.
 *
 * @throws {TokenWrongPurposeError} when the token is another PASETO version or purpose.
 * @throws {TokenInvalidError} when it is oversized or malformed.
 */
export function splitToken(token: unknown, header: string, maxLength: number): TokenParts {
  if (typeof token !== 'string') throw new TokenInvalidError('A token must be a string');
  if (token.length > maxLength) throw new TokenInvalidError(`Token is longer than ${maxLength} characters`);
  if (!token.startsWith(header)) {
    if (OTHER_PURPOSE.test(token))
      throw new TokenWrongPurposeError(`Expected a ${header.slice(0, -1)} token`);
    throw new TokenInvalidError('Not a PASETO token');
  }
  const dot = token.indexOf('.', header.length);
  const bodyText = dot === -1 ? token.slice(header.length) : token.slice(header.length, dot);
  const footerText = dot === -1 ? null : token.slice(dot + 1);
  // An empty footer is encoded by omitting the last part, so "…." is not canonical.
  if (footerText !== null && (footerText.length === 0 || footerText.includes('.'))) {
    throw new TokenInvalidError('Malformed token footer');
  }
  const body = decodeBase64Url(bodyText);
  const footer = footerText === null ? EMPTY : decodeBase64Url(footerText);
  if (body === null || footer === null) throw new TokenInvalidError('Token is not canonical base64url');
  return { body, footer };
}

/**
 * Serialises a payload to sign or encrypt. A string is checked to be the JSON text of an object
 * without duplicate keys and kept byte for byte; an object is serialised with `JSON.stringify`.
 *
 * @throws {TokenPayloadInvalidError} when the payload is not a JSON object.
 * @throws {TokenDuplicateKeyError} when a string payload has a duplicate key.
 */
export function payloadBytes(payload: PasetoPayloadInput): Buffer {
  return Buffer.from(payloadText(payload), 'utf8');
}

/**
 * The JSON text of a payload to sign or encrypt, checked like `payloadBytes`.
 *
 * @throws {TokenPayloadInvalidError} when the payload is not a JSON object.
 * @throws {TokenDuplicateKeyError} when a string payload has a duplicate key.
 */
export function payloadText(payload: PasetoPayloadInput): string {
  if (typeof payload === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch (cause) {
      throw new TokenPayloadInvalidError('A string payload must be the JSON text of an object', { cause });
    }
    if (!isJsonObject(parsed)) {
      throw new TokenPayloadInvalidError('A string payload must be the JSON text of an object');
    }
    if (hasDuplicateKey(payload, parsed)) throw new TokenDuplicateKeyError('payload');
    return payload;
  }
  if (!isJsonObject(payload)) throw new TokenPayloadInvalidError('A payload must be a JSON object');
  return JSON.stringify(payload);
}

/**
 * Serialises a footer to sign or encrypt (`undefined` is empty). A string footer that is JSON is
 * checked for duplicate keys, as verifiers check it.
 *
 * @throws {TokenDuplicateKeyError} when a JSON footer has a duplicate key.
 */
export function footerBytes(footer: PasetoFooterInput | undefined): Buffer {
  if (typeof footer === 'string') checkJsonFooter(footer);
  return textBytes(footer);
}

/**
 * Serialises a footer or an implicit assertion (`undefined` is empty), unchecked.
 */
export function textBytes(value: PasetoFooterInput | Uint8Array | undefined): Buffer {
  if (value === undefined || value === '') return EMPTY;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (!isJsonObject(value)) throw new TokenPayloadInvalidError('A footer must be a string or a JSON object');
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * Parses an authenticated payload: strict UTF-8, then JSON, which must be an object without
 * duplicate keys at any depth.
 *
 * @throws {TokenDuplicateKeyError} when an object of the payload has a key twice.
 * @throws {TokenInvalidError} otherwise.
 */
export function parsePayload(bytes: Uint8Array): Record<string, unknown> {
  let text: string;
  let parsed: unknown;
  try {
    text = UTF8.decode(bytes);
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new TokenInvalidError('Token payload is not JSON', { cause });
  }
  if (!isJsonObject(parsed)) throw new TokenInvalidError('Token payload is not a JSON object');
  if (hasDuplicateKey(text, parsed)) throw new TokenDuplicateKeyError('payload');
  return parsed;
}

/**
 * Decodes a footer as strict UTF-8 text; a footer that is JSON must have no duplicate keys.
 *
 * @throws {TokenInvalidError} when it is not valid UTF-8.
 * @throws {TokenDuplicateKeyError} when a JSON footer has a duplicate key.
 */
export function footerText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch (cause) {
    throw new TokenInvalidError('Token footer is not UTF-8', { cause });
  }
  checkJsonFooter(text);
  return text;
}

// A footer is JSON when it parses as a JSON object or array; any other footer is opaque text, which
// no JSON parser reads, so it cannot be read two ways.
function checkJsonFooter(text: string): void {
  const first = text.trimStart().charCodeAt(0);
  if (first !== 0x7b && first !== 0x5b) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return;
  }
  if (hasDuplicateKey(text, parsed)) throw new TokenDuplicateKeyError('footer');
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}
