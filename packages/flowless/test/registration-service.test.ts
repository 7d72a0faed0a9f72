/**
 * The registration service on every dialect, with the real store and a frozen clock: what a
 * self-registration stores and what it ignores, the stand-in for an already-registered email (and
 * the same hashing work for it), and an admin's creation with its superadmin rule and conflicts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import type { PasswordHasher } from '../src/passwords/password-hasher.js';
import {
  createRegistrationService,
  type RegistrationService,
} from '../src/registration/registration-service.js';
import { createRegistrationStore } from '../src/registration/registration-store.js';
import { frozenClock } from '../src/runtime/clock.js';
import { createUserRepository, type UserRepository } from '../src/users/user-repository.js';
import { type FlowlessDatabaseHandle, fastHasher, freshDatabase } from './support/flowless-harness.js';

const PASSWORD = 'a perfectly fine passphrase';
const USER_ID = /^usr_[A-Za-z0-9_-]{22}$/;

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless registration service on ${dialect}`, () => {
    const clock = frozenClock(Date.UTC(2031, 5, 1));
    let handle: FlowlessDatabaseHandle;
    let users: UserRepository;
    let registration: RegistrationService;
    let hashes = 0;
    const countingHasher: PasswordHasher = {
      ...fastHasher,
      hash: (password) => {
        hashes += 1;
        return fastHasher.hash(password);
      },
    };

    beforeAll(async () => {
      handle = await freshDatabase(dialect, 'flowless_registration_service');
      users = createUserRepository(handle.db, () => clock.now());
      registration = createRegistrationService({
        store: createRegistrationStore(users),
        hasher: countingHasher,
        clock,
        defaultUserType: 'member',
      });
    });
    afterAll(async () => {
      await handle.db.destroy();
    });

    it('register() stores the default type, unverified, with a hash of the password, and ignores type, verification and picture', async () => {
      const outcome = await registration.register({
        email: 'ada@example.test',
        password: PASSWORD,
        user_name: 'ada',
        name: 'Ada',
        last_name: 'Lovelace',
        lang: 'en',
        picture: 'https://example.test/ada.png',
        user_type: 'superadmin',
        is_verified: true,
      });
      if (!outcome.created) throw new Error('expected a new user');
      expect(outcome.user).toMatchObject({
        email: 'ada@example.test',
        username: 'ada',
        name: 'Ada',
        lastName: 'Lovelace',
        lang: 'en',
        picture: null,
        userType: 'member',
        isVerified: false,
      });
      const stored = await users.findById(outcome.user.id);
      expect(stored?.userType).toBe('member');
      expect(await fastHasher.verify(stored?.passwordHash ?? '', PASSWORD)).toBe(true);
    });

    it('register() answers an existing email with a stand-in that matches no account, after the same hashing', async () => {
      const real = await registration.register({ email: 'known@example.test', password: PASSWORD });
      if (!real.created) throw new Error('expected a new user');
      const before = hashes;
      const outcome = await registration.register({
        email: 'known@example.test',
        password: 'another fine passphrase',
        name: 'Someone',
        metadata: { from: 'form' },
      });
      expect(hashes).toBe(before + 1);
      if (outcome.created) throw new Error('expected a stand-in');
      expect(outcome.standIn.id).toMatch(USER_ID);
      expect(outcome.standIn.id).not.toBe(real.user.id);
      expect(await users.findById(outcome.standIn.id)).toBeNull();
      expect(outcome.standIn).toMatchObject({
        email: 'known@example.test',
        name: 'Someone',
        metadata: { from: 'form' },
        userType: 'member',
        isVerified: false,
        passwordHash: null,
        createdAt: clock.now(),
      });
      const stored = await users.findById(real.user.id);
      expect(await fastHasher.verify(stored?.passwordHash ?? '', PASSWORD)).toBe(true);
    });

    it('register() refuses a weak password before hashing or storing anything', async () => {
      const before = hashes;
      await expect(
        registration.register({ email: 'weak@example.test', password: 'short' }),
      ).rejects.toMatchObject({
        code: 'ERR_FLOWLESS_WEAK_PASSWORD',
        status: 400,
      });
      expect(hashes).toBe(before);
      expect(await users.findByEmail('weak@example.test')).toBeNull();
    });

    it('register() refuses a username already taken, in any casing, with a 409', async () => {
      await registration.register({
        email: 'first@example.test',
        password: PASSWORD,
        user_name: 'Shared.Name',
      });
      await expect(
        registration.register({ email: 'second@example.test', password: PASSWORD, user_name: 'shared.NAME' }),
      ).rejects.toMatchObject({
        code: 'ERR_FLOWLESS_CONFLICT',
        status: 409,
        message: 'Username already taken',
      });
      expect(await users.findByEmail('second@example.test')).toBeNull();
    });

    it('createByAdmin() honours the type and picture, and marks the user verified unless told otherwise', async () => {
      const verified = await registration.createByAdmin(
        {
          email: 'staff@example.test',
          password: PASSWORD,
          user_type: 'staff',
          picture: 'https://example.test/s.png',
        },
        'admin',
      );
      expect(verified).toMatchObject({
        userType: 'staff',
        isVerified: true,
        picture: 'https://example.test/s.png',
      });
      const unverified = await registration.createByAdmin(
        { email: 'plain@example.test', password: PASSWORD, is_verified: false },
        'admin',
      );
      expect(unverified).toMatchObject({ userType: 'member', isVerified: false });
    });

    it('createByAdmin() lets only a superadmin create a superadmin', async () => {
      await expect(
        registration.createByAdmin(
          { email: 'boss@example.test', password: PASSWORD, user_type: 'superadmin' },
          'admin',
        ),
      ).rejects.toMatchObject({ code: 'ERR_FLOWLESS_FORBIDDEN', status: 403 });
      expect(await users.findByEmail('boss@example.test')).toBeNull();
      const boss = await registration.createByAdmin(
        { email: 'boss@example.test', password: PASSWORD, user_type: 'superadmin' },
        'superadmin',
      );
      expect(boss.userType).toBe('superadmin');
    });

    it('createByAdmin() refuses an email that has an account with a 409 and changes nothing', async () => {
      const existing = await registration.createByAdmin(
        { email: 'dup@example.test', password: PASSWORD },
        'admin',
      );
      await expect(
        registration.createByAdmin(
          { email: 'DUP@example.test', password: PASSWORD, user_type: 'staff' },
          'admin',
        ),
      ).rejects.toMatchObject({
        code: 'ERR_FLOWLESS_CONFLICT',
        status: 409,
        message: 'Email already registered',
      });
      expect((await users.findByEmail('dup@example.test'))?.userType).toBe(existing.userType);
    });
  });
}
