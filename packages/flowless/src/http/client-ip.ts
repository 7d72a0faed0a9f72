/**
 * @module The client IP of a request: the TCP peer, or — only when the peer is a trusted proxy —
 * the right-most untrusted address of `X-Forwarded-For`. A spoofed header from anyone else is
 * ignored, so it can neither reset nor share another client's rate-limit buckets.
 */
import { isIP } from 'node:net';
import type { Context } from 'hono';

const stripMapped = (ip: string): string =>
  ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

/**
 * True when `ip` equals an entry of `trusted` or falls inside an IPv4 CIDR entry.
 *
 * @example
 * ```ts
 * isTrustedProxy('10.0.0.7', ['10.0.0.0/8']); // true
 * ```
 */
export function isTrustedProxy(ip: string, trusted: readonly string[]): boolean {
  const address = stripMapped(ip);
  return trusted.some((entry) => {
    const [range, bits] = entry.split('/');
    if (bits === undefined || range === undefined) return stripMapped(entry) === address;
    if (isIP(range) !== 4 || isIP(address) !== 4) return false;
    const prefix = Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    return (ipv4ToInt(range) & mask) === (ipv4ToInt(address) & mask);
  });
}

/**
 * Resolves the client IP from the peer address and `X-Forwarded-For`.
 *
 * @example
 * ```ts
 * resolveClientIp('10.0.0.2', '203.0.113.9, 10.0.0.3', ['10.0.0.0/8']); // '203.0.113.9'
 * ```
 */
export function resolveClientIp(
  peer: string,
  forwardedFor: string | undefined,
  trusted: readonly string[],
): string {
  const direct = stripMapped(peer);
  if (!forwardedFor || !isTrustedProxy(direct, trusted)) return direct;
  const chain = forwardedFor
    .split(',')
    .map((part) => stripMapped(part.trim()))
    .filter((part) => isIP(part) !== 0);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i] as string;
    if (!isTrustedProxy(hop, trusted)) return hop;
  }
  return chain[0] ?? direct;
}

/**
 * The TCP peer address of a request served by `@hono/node-server`, or `'unknown'` when there is
 * no socket (for example `app.request()` in tests).
 *
 * @example
 * ```ts
 * const peer = peerAddress(c);
 * ```
 */
export function peerAddress(c: Context): string {
  const env: unknown = c.env;
  if (env && typeof env === 'object' && 'incoming' in env) {
    const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming;
    const address = incoming?.socket?.remoteAddress;
    if (address) return address;
  }
  return 'unknown';
}
