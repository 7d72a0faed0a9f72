/**
 * @module Linked provider identities and the rule that turns a provider identity into a local
 * account. A known identity signs its user in. Otherwise the provider must vouch for the address:
 * with no account on it, a new verified account is created; an existing account is linked only
 * when its own address is verified too. An unverified local account may have been registered by
 * someone who does not own the address (waiting for the owner to sign in with a provider);
 * linking onto it would hand that person the owner's sign-in. Unlinking never removes the last way
 * to sign in.
 */
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import { fromDbTime } from '../db/values.js';
import { FlowlessError } from '../errors.js';
import type { Clock } from '../runtime/clock.js';
import { newId } from '../secrets/opaque-secret.js';
import type { UserRecord } from '../users/user-record.js';
import type { UserRepository } from '../users/user-repository.js';
import type { ProviderTokenCipher } from './provider-token-cipher.js';
import { socialError } from './social-errors.js';
import type { ProviderIdentity } from './social-provider.js';

/** A user signed in through a provider. */
export interface SocialSignIn {
  readonly user: UserRecord;
  /** True when this login created the account. */
  readonly isNewUser: boolean;
}

/** A linked identity, as `GET /auth/social/accounts` lists it. */
export interface LinkedAccount {
  readonly provider: string;
  readonly providerUserId: string;
  readonly email: string | null;
  /** Epoch ms. */
  readonly linkedAt: number;
}

/** Outcome of {@link SocialAccounts.unlink}. */
export type UnlinkOutcome = 'unlinked' | 'not_linked' | 'last_login_method';

/** The social-accounts port. */
export interface SocialAccounts {
  /**
   * The local user for a provider identity, linking or creating per the module's rule.
   * @throws FlowlessError `email_not_verified`, `account_conflict`, `account_disabled`
   */
  signIn(provider: string, identity: ProviderIdentity): Promise<SocialSignIn>;
  /** The identities linked to a user, oldest first. */
  list(userId: string): Promise<LinkedAccount[]>;
  /** Unlinks every identity of `provider` from the user, unless nothing would be left to sign in with. */
  unlink(userId: string, provider: string): Promise<UnlinkOutcome>;
}

/** Options of {@link createSocialAccounts}. */
export interface SocialAccountsOptions {
  readonly db: Kysely<FlowlessDatabase>;
  readonly users: UserRepository;
  readonly clock: Clock;
  /** `user_type` of accounts created by a provider login. */
  readonly defaultUserType: string;
  /** Keeps provider tokens encrypted when given; null keeps none. */
  readonly cipher: ProviderTokenCipher | null;
}

/** The provider tokens as stored: sealed with the cipher, or none without one. */
function sealedTokens(cipher: ProviderTokenCipher | null, provider: string, identity: ProviderIdentity) {
  const context = `${provider}:${identity.subject}`;
  return {
    access_token: cipher && identity.accessToken ? cipher.seal(identity.accessToken, context) : null,
    refresh_token: cipher && identity.refreshToken ? cipher.seal(identity.refreshToken, context) : null,
    expires_at: cipher ? identity.accessTokenExpiresAt : null,
  };
}

function linkIdentity(
  options: SocialAccountsOptions,
  userId: string,
  provider: string,
  identity: ProviderIdentity,
): Promise<unknown> {
  return options.db
    .insertInto('social_accounts')
    .values({
      id: newId('soc'),
      user_id: userId,
      provider,
      provider_user_id: identity.subject,
      email: identity.email,
      ...sealedTokens(options.cipher, provider, identity),
      created_at: options.clock.now(),
    })
    .execute();
}

function usable(user: UserRecord | null): UserRecord {
  if (!user || user.isBanned) throw socialError('account_disabled');
  return user;
}

/** The user of an identity linked already (its stored tokens refreshed), or null. */
async function signInLinked(
  options: SocialAccountsOptions,
  provider: string,
  identity: ProviderIdentity,
): Promise<SocialSignIn | null> {
  const { db, cipher } = options;
  const known = await db
    .selectFrom('social_accounts')
    .select(['id', 'user_id'])
    .where('provider', '=', provider)
    .where('provider_user_id', '=', identity.subject)
    .executeTakeFirst();
  if (!known) return null;
  const user = usable(await options.users.findById(known.user_id));
  if (cipher) {
    await db
      .updateTable('social_accounts')
      .set(sealedTokens(cipher, provider, identity))
      .where('id', '=', known.id)
      .execute();
  }
  return { user, isNewUser: false };
}

/** Links the identity to the verified account on its address, or creates that account. */
async function signInByAddress(
  options: SocialAccountsOptions,
  provider: string,
  identity: ProviderIdentity,
  email: string,
): Promise<SocialSignIn> {
  const existing = await options.users.findByEmail(email);
  if (existing) {
    const user = usable(existing);
    if (!user.isVerified) throw socialError('account_conflict');
    const other = await options.db
      .selectFrom('social_accounts')
      .select('id')
      .where('user_id', '=', user.id)
      .where('provider', '=', provider)
      .executeTakeFirst();
    // Another identity of this provider is linked already: the address moved between provider accounts.
    if (other) throw socialError('account_conflict');
    await linkIdentity(options, user.id, provider, identity);
    return { user, isNewUser: false };
  }
  const user = await options.users.insert({
    email,
    passwordHash: null,
    userType: options.defaultUserType,
    name: identity.name,
    picture: identity.picture,
    isVerified: true,
  });
  await linkIdentity(options, user.id, provider, identity);
  return { user, isNewUser: true };
}

async function signIn(
  options: SocialAccountsOptions,
  provider: string,
  identity: ProviderIdentity,
  retried: boolean,
): Promise<SocialSignIn> {
  const known = await signInLinked(options, provider, identity);
  if (known) return known;
  if (!identity.email || !identity.emailVerified) throw socialError('email_not_verified');
  try {
    return await signInByAddress(options, provider, identity, identity.email);
  } catch (error) {
    // A concurrent callback for the same identity or address won the insert: read its result.
    if (!retried && !(error instanceof FlowlessError)) {
      return signIn(options, provider, identity, true);
    }
    throw error;
  }
}

async function listLinked(db: Kysely<FlowlessDatabase>, userId: string): Promise<LinkedAccount[]> {
  const rows = await db
    .selectFrom('social_accounts')
    .select(['provider', 'provider_user_id', 'email', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    provider: row.provider,
    providerUserId: row.provider_user_id,
    email: row.email,
    linkedAt: fromDbTime(row.created_at),
  }));
}

function unlinkProvider(
  db: Kysely<FlowlessDatabase>,
  userId: string,
  provider: string,
): Promise<UnlinkOutcome> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('social_accounts')
      .select('provider')
      .where('user_id', '=', userId)
      .execute();
    const matching = rows.filter((row) => row.provider === provider).length;
    if (matching === 0) return 'not_linked';
    const user = await trx
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user?.password_hash && rows.length === matching) return 'last_login_method';
    await trx
      .deleteFrom('social_accounts')
      .where('user_id', '=', userId)
      .where('provider', '=', provider)
      .execute();
    return 'unlinked';
  });
}

/**
 * Creates the Kysely-backed {@link SocialAccounts}.
 */
export function createSocialAccounts(options: SocialAccountsOptions): SocialAccounts {
  return {
    signIn: (provider, identity) => signIn(options, provider, identity, false),
    list: (userId) => listLinked(options.db, userId),
    unlink: (userId, provider) => unlinkProvider(options.db, userId, provider),
  };
}
