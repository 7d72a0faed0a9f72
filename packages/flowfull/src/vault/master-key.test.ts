import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_MASTER_KEY_FILE, loadMasterKey } from './master-key.js';

describe('loadMasterKey()', () => {
  it('generates one development key under DATA_DIR with mode 0600 and reads the same key again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-key-'));
    const settings = { NODE_ENV: 'development', DATA_DIR: dir, VAULT_MASTER_KEY: null };
    const first = await loadMasterKey(settings);
    const second = await loadMasterKey(settings);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(statSync(join(dir, DEVELOPMENT_MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('refuses to run without a configured key outside development', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-key-'));
    await expect(
      loadMasterKey({ NODE_ENV: 'production', DATA_DIR: dir, VAULT_MASTER_KEY: null }),
    ).rejects.toMatchObject({
      code: 'ERR_VAULT_MASTER_KEY_INVALID',
    });
  });
});
