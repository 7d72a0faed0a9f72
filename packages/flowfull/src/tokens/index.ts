/**
 * @module flowfull/tokens: trust tokens on PASETO v4. `V4` and the PASERK helpers are the low
 * level; `createTrustTokens` adds key rotation, token types and single use on top.
 */

export type { TokenErrorCode } from './errors.js';
export {
  TokenClaimInvalidError,
  TokenError,
  TokenExpiredError,
  TokenInvalidError,
  TokenKeyInvalidError,
  TokenNotYetValidError,
  TokenPayloadInvalidError,
  TokenUnknownKeyError,
  TokenUsedError,
  TokenWrongPurposeError,
} from './errors.js';
export type { ClaimOptions } from './paseto/claims.js';
export { checkClaims } from './paseto/claims.js';
export type { GenerateKeyOptions, KeyPair } from './paseto/generate-key.js';
export type { LocalKeyInput, PublicKeyInput, SecretKeyInput } from './paseto/keys.js';
export {
  rawPublicKey,
  rawSecretKey,
  toLocalKeyBytes,
  toPublicKeyObject,
  toSecretKeyObject,
} from './paseto/keys.js';
export type { CompleteResult, ConsumeOptions, PasetoPayload, ProduceOptions } from './paseto/options.js';
export type { DecodedPaserk, PaserkIdType, PaserkKeyType } from './paseto/paserk.js';
export { decodePaserk, encodePaserk, paserkId } from './paseto/paserk.js';
export type { PasetoFooterInput, PasetoPayloadInput } from './paseto/token-parts.js';
export { DEFAULT_MAX_TOKEN_LENGTH } from './paseto/token-parts.js';
export type { CompleteOptions, PayloadOnlyOptions } from './paseto/v4.js';
export { V4 } from './paseto/v4.js';
