/**
 * The user list's filters on every dialect (each stores booleans its own way): the search over
 * email, username and name, the type, and the ban (what the admin pages filter by); and the
 * look-up of many users at once that names the people of an audit page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { freshDatabase, type Harness, seedUser, startFlowless } from './support/flowless-harness.js';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`user list filters on ${dialect}`, () => {
    let h: Harness;
    let kept: string;
    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_user_list_filter'));
      kept = await seedUser(h, { email: 'kept@example.test', password: 'list filter password' });
      await seedUser(h, {
        email: 'editor@example.test',
        password: 'list filter password',
        userType: 'editor',
      });
      const banned = await seedUser(h, { email: 'gone@example.test', password: 'list filter password' });
      await h.services.users.update(banned, { isBanned: true });
    });
    afterAll(() => h.stop());

    const emails = async (query: { banned?: boolean; userType?: string; q?: string }) =>
      (await h.services.users.list({ page: 1, limit: 10, ...query })).users.map((user) => user.email).sort();

    it('lists only banned users, only users not banned, or everyone', async () => {
      expect(await emails({ banned: true })).toEqual(['gone@example.test']);
      expect(await emails({ banned: false })).toEqual(['editor@example.test', 'kept@example.test']);
      expect(await emails({})).toHaveLength(3);
    });

    it('combines the ban with the type and the search, and counts the matches', async () => {
      expect(await emails({ banned: false, userType: 'editor' })).toEqual(['editor@example.test']);
      expect(await emails({ banned: true, q: 'kept' })).toEqual([]);
      expect((await h.services.users.list({ page: 1, limit: 1, banned: false })).total).toBe(2);
    });

    it('finds many users by id in one call, skipping unknown and repeated ids', async () => {
      const found = await h.services.users.findByIds([kept, 'usr_unknown', kept]);
      expect(found.map((user) => user.email)).toEqual(['kept@example.test']);
      expect(await h.services.users.findByIds([])).toEqual([]);
    });
  });
}
