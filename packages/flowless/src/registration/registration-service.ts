/**
 * @module Creating accounts. Self-registration gives the default type, unverified, and does the
 * same work for a new and an already-registered email (the password is hashed before the email is
 * looked up); for the latter it offers a stand-in user so that an answer need not tell the two
 * apart. An admin may choose the type (a superadmin only by a superadmin) and the verification.
 */
import { SUPERADMIN_USER_TYPE } from 'flowfull/middleware';
import { FlowlessError } from '../errors.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import { assertPasswordAllowed } from '../passwords/password-policy.js';
import type { Clock } from '../runtime/clock.js';
import { newId } from '../secrets/opaque-secret.js';
import type { UserRecord } from '../users/user-record.js';
import type { NewUser } from '../users/user-repository.js';
import type { RegistrationStore } from './registration-store.js';

/** The validated registration body (snake_case, as the routes' schema outputs it). */
export interface RegistrationInput {
  email: string;
  password: string;
  user_name?: string | undefined;
  name?: string | undefined;
  last_name?: string | undefined;
  phone?: string | undefined;
  picture?: string | undefined;
  lang?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** Honoured for an admin only; canonical (`superadmin` for any spelling of it). */
  user_type?: string | undefined;
  /** Honoured for an admin only. @default true for an admin */
  is_verified?: boolean | undefined;
}

/** Outcome of a self-registration: the new user, or a stand-in when the email had an account. */
export type SelfRegistration =
  | { readonly created: true; readonly user: UserRecord }
  | { readonly created: false; readonly standIn: UserRecord };

/** Options of {@link createRegistrationService}. */
export interface RegistrationServiceOptions {
  store: RegistrationStore;
  hasher: PasswordHasher;
  clock: Clock;
  /** The type of every self-registered user, and of an admin-created one given none. */
  defaultUserType: string;
}

/** Creates accounts. */
export interface RegistrationService {
  /**
   * Registers a user by themselves: `user_type`, `is_verified` and `picture` are ignored.
   *
   * @throws FlowlessError 400 `ERR_FLOWLESS_WEAK_PASSWORD` from the password policy; 409
   *   `ERR_FLOWLESS_CONFLICT` for a taken username.
   */
  register(input: RegistrationInput): Promise<SelfRegistration>;
  /**
   * Creates a user for an admin of type `actorType`.
   *
   * @throws FlowlessError 403 `ERR_FLOWLESS_FORBIDDEN` for a superadmin made by anyone else; 400
   *   `ERR_FLOWLESS_WEAK_PASSWORD`; 409 `ERR_FLOWLESS_CONFLICT` for a taken username or email.
   */
  createByAdmin(input: RegistrationInput, actorType: string): Promise<UserRecord>;
}

const conflict = (message: string): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_CONFLICT', message, { status: 409 });

/** The profile fields of `input` as the repository takes them. */
function profileOf(input: RegistrationInput): Omit<NewUser, 'passwordHash' | 'userType' | 'isVerified'> {
  return {
    email: input.email,
    username: input.user_name ?? null,
    name: input.name ?? null,
    lastName: input.last_name ?? null,
    phone: input.phone ?? null,
    picture: input.picture ?? null,
    lang: input.lang ?? null,
    metadata: input.metadata ?? null,
  };
}

/**
 * Creates the {@link RegistrationService}.
 */
export function createRegistrationService(options: RegistrationServiceOptions): RegistrationService {
  const { store, hasher, clock, defaultUserType } = options;

  const checkPasswordAndUsername = async (input: RegistrationInput): Promise<void> => {
    assertPasswordAllowed(input.password);
    if (input.user_name && (await store.usernameTaken(input.user_name))) {
      throw conflict('Username already taken');
    }
  };

  // A fresh id that matches no account, and the fields the request sent: shown in place of the
  // account an already-registered email belongs to.
  const standInFor = (input: RegistrationInput): UserRecord => {
    const now = clock.now();
    return {
      id: newId('usr'),
      email: input.email,
      username: input.user_name ?? null,
      passwordHash: null,
      name: input.name ?? null,
      lastName: input.last_name ?? null,
      phone: input.phone ?? null,
      picture: null,
      userType: defaultUserType,
      lang: input.lang ?? null,
      metadata: input.metadata ?? {},
      isVerified: false,
      isBanned: false,
      twoFactor: false,
      createdAt: now,
      updatedAt: now,
    };
  };

  return {
    async register(input) {
      await checkPasswordAndUsername(input);
      const passwordHash = await hasher.hash(input.password);
      // Choosing one's own type would be privilege escalation; self-registration has never stored
      // a picture.
      const user = await store.insertIfNew({
        ...profileOf(input),
        picture: null,
        passwordHash,
        userType: defaultUserType,
        isVerified: false,
      });
      return user ? { created: true, user } : { created: false, standIn: standInFor(input) };
    },
    async createByAdmin(input, actorType) {
      if (input.user_type === SUPERADMIN_USER_TYPE && actorType !== SUPERADMIN_USER_TYPE) {
        throw new FlowlessError('ERR_FLOWLESS_FORBIDDEN', 'Only a superadmin can create a superadmin', {
          status: 403,
        });
      }
      await checkPasswordAndUsername(input);
      const user = await store.insertIfNew({
        ...profileOf(input),
        passwordHash: await hasher.hash(input.password),
        userType: input.user_type ?? defaultUserType,
        isVerified: input.is_verified ?? true,
      });
      if (!user) throw conflict('Email already registered');
      return user;
    },
  };
}
