/**
 * @module Trust token keys from configuration, with development keys generated once and kept under
 * the data folder (mode 0600), so that tokens survive restarts without any setup.
 */
import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlowfullConfig } from '../config/index.js';
import { TokenKeyInvalidError } from './errors.js';
import { generateKey } from './paseto/generate-key.js';
import { decodePaserk } from './paseto/paserk.js';

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
  /** Where the keys came from: the configuration, or the development key file. */
  readonly source: 'config' | 'development-file';
}

/** Options of `loadTrustTokenKeys`. */
export interface LoadTrustTokenKeysOptions {
  /** Receives one line when development keys are generated (never the keys). @default no-op */
  logger?: { info(fields: Record<string, unknown>, message: string): void };
}

/** File name of the development keys inside `DATA_DIR`. */
export const DEVELOPMENT_KEYS_FILE = 'trust-token-keys.json';

function expectType(value: string, type: 'k4.secret' | 'k4.public' | 'k4.local', name: string): string {
  let actual: string;
  try {
    actual = decodePaserk(value).type;
  } catch (cause) {
    throw new TokenKeyInvalidError(`${name} is not a valid ${type} PASERK key`, { cause });
  }
  if (actual !== type) throw new TokenKeyInvalidError(`${name} must be a ${type} key, got ${actual}`);
  return value;
}

interface DevelopmentKeys {
  secretKey: string;
  publicKey: string;
  localKey: string;
}

async function readDevelopmentKeys(path: string): Promise<DevelopmentKeys | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  const field = (name: keyof DevelopmentKeys): unknown =>
    typeof parsed === 'object' && parsed !== null && name in parsed ? Reflect.get(parsed, name) : undefined;
  const [secretKey, publicKey, localKey] = [field('secretKey'), field('publicKey'), field('localKey')];
  if (typeof secretKey !== 'string' || typeof publicKey !== 'string' || typeof localKey !== 'string') {
    throw new TokenKeyInvalidError(`${path} is not a trust token key file`);
  }
  await chmod(path, 0o600);
  return {
    secretKey: expectType(secretKey, 'k4.secret', path),
    publicKey: expectType(publicKey, 'k4.public', path),
    localKey: expectType(localKey, 'k4.local', path),
  };
}

async function writeDevelopmentKeys(folder: string, path: string): Promise<DevelopmentKeys> {
  const { secretKey, publicKey } = await generateKey('public');
  const keys: DevelopmentKeys = { secretKey, publicKey, localKey: await generateKey('local') };
  await mkdir(folder, { recursive: true, mode: 0o700 });
  // Written in full to a private temporary file, then published with link(), which fails if the
  // file exists: readers never see a partial file, and of processes starting together the first
  // to publish wins and every one of them ends up using its keys.
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  } finally {
    await unlink(temporary);
  }
  return (await readDevelopmentKeys(path)) ?? keys;
}

/**
 * Loads the trust token keys from configuration. In development (`NODE_ENV=development`), missing
 * keys come from `DATA_DIR/trust-token-keys.json`, generated on first use with mode 0600. Elsewhere
 * a missing secret key means a verify-only service, which then needs public keys.
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
  if (secretKey !== null || settings.NODE_ENV !== 'development') {
    if (secretKey === null && publicKeys.length === 0) {
      throw new TokenKeyInvalidError(
        'Set TRUST_TOKEN_SECRET_KEY (or TRUST_TOKEN_PUBLIC_KEYS to only verify); see npm run keys:generate',
      );
    }
    return { secretKey, publicKeys, localKey, source: 'config' };
  }
  const path = join(settings.DATA_DIR, DEVELOPMENT_KEYS_FILE);
  let keys = await readDevelopmentKeys(path);
  if (keys === null) {
    keys = await writeDevelopmentKeys(settings.DATA_DIR, path);
    options.logger?.info({ path }, 'generated development trust token keys');
  }
  return {
    secretKey: keys.secretKey,
    publicKeys: [...publicKeys, keys.publicKey],
    localKey: localKey ?? keys.localKey,
    source: 'development-file',
  };
}
