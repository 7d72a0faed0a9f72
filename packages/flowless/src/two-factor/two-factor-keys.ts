/**
 * @module The keys of the second-factor module, derived with HKDF-SHA-256 from one server secret
 * (`TWO_FACTOR_BACKUP_SECRET`, or `BRIDGE_VALIDATION_SECRET` when that is unset), one per use:
 * HMAC-SHA-256 of backup codes, HMAC-SHA-256 of emailed/texted codes, and AES-256-GCM sealing of
 * TOTP secrets (which must be read back, so they cannot be hashed). Keys never leave this module.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** What an HMAC is for; each purpose has its own key. */
export type HmacPurpose = 'backup_code' | 'challenge_code';

/** The second-factor keys. */
export interface TwoFactorKeys {
  /** Hex HMAC-SHA-256 of `value` under the key of `purpose`. */
  hmac(purpose: HmacPurpose, value: string): string;
  /** Seals a TOTP secret: `v1.<iv>.<ciphertext>.<tag>` (base64url). */
  seal(plain: string): string;
  /** Opens a sealed secret; null when it was sealed under another key or altered. */
  open(sealed: string): string | null;
}

const derive = (secret: string, info: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, 'flowless-two-factor', info, 32));

/**
 * Derives the {@link TwoFactorKeys} from a server secret (32+ characters).
 */
export function createTwoFactorKeys(secret: string): TwoFactorKeys {
  if (secret.length < 32) throw new TypeError('createTwoFactorKeys: secret must be at least 32 characters');
  const hmacKeys: Record<HmacPurpose, Buffer> = {
    backup_code: derive(secret, 'backup-code-hmac'),
    challenge_code: derive(secret, 'challenge-code-hmac'),
  };
  const sealKey = derive(secret, 'totp-secret-seal');
  return {
    hmac(purpose, value) {
      return createHmac('sha256', hmacKeys[purpose]).update(value).digest('hex');
    },
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, body, cipher.getAuthTag()]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || !body || !tag) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', sealKey, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return null;
      }
    },
  };
}
