/**
 * @module Development secrets for `npm start`: the bridge secret shared by the auth server and the
 * starter, generated once under the data folder with mode 0600 and never printed; the trust token
 * keys come from flowfull's own development key file.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTrustTokenKeys } from 'flowfull/tokens';

/** File name of the development secrets inside the data folder. */
export const DEV_SECRETS_FILE = 'dev-secrets.json';

/** What `npm start` needs. */
export interface DevSecrets {
  readonly bridgeSecret: string;
}

/**
 * Reads the development secrets, creating them (and the trust token keys) on first run.
 */
export async function ensureDevSecrets(dataDir: string): Promise<DevSecrets> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, DEV_SECRETS_FILE);
  try {
    await writeFile(path, `${JSON.stringify({ bridgeSecret: randomBytes(32).toString('hex') }, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  }
  await chmod(path, 0o600);
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  const bridgeSecret =
    typeof parsed === 'object' && parsed !== null && 'bridgeSecret' in parsed
      ? parsed.bridgeSecret
      : undefined;
  if (typeof bridgeSecret !== 'string' || bridgeSecret.length < 32) {
    throw new Error(`${path} is damaged: delete it and run npm start again`);
  }
  await loadTrustTokenKeys({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    TRUST_TOKEN_SECRET_KEY: null,
    TRUST_TOKEN_PUBLIC_KEYS: [],
    TRUST_TOKEN_LOCAL_KEY: null,
  });
  return { bridgeSecret };
}
