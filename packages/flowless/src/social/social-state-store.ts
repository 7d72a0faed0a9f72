/**
 * @module Pending social logins. Starting one stores the SHA-256 of its 128-bit `state`, the
 * SHA-256 of a 256-bit browser-binding secret (sent to the browser as a cookie), the OIDC nonce,
 * the redirect target and the answer mode. The PKCE verifier is not stored: it is derived from the
 * binding secret and the state, so a leaked row cannot finish a login. The callback deletes the
 * row; only the request whose delete removed it may go on. Each start deletes the expired rows.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FlowlessDatabase } from '../db/schema.js';
import { fromDbTime } from '../db/values.js';
import type { Clock } from '../runtime/clock.js';
import { newId, randomSecret, safeEqual, sha256Hex } from '../secrets/opaque-secret.js';
import { socialError } from './social-errors.js';

/** How the callback answers. */
export type SocialAnswerMode = 'cookie' | 'json' | 'params';

/** A login just started: what goes to the provider and into the browser's cookie. */
export interface StartedLogin {
  readonly state: string;
  readonly binding: string;
  readonly codeVerifier: string;
  readonly nonce: string | null;
}

/** A pending login taken by its callback. */
export interface PendingLogin {
  readonly provider: string;
  readonly state: string;
  readonly codeVerifier: string;
  readonly nonce: string | null;
  readonly redirectTo: string;
  readonly mode: SocialAnswerMode;
}

/** Options of {@link SocialStateStore.start}. */
export interface StartOptions {
  readonly provider: string;
  readonly oidc: boolean;
  readonly redirectTo: string;
  readonly mode: SocialAnswerMode;
}

/** The pending-login port. */
export interface SocialStateStore {
  /** Records a new login and returns its secrets. */
  start(options: StartOptions): Promise<StartedLogin>;
  /**
   * Takes the login `state` names, once.
   * @throws FlowlessError `state_invalid` (unknown, used, or for another provider),
   *   `state_mismatch` (binding cookie absent or different), `state_expired`.
   */
  take(provider: string, state: string, binding: string | null): Promise<PendingLogin>;
  /** The mode and redirect of a pending login without taking it (for answering a failure), or null. */
  peek(state: string): Promise<{ mode: SocialAnswerMode; redirectTo: string } | null>;
}

const MODES: readonly SocialAnswerMode[] = ['cookie', 'json', 'params'];
const modeOf = (value: string): SocialAnswerMode => MODES.find((mode) => mode === value) ?? 'cookie';

/** The PKCE verifier of a login: 43 base64url characters (256 bits) bound to both secrets. */
const verifierOf = (binding: string, state: string) =>
  createHmac('sha256', binding).update(`pkce:${state}`).digest('base64url');

/**
 * Creates the Kysely-backed {@link SocialStateStore}.
 */
export function createSocialStateStore(
  db: Kysely<FlowlessDatabase>,
  clock: Clock,
  ttlMs: number,
): SocialStateStore {
  const find = (state: string) =>
    state.length >= 16 && state.length <= 256
      ? db
          .selectFrom('social_login_states')
          .selectAll()
          .where('state_hash', '=', sha256Hex(state))
          .executeTakeFirst()
      : Promise.resolve(undefined);
  return {
    async start(options) {
      const state = randomSecret(16);
      const binding = randomSecret(32);
      const nonce = options.oidc ? randomSecret(16) : null;
      const now = clock.now();
      // Abandoned logins go here: the table only ever holds the last SOCIAL_STATE_TTL_MS of starts.
      await db.deleteFrom('social_login_states').where('expires_at', '<=', now).execute();
      await db
        .insertInto('social_login_states')
        .values({
          id: newId('sls'),
          state_hash: sha256Hex(state),
          provider: options.provider,
          binding_hash: sha256Hex(binding),
          nonce,
          redirect_to: options.redirectTo,
          mode: options.mode,
          expires_at: now + ttlMs,
          created_at: now,
        })
        .execute();
      return { state, binding, nonce, codeVerifier: verifierOf(binding, state) };
    },
    async take(provider, state, binding) {
      const row = await find(state);
      if (!row || row.provider !== provider) throw socialError('state_invalid');
      const deleted = await db.deleteFrom('social_login_states').where('id', '=', row.id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) !== 1) throw socialError('state_invalid');
      if (binding === null || !safeEqual(sha256Hex(binding), row.binding_hash))
        throw socialError('state_mismatch');
      if (fromDbTime(row.expires_at) <= clock.now()) throw socialError('state_expired');
      return {
        provider,
        state,
        codeVerifier: verifierOf(binding, state),
        nonce: row.nonce,
        redirectTo: row.redirect_to,
        mode: modeOf(row.mode),
      };
    },
    async peek(state) {
      const row = await find(state);
      return row ? { mode: modeOf(row.mode), redirectTo: row.redirect_to } : null;
    },
  };
}
