/**
 * @module The errors of flowfull/vault, each with a stable code. Expected outcomes (an unknown
 * token, a missing key) are results; these are faults: a key that does not open a ciphertext, a
 * misconfigured master key, a backup that does not match its key.
 */
import { FlowfullError } from '../errors.js';

/** Stable codes of the vault's errors. */
export type VaultErrorCode =
  | 'ERR_VAULT_MASTER_KEY_INVALID'
  | 'ERR_VAULT_MASTER_KEY_UNKNOWN'
  | 'ERR_VAULT_DECRYPT_FAILED'
  | 'ERR_VAULT_BACKUP_INVALID'
  | 'ERR_VAULT_RESTORE_NOT_EMPTY';

/**
 * An error of the vault; never carries key material or plaintext.
 *
 * @example
 * ```ts
 * if (error instanceof VaultError && error.code === 'ERR_VAULT_DECRYPT_FAILED') alert();
 * ```
 */
export class VaultError extends FlowfullError<VaultErrorCode> {}
