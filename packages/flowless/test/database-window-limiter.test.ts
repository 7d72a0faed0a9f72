/**
 * The database-backed window limiter on PostgreSQL, MariaDB and libSQL: of a concurrent burst
 * from two limiters on one database (two instances), exactly `points` hits are allowed; the
 * window slides on a controlled clock; reset forgets a key and no other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '../../../test/support/databases.js';
import { createDatabaseWindowLimiter } from '../src/rate-limit/database-window-limiter.js';
import { frozenClock } from '../src/runtime/clock.js';
import { type FlowlessDatabaseHandle, freshDatabase } from './support/flowless-harness.js';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`createDatabaseWindowLimiter() on ${dialect}`, () => {
    let handle: FlowlessDatabaseHandle;
    const clock = frozenClock(Date.UTC(2037, 0, 1));
    const limiter = () =>
      createDatabaseWindowLimiter({
        db: handle.db,
        keyPrefix: 'test:2fa',
        points: 10,
        windowMs: 15 * 60_000,
        now: () => clock.now(),
      });
    beforeAll(async () => {
      handle = await freshDatabase(dialect, 'flowless_db_limiter');
    });
    afterAll(async () => handle.db.destroy());

    it('allows exactly 10 of 40 concurrent hits spread over two limiters', async () => {
      const [one, two] = [limiter(), limiter()];
      const decisions = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).hit('user:burst')),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
      const refused = decisions.find((d) => !d.allowed);
      expect(refused?.retryAfterMs).toBeGreaterThan(0);
      expect(refused?.retryAfterMs).toBeLessThanOrEqual(15 * 60_000 + 4 * 60_000);
    });

    it('slides: hits older than the window stop counting, and reset forgets only its key', async () => {
      const l = limiter();
      for (let i = 0; i < 10; i++) expect((await l.hit('user:slide')).allowed).toBe(true);
      expect((await l.hit('user:slide')).allowed).toBe(false);
      expect((await l.hit('user:other')).allowed).toBe(true);
      clock.advance(20 * 60_000);
      expect((await l.hit('user:slide')).allowed).toBe(true);
      // The hit on user:other 20 minutes ago left the window: 10 more are allowed, not 11.
      for (let i = 0; i < 10; i++) expect((await l.hit('user:other')).allowed).toBe(true);
      expect((await l.hit('user:other')).allowed).toBe(false);
      await l.reset('user:slide');
      expect((await l.hit('user:other')).allowed).toBe(false);
      expect((await l.hit('user:slide')).count).toBe(1);
    });
  });
}
