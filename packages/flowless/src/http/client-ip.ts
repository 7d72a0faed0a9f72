/**
 * @module The client IP of a request and its rate-limit key. The IP is the TCP peer, or — only
 * when the peer is a trusted proxy (`TRUSTED_PROXIES`, IPv4 or IPv6 addresses and CIDR ranges) —
 * the right-most untrusted address of `X-Forwarded-For` (flowfull's resolver). A spoofed header
 * from anyone else is ignored, so it can neither reset nor share another client's rate-limit
 * buckets.
 */

import { isIP } from 'node:net';
import { createClientIpResolver } from 'flowfull/validation';
import type { Context } from 'hono';

/** Resolves the client IP of one request from its peer address and `X-Forwarded-For`. */
export type ClientIpOf = (peer: string, forwardedFor: string | undefined) => string;

/**
 * Builds the resolver once per app. Throws a `TypeError` naming a `trusted` entry that is not an
 * IP or CIDR range.
 */
export function clientIpResolver(trusted: readonly string[]): ClientIpOf {
  const resolve = createClientIpResolver(trusted);
  return (peer, forwardedFor) => resolve(peer, forwardedFor) ?? 'unknown';
}

function firstFourHextets(ip: string): string[] {
  const hextets = (part: string | undefined): string[] =>
    part ? part.split(':').flatMap((h) => (h.includes('.') ? ['0', '0'] : [h])) : [];
  const [head, tail] = ip.split('::');
  const left = hextets(head);
  const right = hextets(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].slice(0, 4);
}

/**
 * The rate-limit key of a client IP: IPv4 addresses as they are, IPv6 addresses by their /64
 * prefix, because one subscriber routinely holds a whole /64 and could otherwise take a fresh
 * bucket per address.
 */
export function limitKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const prefix = firstFourHextets(ip.toLowerCase()).map((h) => Number.parseInt(h, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}

/**
 * The TCP peer address of a request served by `@hono/node-server`, or `'unknown'` when there is
 * no socket (for example `app.request()` in tests).
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
