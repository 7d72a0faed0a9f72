/**
 * @module A software WebAuthn authenticator for the passkey suites: an ES256 key pair from
 * node:crypto that answers creation options with a `none`-attestation registration response and
 * request options with a signed assertion, exactly as a browser would post them. Each answer can
 * be bent (origin, RP id, counter, user verification) to play an attacker or a broken device.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/** How one answer departs from an honest authenticator's. */
export interface Bend {
  /** The page origin the browser reports. @default the authenticator's origin */
  origin?: string;
  /** The RP id whose hash goes into the authenticator data. @default the options' RP id */
  rpId?: string;
  /** User verified (PIN, biometric). @default true */
  userVerified?: boolean;
  /** Use this challenge instead of the options'. */
  challenge?: string;
}

/** Options as the routes answer them (the fields the authenticator reads). */
export interface OfferedOptions {
  challenge: string;
  rp?: { id?: string };
  rpId?: string;
  user?: { id: string };
}

const b64url = (bytes: Uint8Array | Buffer): string => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

/** A software authenticator holding one credential. */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;
  /** The signature counter of the next assertion (kept at 0 when `synced`). */
  counter = 0;
  #userHandle = '';

  /**
   * @param origin the origin its "browser" reports
   * @param synced a synced passkey, whose counter stays 0
   */
  constructor(
    readonly origin: string,
    readonly synced = false,
  ) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#privateKey = pair.privateKey;
    this.#publicKey = pair.publicKey;
  }

  /** The base64url credential id. */
  get id(): string {
    return b64url(this.credentialId);
  }

  #authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  #clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** Answers creation options: the registration response a browser would post. */
  create(options: OfferedOptions, bend: Bend = {}): Record<string, unknown> {
    const jwk = this.#publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y ?? '', 'base64url'))],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, Buffer.from(cose)]);
    const uv = bend.userVerified ?? true;
    // UP, UV, AT; a synced passkey is also backup-eligible and backed up (BE, BS).
    const flags = 0x01 | (uv ? 0x04 : 0) | 0x40 | (this.synced ? 0x18 : 0);
    const authData = this.#authData(bend.rpId ?? options.rp?.id ?? '', flags, this.counter, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    this.#userHandle = options.user?.id ?? '';
    const clientData = this.#clientData(
      'webauthn.create',
      bend.challenge ?? options.challenge,
      bend.origin ?? this.origin,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientData),
        attestationObject: b64url(attestationObject),
        transports: ['internal', 'hybrid'],
      },
    };
  }

  /** Answers request options: a signed assertion (the counter moves on unless synced). */
  get(options: OfferedOptions, bend: Bend = {}): Record<string, unknown> {
    if (!this.synced) this.counter += 1;
    const uv = bend.userVerified ?? true;
    const flags = 0x01 | (uv ? 0x04 : 0) | (this.synced ? 0x18 : 0);
    const authData = this.#authData(bend.rpId ?? options.rpId ?? '', flags, this.counter);
    const clientData = this.#clientData(
      'webauthn.get',
      bend.challenge ?? options.challenge,
      bend.origin ?? this.origin,
    );
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.#privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(this.#userHandle && { userHandle: this.#userHandle }),
      },
    };
  }
}
