/**
 * @module TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, as every authenticator app reads them)
 * on `otplib`: new secrets, the `otpauth://` URI, its QR code as SVG (`uqr`), and verification
 * that answers which step matched, so the caller can accept each step once. Only one step of skew
 * either way is accepted.
 */
import { generateSecret, generateSync, generateURI, verify } from 'otplib';
import { renderSVG } from 'uqr';

/** Length of a TOTP step, in seconds. */
export const TOTP_PERIOD_S = 30;

/**
 * A new base32 TOTP secret of 160 bits.
 */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/**
 * The `otpauth://totp/…` URI authenticator apps import.
 */
export function totpUri(options: { issuer: string; label: string; secret: string }): string {
  return generateURI({ ...options, period: TOTP_PERIOD_S, digits: 6, algorithm: 'sha1' });
}

/**
 * The QR code of `text` as a standalone SVG document.
 */
export function qrSvg(text: string): string {
  return renderSVG(text, { ecc: 'M', border: 2 });
}

/**
 * The step a 6-digit `code` matches at `nowMs` (the current step, or one either side), or null.
 */
export async function matchTotpStep(secret: string, code: string, nowMs: number): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    period: TOTP_PERIOD_S,
    digits: 6,
    algorithm: 'sha1',
    epochTolerance: TOTP_PERIOD_S,
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/**
 * The code of `secret` at `nowMs` (what an authenticator app shows); for tests and tools.
 */
export function totpCodeAt(secret: string, nowMs: number): string {
  return generateSync({
    secret,
    epoch: Math.floor(nowMs / 1000),
    period: TOTP_PERIOD_S,
    digits: 6,
    algorithm: 'sha1',
  });
}
