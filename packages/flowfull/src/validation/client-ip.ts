/**
 * @module The client IP of a request: the socket peer, or the `X-Forwarded-For` entry set by the
 * nearest proxy that is not trusted, when the peer is a trusted proxy. CIDR matching uses Node's
 * `net.BlockList`.
 */
import { BlockList, isIP } from 'node:net';

const MAPPED_V4 = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/**
 * Canonical form of an IP for comparisons: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) becomes its IPv4
 * form, IPv6 is lower-cased and any zone (`%eth0`) is dropped. Anything else is returned trimmed.
 *
 * @example
 * ```ts
 * normalizeIp('::FFFF:192.168.1.1'); // '192.168.1.1'
 * ```
 */
export function normalizeIp(ip: string): string {
  // Socket addresses are usually plain IPv4 already: skip the regular expression and the copies.
  if (!ip.includes(':') && !hasOuterSpace(ip)) return ip;
  const trimmed = ip.trim();
  const mapped = MAPPED_V4.exec(trimmed);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (trimmed.includes(':')) {
    const zone = trimmed.indexOf('%');
    return (zone === -1 ? trimmed : trimmed.slice(0, zone)).toLowerCase();
  }
  return trimmed;
}

function hasOuterSpace(value: string): boolean {
  return value.length > 0 && (value.charCodeAt(0) <= 0x20 || value.charCodeAt(value.length - 1) <= 0x20);
}

/** Resolves the client IP of one request. */
export type ClientIpResolver = (
  socketIp: string | null | undefined,
  forwardedFor?: string | null,
) => string | null;

/**
 * Builds a resolver that trusts `X-Forwarded-For` only when the socket peer is in `trustedProxies`
 * (IPs or CIDR ranges, IPv4 or IPv6; `TRUSTED_PROXIES`). It walks the header from right to left
 * and returns the first address that is not a trusted proxy, so a client cannot spoof its IP by
 * sending its own header. Throws a `TypeError` naming the bad entry when a range does not parse.
 *
 * @example
 * ```ts
 * const clientIp = createClientIpResolver(['10.0.0.0/8']);
 * clientIp('10.1.2.3', '203.0.113.9, 10.0.0.7'); // '203.0.113.9'
 * clientIp('198.51.100.1', '203.0.113.9');       // '198.51.100.1' (peer not trusted)
 * ```
 */
export function createClientIpResolver(trustedProxies: readonly string[] = []): ClientIpResolver {
  const trusted = buildBlockList(trustedProxies);
  const isTrusted = (ip: string): boolean => {
    const family = isIP(ip);
    return family !== 0 && trusted !== null && trusted.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (socketIp, forwardedFor) => {
    if (socketIp === null || socketIp === undefined || socketIp === '') return null;
    const peer = normalizeIp(socketIp);
    if (trusted === null || !forwardedFor || !isTrusted(peer)) return peer;
    const hops = forwardedFor.split(',');
    let candidate = peer;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normalizeIp(hops[i] ?? '');
      if (isIP(hop) === 0) return candidate;
      candidate = hop;
      if (!isTrusted(hop)) return hop;
    }
    return candidate;
  };
}

function buildBlockList(entries: readonly string[]): BlockList | null {
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [rawAddress = '', rawPrefix] = entry.trim().split('/');
    const address = normalizeIp(rawAddress);
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const prefix = rawPrefix === undefined ? max : Number(rawPrefix);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new TypeError(`createClientIpResolver: "${entry}" in trustedProxies is not an IP or CIDR range`);
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}
