/**
 * @module flowfull/vault-client: a typed client of the session vault's Session API that keeps the
 * token in memory only and turns a 410 into one re-sign-in and one retry.
 */

export {
  createVaultClient,
  type VaultClient,
  VaultClientError,
  type VaultClientErrorCode,
  type VaultClientKey,
  type VaultClientOptions,
} from './vault-client.js';
