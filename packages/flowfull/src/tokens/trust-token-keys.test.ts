import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { TokenKeyInvalidError } from './errors.js';
import { V4 } from './paseto/v4.js';
import {
  DEVELOPMENT_KEYS_FILE,
  DEVELOPMENT_LOCAL_KEY_FILE,
  loadTrustTokenKeys,
  type TrustTokenKeySettings,
} from './trust-token-keys.js';

const base: TrustTokenKeySettings = {
  NODE_ENV: 'development',
  DATA_DIR: '',
  TRUST_TOKEN_SECRET_KEY: null,
  TRUST_TOKEN_PUBLIC_KEYS: [],
  TRUST_TOKEN_LOCAL_KEY: null,
};
const dataDir = (): string => join(mkdtempSync(join(tmpdir(), 'flowfull-tokens-')), 'nested', 'data');

describe('loadTrustTokenKeys()', () => {
  it('in development, generates keys once into DATA_DIR with mode 0600 and reuses them', async () => {
    const lines: unknown[] = [];
    const logger = {
      info: (fields: Record<string, unknown>, message: string) => void lines.push({ fields, message }),
    };
    const settings = { ...base, DATA_DIR: dataDir() };
    const first = await loadTrustTokenKeys(settings, { logger });
    const second = await loadTrustTokenKeys(settings, { logger });
    const path = join(settings.DATA_DIR, DEVELOPMENT_KEYS_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(first.source).toBe('development-file');
    expect(second).toEqual(first);
    expect(first.secretKey).toMatch(/^k4\.secret\./);
    expect(first.localKey).toMatch(/^k4\.local\./);
    expect(JSON.parse(readFileSync(path, 'utf8')).secretKey).toBe(first.secretKey);
    const localPath = join(settings.DATA_DIR, DEVELOPMENT_LOCAL_KEY_FILE);
    expect(statSync(localPath).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(localPath, 'utf8'))).toEqual({ localKey: first.localKey });
    expect(lines).toEqual([
      { fields: { path }, message: 'generated development trust token keys' },
      { fields: { path: localPath }, message: 'generated development trust token keys' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('k4.');
  });

  it('concurrent first starts all end up with the one key set on disk', async () => {
    const settings = { ...base, DATA_DIR: dataDir() };
    const loaded = await Promise.all(Array.from({ length: 6 }, () => loadTrustTokenKeys(settings)));
    const onDisk = JSON.parse(readFileSync(join(settings.DATA_DIR, DEVELOPMENT_KEYS_FILE), 'utf8'));
    expect(new Set(loaded.map((keys) => keys.secretKey))).toEqual(new Set([onDisk.secretKey]));
    expect(new Set(loaded.map((keys) => keys.localKey)).size).toBe(1);
    expect(readdirSync(settings.DATA_DIR).sort()).toEqual(
      [DEVELOPMENT_KEYS_FILE, DEVELOPMENT_LOCAL_KEY_FILE].sort(),
    );
  });

  it('in development with a secret key but no local key, generates only the local key and never writes the secret', async () => {
    const { secretKey, publicKey } = await V4.generateKey('public');
    const lines: unknown[] = [];
    const logger = {
      info: (fields: Record<string, unknown>, message: string) => void lines.push({ fields, message }),
    };
    const settings = { ...base, DATA_DIR: dataDir(), TRUST_TOKEN_SECRET_KEY: secretKey };
    const first = await loadTrustTokenKeys(settings, { logger });
    expect(first).toMatchObject({ secretKey, publicKeys: [], source: 'development-file' });
    expect(first.localKey).toMatch(/^k4\.local\./);
    expect(await loadTrustTokenKeys(settings)).toEqual(first);
    expect(readdirSync(settings.DATA_DIR)).toEqual([DEVELOPMENT_LOCAL_KEY_FILE]);
    const localPath = join(settings.DATA_DIR, DEVELOPMENT_LOCAL_KEY_FILE);
    expect(statSync(localPath).mode & 0o777).toBe(0o600);
    const onDisk = readFileSync(localPath, 'utf8');
    expect(onDisk).not.toContain(secretKey);
    expect(onDisk).not.toContain(publicKey.slice('k4.public.'.length));
    expect(JSON.stringify(lines)).not.toContain('k4.');
  });

  it('in development with a local key but no secret key, generates only the signing keys', async () => {
    const localKey = await V4.generateKey('local');
    const settings = { ...base, DATA_DIR: dataDir(), TRUST_TOKEN_LOCAL_KEY: localKey };
    const loaded = await loadTrustTokenKeys(settings);
    expect(loaded.localKey).toBe(localKey);
    expect(loaded.secretKey).toMatch(/^k4\.secret\./);
    expect(readdirSync(settings.DATA_DIR)).toEqual([DEVELOPMENT_KEYS_FILE]);
    expect(readFileSync(join(settings.DATA_DIR, DEVELOPMENT_KEYS_FILE), 'utf8')).not.toContain(localKey);
  });

  it('in development with every key configured, touches no file', async () => {
    const { secretKey } = await V4.generateKey('public');
    const localKey = await V4.generateKey('local');
    const settings = {
      ...base,
      DATA_DIR: dataDir(),
      TRUST_TOKEN_SECRET_KEY: secretKey,
      TRUST_TOKEN_LOCAL_KEY: localKey,
    };
    expect(await loadTrustTokenKeys(settings)).toEqual({
      secretKey,
      publicKeys: [],
      localKey,
      source: 'config',
    });
    expect(() => statSync(settings.DATA_DIR)).toThrow();
  });

  it('rejects a development key file that is not a key file, naming the file', async () => {
    const settings = { ...base, DATA_DIR: dataDir() };
    await loadTrustTokenKeys(settings);
    const path = join(settings.DATA_DIR, DEVELOPMENT_LOCAL_KEY_FILE);
    writeFileSync(path, JSON.stringify({ localKey: 'k4.public.nope' }));
    await expect(loadTrustTokenKeys(settings)).rejects.toThrow(`${path} is not a valid k4.local PASERK key`);
    writeFileSync(path, '[1');
    await expect(loadTrustTokenKeys(settings)).rejects.toBeInstanceOf(TokenKeyInvalidError);
  });

  it('uses configured keys as they are, and never touches the disk then', async () => {
    const { secretKey, publicKey } = await V4.generateKey('public');
    const previous = await V4.generateKey('public');
    const settings = {
      ...base,
      NODE_ENV: 'production' as const,
      DATA_DIR: dataDir(),
      TRUST_TOKEN_SECRET_KEY: secretKey,
      TRUST_TOKEN_PUBLIC_KEYS: [publicKey, previous.publicKey],
    };
    expect(await loadTrustTokenKeys(settings)).toEqual({
      secretKey,
      publicKeys: [publicKey, previous.publicKey],
      localKey: null,
      source: 'config',
    });
    expect(() => statSync(settings.DATA_DIR)).toThrow();
  });

  it('rejects malformed or mistyped keys naming the variable, and a production setup with no key', async () => {
    const { publicKey } = await V4.generateKey('public');
    const local = await V4.generateKey('local');
    const production = { ...base, NODE_ENV: 'production' as const, DATA_DIR: dataDir() };
    await expect(loadTrustTokenKeys({ ...production, TRUST_TOKEN_SECRET_KEY: publicKey })).rejects.toThrow(
      'TRUST_TOKEN_SECRET_KEY must be a k4.secret key, got k4.public',
    );
    await expect(
      loadTrustTokenKeys({ ...production, TRUST_TOKEN_PUBLIC_KEYS: ['k4.public.bad'] }),
    ).rejects.toThrow('TRUST_TOKEN_PUBLIC_KEYS[0] is not a valid k4.public PASERK key');
    await expect(loadTrustTokenKeys({ ...production, TRUST_TOKEN_SECRET_KEY: local })).rejects.toBeInstanceOf(
      TokenKeyInvalidError,
    );
    await expect(loadTrustTokenKeys(production)).rejects.toThrow(/Set TRUST_TOKEN_SECRET_KEY/);
    expect(await loadTrustTokenKeys({ ...production, TRUST_TOKEN_PUBLIC_KEYS: [publicKey] })).toMatchObject({
      secretKey: null,
      source: 'config',
    });
  });

  it('accepts the whole configuration from loadConfig(), keys given as comma-separated PASERK', async () => {
    const { secretKey, publicKey } = await V4.generateKey('public');
    const previous = await V4.generateKey('public');
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://app@127.0.0.1:5432/app',
        BRIDGE_VALIDATION_SECRET: 's'.repeat(32),
        TRUST_TOKEN_SECRET_KEY: secretKey,
        TRUST_TOKEN_PUBLIC_KEYS: `${publicKey},${previous.publicKey}`,
      },
      { cwd: dataDir() },
    );
    expect(await loadTrustTokenKeys(config)).toMatchObject({
      secretKey,
      publicKeys: [publicKey, previous.publicKey],
    });
  });
});
