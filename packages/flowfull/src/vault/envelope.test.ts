import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptValue, encryptValue, generateDataKey, unwrapDataKey, wrapDataKey } from './envelope.js';
import { VaultError } from './errors.js';
import { generateMasterKey, parseMasterKey } from './master-key.js';

const place = { workspaceId: 'ws1', applicationId: 'app1', userId: 'u1', keyName: 'cart', version: 1 };

describe('envelope encryption', () => {
  it('decrypts a value at the place it was encrypted for', () => {
    const key = generateDataKey();
    const ciphertext = encryptValue(key, place, Buffer.from('{"a":1}'));
    expect(ciphertext).not.toContain('"a"');
    expect(decryptValue(key, place, ciphertext).toString()).toBe('{"a":1}');
  });

  it.each([
    ['workspace', { workspaceId: 'ws2' }],
    ['application', { applicationId: 'app2' }],
    ['user', { userId: 'u2' }],
    ['key name', { keyName: 'cart2' }],
    ['version', { version: 2 }],
  ])('refuses a ciphertext moved to another %s', (_what, change) => {
    const key = generateDataKey();
    const ciphertext = encryptValue(key, place, Buffer.from('secret'));
    expect(() => decryptValue(key, { ...place, ...change }, ciphertext)).toThrow(VaultError);
  });

  it('refuses a ciphertext under another data key or with a flipped bit', () => {
    const key = generateDataKey();
    const ciphertext = encryptValue(key, place, Buffer.from('secret'));
    expect(() => decryptValue(generateDataKey(), place, ciphertext)).toThrow(/does not open/);
    const bytes = Buffer.from(ciphertext, 'base64url');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    expect(() => decryptValue(key, place, bytes.toString('base64url'))).toThrow(VaultError);
  });

  it('unwraps a data key with the master key that wrapped it, for its own workspace only', () => {
    const master = parseMasterKey(generateMasterKey());
    const other = parseMasterKey(generateMasterKey());
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(master, 'ws1', dataKey);
    expect(unwrapDataKey([other, master], 'ws1', wrapped).equals(dataKey)).toBe(true);
    expect(() => unwrapDataKey([master], 'ws2', wrapped)).toThrow(
      expect.objectContaining({ code: 'ERR_VAULT_DECRYPT_FAILED' }),
    );
    expect(() => unwrapDataKey([other], 'ws1', wrapped)).toThrow(
      expect.objectContaining({ code: 'ERR_VAULT_MASTER_KEY_UNKNOWN' }),
    );
  });

  it('parses PASERK k4.local and bare base64url master keys, and refuses others without quoting them', () => {
    const raw = randomBytes(32).toString('base64url');
    expect(parseMasterKey(`k4.local.${raw}`).id).toBe(parseMasterKey(raw).id);
    const short = randomBytes(16).toString('base64url');
    expect(() => parseMasterKey(short)).toThrow(
      expect.objectContaining({ code: 'ERR_VAULT_MASTER_KEY_INVALID' }),
    );
    try {
      parseMasterKey(short);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(short);
    }
  });
});
