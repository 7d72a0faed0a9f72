/**
 * @module Small statistics helpers for the cache benchmark.
 */

/** The q-quantile (0..1) of samples, in the samples' unit. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Nanoseconds now, as a number. */
export const nowNs = (): number => Number(process.hrtime.bigint());

/** Rounds for display. */
export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** A value the size of a cached session (about 400 bytes of JSON). */
export function sessionValue(i: number): Record<string, unknown> {
  return {
    id: `sess_${i}_${'x'.repeat(24)}`,
    userId: `user_${i}`,
    email: `user${i}@example.com`,
    name: 'Ada Lovelace',
    userType: 'admin',
    roles: ['admin', 'editor'],
    ipAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0',
    deviceId: 'dev_4f1c2a',
    expiresAt: '2030-01-01T00:00:00.000Z',
    createdAt: '2025-01-01T00:00:00.000Z',
    isVerified: true,
  };
}
