/**
 * @module The relying party of the passkeys, from configuration: WEBAUTHN_RP_ID and
 * WEBAUTHN_ORIGINS, else the host and origin of FRONTEND_URL; and the transports hints Flowless
 * keeps.
 */
import type { AuthenticatorTransportFuture } from '@simplewebauthn/server';
import type { FlowlessConfig } from '../../config/flowless-config.js';

/** The relying party as configured. */
export interface WebAuthnSettings {
  rpId: string;
  rpName: string;
  origins: string[];
  challengeTtlMs: number;
}

/**
 * The relying party of `config`: WEBAUTHN_RP_ID and WEBAUTHN_ORIGINS, else FRONTEND_URL's host and
 * origin.
 */
export function webauthnSettings(config: FlowlessConfig): WebAuthnSettings {
  const frontend = new URL(config.FRONTEND_URL);
  return {
    rpId: config.WEBAUTHN_RP_ID ?? frontend.hostname,
    rpName: config.TWO_FACTOR_ISSUER,
    origins: config.WEBAUTHN_ORIGINS.length > 0 ? [...config.WEBAUTHN_ORIGINS] : [frontend.origin],
    challengeTtlMs: config.WEBAUTHN_CHALLENGE_TTL_MS,
  };
}

/** The transports WebAuthn defines. */
const TRANSPORTS: readonly AuthenticatorTransportFuture[] = [
  'ble',
  'cable',
  'hybrid',
  'internal',
  'nfc',
  'smart-card',
  'usb',
];
/**
 * The known transports among `values` (anything else a client sends is dropped).
 */
export function transportsOf(values: readonly string[]): AuthenticatorTransportFuture[] {
  return TRANSPORTS.filter((t) => values.includes(t));
}
