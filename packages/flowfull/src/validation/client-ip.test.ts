import { describe, expect, it } from 'vitest';
import { createClientIpResolver, normalizeIp } from './client-ip.js';

describe('normalizeIp()', () => {
  it('returns a plain IPv4 as is and still trims one with surrounding spaces', () => {
    expect(normalizeIp('203.0.113.9')).toBe('203.0.113.9');
    expect(normalizeIp(' 203.0.113.9 ')).toBe('203.0.113.9');
  });

  it('turns an IPv4-mapped IPv6 address into its IPv4 form', () => {
    expect(normalizeIp('::ffff:192.168.1.1')).toBe('192.168.1.1');
    expect(normalizeIp('::FFFF:10.0.0.1')).toBe('10.0.0.1');
  });

  it('lower-cases IPv6 and drops the zone', () => {
    expect(normalizeIp('FE80::1%eth0')).toBe('fe80::1');
  });
});

describe('createClientIpResolver()', () => {
  it('returns the socket peer when no proxy is trusted, ignoring X-Forwarded-For', () => {
    const resolve = createClientIpResolver([]);
    expect(resolve('198.51.100.1', '203.0.113.9')).toBe('198.51.100.1');
  });

  it('ignores a spoofed X-Forwarded-For from an untrusted peer', () => {
    const resolve = createClientIpResolver(['10.0.0.0/8']);
    expect(resolve('198.51.100.1', '1.2.3.4')).toBe('198.51.100.1');
  });

  it('takes the nearest untrusted hop when the peer is a trusted proxy', () => {
    const resolve = createClientIpResolver(['10.0.0.0/8']);
    expect(resolve('10.1.2.3', '1.2.3.4, 203.0.113.9, 10.0.0.7')).toBe('203.0.113.9');
  });

  it('matches an IPv4-mapped socket address against an IPv4 range', () => {
    const resolve = createClientIpResolver(['127.0.0.1']);
    expect(resolve('::ffff:127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('supports IPv6 ranges', () => {
    const resolve = createClientIpResolver(['fd00::/8']);
    expect(resolve('fd00::5', '2001:db8::1')).toBe('2001:db8::1');
  });

  it('stops at a hop that is not an IP address', () => {
    const resolve = createClientIpResolver(['10.0.0.0/8']);
    expect(resolve('10.0.0.1', 'garbage, 203.0.113.9')).toBe('203.0.113.9');
    expect(resolve('10.0.0.1', '203.0.113.9, garbage')).toBe('10.0.0.1');
  });

  it('returns null without a socket address', () => {
    expect(createClientIpResolver([])(undefined)).toBeNull();
  });

  it('rejects a range that does not parse, naming it', () => {
    expect(() => createClientIpResolver(['10.0.0.0/33'])).toThrow(/"10.0.0.0\/33" in trustedProxies/);
    expect(() => createClientIpResolver(['not-an-ip'])).toThrow(TypeError);
  });
});
