/**
 * @module The vault service's configuration: flowfull's variables plus the vault's keys and
 * limits, parsed once at start. `DATABASE_URL` defaults to an embedded libSQL file under `DATA_DIR`.
 */
import { resolve } from 'node:path';
import {
  defaultOf,
  envInteger,
  envList,
  envOptionalString,
  envVariable,
  type FlowfullConfig,
  flowfullVariables,
  loadConfigOrExit,
  type SectionValues,
} from 'flowfull/config';
import { DEFAULT_BODY_LIMIT } from 'flowfull/server';

/** The vault's own variables. */
export const vaultVariables = {
  VAULT_MASTER_KEY: envVariable(
    envOptionalString(),
    undefined,
    'Master key wrapping the workspaces’ data keys: k4.local PASERK or 32 bytes base64url (generated under DATA_DIR in development).',
  ),
  VAULT_PREVIOUS_MASTER_KEYS: envVariable(
    envList(),
    undefined,
    'Comma-separated master keys still accepted for unwrapping while `vault rotate-key` runs.',
  ),
  VAULT_BACKUP_KEY: envVariable(
    envOptionalString(),
    undefined,
    'Key sealing `vault backup` files (same format as VAULT_MASTER_KEY); needed by backup and restore only.',
  ),
  CORS_ORIGINS: envVariable(envList(), undefined, 'Comma-separated origins allowed by CORS, exactly.'),
  BODY_LIMIT_BYTES: envVariable(
    envInteger({ min: 1024 }),
    String(DEFAULT_BODY_LIMIT),
    'Largest request body in bytes (413 above).',
  ),
} as const;

/** The vault's resolved configuration. */
export type VaultConfig = FlowfullConfig & SectionValues<typeof vaultVariables>;

/** Port the vault listens on unless `PORT` says otherwise. */
export const DEFAULT_VAULT_PORT = 3002;

/**
 * `env` with the vault's defaults filled in: an embedded libSQL database under `DATA_DIR` and port 3002.
 */
export function withVaultDefaults(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const dataDir = resolve(env.DATA_DIR ?? defaultOf(flowfullVariables.DATA_DIR));
  return {
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? `file:${resolve(dataDir, 'vault.db')}`,
    PORT: env.PORT ?? String(DEFAULT_VAULT_PORT),
  };
}

/**
 * Reads the configuration, or exits with one message listing every problem.
 */
export function loadVaultConfig(env: Readonly<Record<string, string | undefined>>): VaultConfig {
  return loadConfigOrExit(env, { extend: vaultVariables });
}
