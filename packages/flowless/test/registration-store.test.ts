/**
 * The registration store on every dialect: an insert unless the email already has an account
 * (whatever its casing, and when concurrent requests race to the unique index), the username
 * check, and a database fault that is not a duplicate reaching the caller.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import type { FlowlessDatabase } from '../src/db/schema.js';
import { createRegistrationStore, type RegistrationStore } from '../src/registration/registration-store.js';
import { createUserRepository, type UserRepository } from '../src/users/user-repository.js';
import { type FlowlessDatabaseHandle, freshDatabase } from './support/flowless-harness.js';

const NOW = Date.UTC(2031, 5, 1);

async function countUsers(db: Kysely<FlowlessDatabase>, email: string): Promise<number> {
  const rows = await db.selectFrom('users').select('id').where('email', '=', email).execute();
  return rows.length;
}

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless registration store on ${dialect}`, () => {
    let handle: FlowlessDatabaseHandle;
    let users: UserRepository;
    let store: RegistrationStore;

    beforeAll(async () => {
      handle = await freshDatabase(dialect, 'flowless_registration_store');
      users = createUserRepository(handle.db, () => NOW);
      store = createRegistrationStore(users);
    });
    afterAll(async () => {
      await handle.db.destroy();
    });

    it('insertIfNew() stores a new user and returns it with its email lowercased', async () => {
      const user = await store.insertIfNew({
        email: 'New.Person@Example.test',
        passwordHash: 'hash-1',
        userType: 'member',
        username: 'New.Person',
        metadata: { plan: 'free' },
      });
      expect(user).toMatchObject({
        email: 'new.person@example.test',
        username: 'new.person',
        passwordHash: 'hash-1',
        userType: 'member',
        metadata: { plan: 'free' },
        isVerified: false,
        createdAt: NOW,
      });
      expect(user?.id).toMatch(/^usr_/);
      expect((await users.findById(user?.id ?? ''))?.email).toBe('new.person@example.test');
    });

    it('insertIfNew() returns null for an email that has an account, in any casing, and leaves it as it was', async () => {
      const first = await store.insertIfNew({
        email: 'taken@example.test',
        passwordHash: 'old',
        userType: 'user',
      });
      const again = await store.insertIfNew({
        email: 'TAKEN@example.TEST',
        passwordHash: 'new',
        userType: 'admin',
      });
      expect(first).not.toBeNull();
      expect(again).toBeNull();
      const stored = await users.findByEmail('taken@example.test');
      expect(stored).toMatchObject({ id: first?.id, passwordHash: 'old', userType: 'user' });
      expect(await countUsers(handle.db, 'taken@example.test')).toBe(1);
    });

    it('insertIfNew() creates exactly one account when requests for one email race', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.insertIfNew({ email: 'race@example.test', passwordHash: `hash-${i}`, userType: 'user' }),
        ),
      );
      expect(attempts.filter((user) => user !== null)).toHaveLength(1);
      expect(await countUsers(handle.db, 'race@example.test')).toBe(1);
    });

    it('insertIfNew() throws a database fault that is not a duplicate instead of reading it as "taken"', async () => {
      const faulty = createRegistrationStore({
        ...users,
        insert: () => Promise.reject(new Error('disk full')),
      });
      await expect(
        faulty.insertIfNew({ email: 'fault@example.test', passwordHash: 'h', userType: 'user' }),
      ).rejects.toThrow('disk full');
      expect(await countUsers(handle.db, 'fault@example.test')).toBe(0);
    });

    it('usernameTaken() matches a stored username case-insensitively and is false for an unknown one', async () => {
      await store.insertIfNew({
        email: 'grace@example.test',
        passwordHash: 'h',
        userType: 'user',
        username: 'Grace_H',
      });
      expect(await store.usernameTaken('grace_h')).toBe(true);
      expect(await store.usernameTaken('GRACE_H')).toBe(true);
      expect(await store.usernameTaken('grace_hopper')).toBe(false);
    });
  });
}
