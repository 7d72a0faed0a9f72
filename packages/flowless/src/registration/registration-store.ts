/**
 * @module The writes of registration, over the user repository: whether a username is taken, and
 * inserting a user unless its email already has an account, told apart by the result whether the
 * account was seen first or the unique index refused a concurrent insert.
 */
import { isUniqueViolation } from 'flowfull/db';
import type { UserRecord } from '../users/user-record.js';
import type { NewUser, UserRepository } from '../users/user-repository.js';

/** Reads and writes what registration needs. */
export interface RegistrationStore {
  /** Whether `username` belongs to a user (matched case-insensitively). */
  usernameTaken(username: string): Promise<boolean>;
  /**
   * Inserts `user` and returns it; null when its email already has an account, found before the
   * insert or refused by the unique index (another request registered it in between).
   */
  insertIfNew(user: NewUser): Promise<UserRecord | null>;
}

/**
 * Creates the {@link RegistrationStore} over a user repository.
 */
export function createRegistrationStore(users: UserRepository): RegistrationStore {
  return {
    async usernameTaken(username) {
      return (await users.findByUsername(username)) !== null;
    },
    async insertIfNew(user) {
      try {
        if (await users.findByEmail(user.email)) return null;
        return await users.insert(user);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
  };
}
