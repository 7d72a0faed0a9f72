/**
 * @module Trust token keys from configuration. In development, whichever keys are not configured
 * are generated once under the data folder (mode 0600), so tokens survive restarts without setup.
 */
import { join } from 'node:path';
import type { FlowfullConfig } from '../config/index.js';
import type { Logger } from '../logger.js';
import { readOrCreateKeyFile } from './development-key-file.js';
import { TokenKeyInvalidError } from './errors.js';
import { generateKey } from './paseto/generate-key.js';
import { decodePaserk, isPaserk, type PaserkKeyType } from './paseto/paserk.js';

/** The configuration keys this module reads, so the whole `FlowfullConfig` fits. */
export type TrustTokenKeySettings = Pick<
  FlowfullConfig,
  'NODE_ENV' | 'DATA_DIR' | 'TRUST_TOKEN_SECRET_KEY' | 'TRUST_TOKEN_PUBLIC_KEYS' | 'TRUST_TOKEN_LOCAL_KEY'
>;

/** Keys ready for `createTrustTokens({ keys })`, plus the local key for v4.local uses. */
export interface LoadedTrustTokenKeys {
  /** `k4.secret` signing key, or `null` (verify-only). */
  readonly secretKey: string | null;
  /** Accepted `k4.public` keys (rotation). */
  readonly publicKeys: readonly string[];
  /** `k4.local` key, or `null`. */
  readonly localKey: string | null;
  /** Where the keys came from: the configuration alone, or partly the development key files. */
  readonly source: 'config' | 'development-file';
}

/** Options of `loadTrustTokenKeys`. */
export interface LoadTrustTokenKeysOptions {
  /** Receives one line per development key file generated (its path, never the keys). @default no-op */
  logger?: Pick<Logger, 'info'>;
}

/** File name, inside `DATA_DIR`, of the generated development signing keys. */
export const DEVELOPMENT_KEYS_FILE = 'trust-token-keys.json';

/** File name, inside `DATA_DIR`, of the generated development local key. */
export const DEVELOPMENT_LOCAL_KEY_FILE = 'trust-token-local-key.json';

function expectType(value: unknown, type: PaserkKeyType, name: string): string {
  if (typeof value === 'string' && isPaserk(value, type)) return value;
  let actual: string | undefined;
  try {
    actual = typeof value === 'string' ? decodePaserk(value).type : undefined;
  } catch {
    actual = undefined;
  }
  if (actual !== undefined) throw new TokenKeyInvalidError(`${name} must be a ${type} key, got ${actual}`);
  throw new TokenKeyInvalidError(`${name} is not a valid ${type} PASERK key`);
}

/**
 * Loads the trust token keys from configuration. In development (`NODE_ENV=development`), the keys
 * that are not configured come from files in `DATA_DIR`, generated on first use with mode 0600:
 * the signing pair from `trust-token-keys.json`, the local key from `trust-token-local-key.json`.
 * Configured keys are never written. Elsewhere a missing secret key means a verify-only service,
 * which then needs public keys, and a missing local key stays `null`.
 *
 * @throws {TokenKeyInvalidError} when a configured key is malformed, or no key is configured outside development.
 * @example
 * ```ts
 * const keys = await loadTrustTokenKeys(loadConfig());
 * const tokens = createTrustTokens({ keys, store });
 * ```
 */
export async function loadTrustTokenKeys(
  settings: TrustTokenKeySettings,
  options: LoadTrustTokenKeysOptions = {},
): Promise<LoadedTrustTokenKeys> {
  const secretKey =
    settings.TRUST_TOKEN_SECRET_KEY === null
      ? null
      : expectType(settings.TRUST_TOKEN_SECRET_KEY, 'k4.secret', 'TRUST_TOKEN_SECRET_KEY');
  const publicKeys = settings.TRUST_TOKEN_PUBLIC_KEYS.map((key, index) =>
    expectType(key, 'k4.public', `TRUST_TOKEN_PUBLIC_KEYS[${index}]`),
  );
  const localKey =
    settings.TRUST_TOKEN_LOCAL_KEY === null
      ? null
      : expectType(settings.TRUST_TOKEN_LOCAL_KEY, 'k4.local', 'TRUST_TOKEN_LOCAL_KEY');
  if (settings.NODE_ENV !== 'development' || (secretKey !== null && localKey !== null)) {
    if (secretKey === null && publicKeys.length === 0) {
      throw new TokenKeyInvalidError(
        'Set TRUST_TOKEN_SECRET_KEY (or TRUST_TOKEN_PUBLIC_KEYS to only verify); see npm run keys:generate',
      );
    }
    return { secretKey, publicKeys, localKey, source: 'config' };
  }
  // Only the missing keys are generated, and only generated keys are written: a configured key is
  // never copied to disk. Each kind has its own file, so each is created once, first writer wins.
  const folder = settings.DATA_DIR;
  const open = async (file: string, generate: () => Promise<Readonly<Record<string, string>>>) => {
    const path = join(folder, file);
    const { fields, created } = await readOrCreateKeyFile(folder, path, generate);
    if (created) options.logger?.info({ path }, 'generated development trust token keys');
    return { fields, path };
  };
  let signing: { secretKey: string; publicKey: string; localKey?: string } | null = null;
  if (secretKey === null) {
    const { fields, path } = await open(DEVELOPMENT_KEYS_FILE, async () => {
      const { secretKey: secret, publicKey } = await generateKey('public');
      return { secretKey: secret, publicKey };
    });
    signing = {
      secretKey: expectType(fields.secretKey, 'k4.secret', path),
      publicKey: expectType(fields.publicKey, 'k4.public', path),
      // Key files of earlier versions held the local key too.
      ...(fields.localKey === undefined ? {} : { localKey: expectType(fields.localKey, 'k4.local', path) }),
    };
  }
  let local = localKey ?? signing?.localKey ?? null;
  if (local === null) {
    const { fields, path } = await open(DEVELOPMENT_LOCAL_KEY_FILE, async () => ({
      localKey: await generateKey('local'),
    }));
    local = expectType(fields.localKey, 'k4.local', path);
  }
  return {
    secretKey: signing?.secretKey ?? secretKey,
    publicKeys: signing === null ? publicKeys : [...publicKeys, signing.publicKey],
    localKey: local,
    source: 'development-file',
  };
}
