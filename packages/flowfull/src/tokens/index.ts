/**
 * @module flowfull/tokens: trust tokens on PASETO v4. `V4` and the PASERK helpers are the low
 * level; `createTrustTokens` adds key rotation, token types and single use on top.
 */

export type { TokenErrorCode } from './errors.js';
export {
  TokenClaimInvalidError,
  TokenDuplicateKeyError,
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
export type {
  InvitationPayload,
  InvitationTokens,
  InvitationTokensOptions,
  InvitationValidation,
  TokenPayload,
} from './invitation-tokens.js';
export { createInvitationTokens } from './invitation-tokens.js';
export type { TrustTokenKeys, TrustTokenPurpose } from './key-ring.js';
export { localKeyId, publicKeyId } from './key-ring.js';
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
export { decodePaserk, encodePaserk, isPaserk, paserkId } from './paseto/paserk.js';
export type { PasetoFooterInput, PasetoPayloadInput } from './paseto/token-parts.js';
export { DEFAULT_MAX_TOKEN_LENGTH } from './paseto/token-parts.js';
export type { CompleteOptions, PayloadOnlyOptions } from './paseto/v4.js';
export { V4 } from './paseto/v4.js';
export type { DatabaseTokenStateStore, DatabaseTokenStateStoreOptions } from './store/database-store.js';
export { createDatabaseTokenStateStore } from './store/database-store.js';
export type { MemoryTokenStateStoreOptions } from './store/memory-store.js';
export { createMemoryTokenStateStore } from './store/memory-store.js';
export type { RedisTokenStateStoreOptions, TokenStateRedisClient } from './store/redis-store.js';
export { createRedisTokenStateStore } from './store/redis-store.js';
export type { TokenStateStore } from './store/token-state-store.js';
export { MAX_JTI_LENGTH } from './store/token-state-store.js';
export type { TrustTokenDatabase, TrustTokenUsesTable } from './store/trust-token-uses-migration.js';
export {
  TRUST_TOKEN_USES_MIGRATION_NAME,
  trustTokenUsesMigration,
} from './store/trust-token-uses-migration.js';
export type {
  LoadedTrustTokenKeys,
  LoadTrustTokenKeysOptions,
  TrustTokenKeySettings,
} from './trust-token-keys.js';
export { DEVELOPMENT_KEYS_FILE, DEVELOPMENT_LOCAL_KEY_FILE, loadTrustTokenKeys } from './trust-token-keys.js';
export type { TrustTokens } from './trust-tokens.js';
export { createTrustTokens } from './trust-tokens.js';
export type {
  IssuedToken,
  IssueOptions,
  TrustTokenPayload,
  TrustTokensOptions,
  VerifyTrustTokenOptions,
} from './trust-tokens-options.js';
