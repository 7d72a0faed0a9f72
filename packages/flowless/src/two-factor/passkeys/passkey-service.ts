/**
 * @module Passkeys (WebAuthn) on `@simplewebauthn/server`: registration of a passkey by a signed-in
 * user, and assertions used as a second factor or to sign in alone. The relying-party id and the
 * accepted origins come from configuration. Every challenge is stored (as its SHA-256) with its
 * purpose, its user and its session, lives at most WEBAUTHN_CHALLENGE_TTL_MS and is deleted by
 * the first response that names it, before the signature is checked, so a replay finds nothing.
 * A signature counter that does not advance (other than a synced passkey's constant 0) is
 * refused and logged.
 */
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Logger } from 'flowfull/server';
import type { FlowlessConfig } from '../../config/flowless-config.js';
import type { Clock } from '../../runtime/clock.js';
import type { UserRecord } from '../../users/user-record.js';
import {
  createPasskeyChallenges,
  type PasskeyBinding,
  type PasskeyChallenges,
} from './passkey-challenges.js';
import type { PasskeyPurpose, PasskeyRecord, PasskeyStore } from './passkey-store.js';
import { transportsOf, type WebAuthnSettings, webauthnSettings } from './webauthn-settings.js';

/** The passkey service. */
export interface PasskeyService {
  readonly settings: WebAuthnSettings;
  /** A user's passkeys. */
  listOf(userId: string): Promise<PasskeyRecord[]>;
  /** Deletes one passkey of a user; true when it existed. */
  remove(userId: string, id: string): Promise<boolean>;
  /** Creation options for a new passkey of `user`, bound to the session `sessionHash`. */
  registrationOptions(user: UserRecord, sessionHash: string): Promise<PublicKeyCredentialCreationOptionsJSON>;
  /** Checks a registration response and stores the passkey; null when it is refused. */
  register(
    user: UserRecord,
    response: RegistrationResponseJSON,
    sessionHash: string,
    name: string,
  ): Promise<PasskeyRecord | null>;
  /** Request options: for the user's passkeys (second factor), or for any discoverable one (login). */
  authenticationOptions(binding: PasskeyBinding): Promise<PublicKeyCredentialRequestOptionsJSON>;
  /**
   * Checks an assertion against the challenge it names, which must match `binding`; answers the
   * passkey used, or null when anything is wrong. A passwordless login needs user verification.
   */
  authenticate(response: AuthenticationResponseJSON, binding: PasskeyBinding): Promise<PasskeyRecord | null>;
}

/** Dependencies of {@link createPasskeyService}. */
export interface PasskeyServiceOptions {
  config: FlowlessConfig;
  store: PasskeyStore;
  clock: Clock;
  logger: Logger;
}

/** What the steps of the passkey service share. */
interface PasskeyParts {
  store: PasskeyStore;
  clock: Clock;
  logger: Logger;
  settings: WebAuthnSettings;
  take: PasskeyChallenges['take'];
  /** Logs a refused response and answers null. */
  refuse: (userId: string | null, purpose: PasskeyPurpose, reason: string) => null;
}

/** {@link PasskeyService.register}. */
function register(parts: PasskeyParts): PasskeyService['register'] {
  const { store, clock, settings, take, refuse } = parts;
  return async (user, response, sessionHash, name) => {
    const challenge = await take(response.response.clientDataJSON, {
      purpose: 'setup',
      userId: user.id,
      sessionHash,
    });
    if (!challenge) return refuse(user.id, 'setup', 'challenge');
    let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
    try {
      const verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: settings.origins,
        expectedRPID: settings.rpId,
        requireUserVerification: false,
      });
      info = verified.registrationInfo;
    } catch {
      info = undefined;
    }
    if (!info) return refuse(user.id, 'setup', 'verification');
    const stored = await store.insert(
      {
        userId: user.id,
        credentialId: info.credential.id,
        publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        counter: info.credential.counter,
        transports: transportsOf(response.response.transports ?? []),
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name,
      },
      clock.now(),
    );
    return stored ?? refuse(user.id, 'setup', 'already_registered');
  };
}

/** {@link PasskeyService.authenticate}. */
function authenticate(parts: PasskeyParts): PasskeyService['authenticate'] {
  const { store, clock, logger, settings, take, refuse } = parts;
  return async (response, binding) => {
    const userId = binding.purpose === 'login' ? null : binding.userId;
    const challenge = await take(response.response.clientDataJSON, binding);
    if (!challenge) return refuse(userId, binding.purpose, 'challenge');
    const passkey = response.id === response.rawId ? await store.findByCredentialId(response.id) : null;
    if (!passkey || (userId !== null && passkey.userId !== userId)) {
      return refuse(userId, binding.purpose, 'unknown_credential');
    }
    let newCounter: number | null = null;
    try {
      const verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: settings.origins,
        expectedRPID: settings.rpId,
        // The stored counter is compared below, by compare-and-set, so that the check and the
        // update are one step across instances.
        credential: {
          id: passkey.credentialId,
          publicKey: Buffer.from(passkey.publicKey, 'base64url'),
          counter: 0,
          transports: transportsOf(passkey.transports),
        },
        requireUserVerification: binding.purpose === 'login',
      });
      if (verified.verified) newCounter = verified.authenticationInfo.newCounter;
    } catch {
      newCounter = null;
    }
    if (newCounter === null) return refuse(passkey.userId, binding.purpose, 'verification');
    if (!(await store.advanceCounter(passkey.id, newCounter, clock.now()))) {
      // A cloned authenticator, or a replayed assertion: the counter went back or stood still.
      logger.warn(
        {
          event: 'passkey.counter_regression',
          user_id: passkey.userId,
          passkey_id: passkey.id,
          stored_counter: passkey.counter,
          received_counter: newCounter,
        },
        'passkey signature counter did not advance; assertion refused',
      );
      return null;
    }
    return { ...passkey, counter: newCounter, lastUsedAt: clock.now() };
  };
}

/**
 * Creates the {@link PasskeyService}.
 */
export function createPasskeyService(options: PasskeyServiceOptions): PasskeyService {
  const { store, clock, logger } = options;
  const settings = webauthnSettings(options.config);
  const timeout = settings.challengeTtlMs;
  const refuse = (userId: string | null, purpose: PasskeyPurpose, reason: string): null => {
    logger.info({ event: 'passkey.refused', user_id: userId, purpose, reason }, 'passkey response refused');
    return null;
  };
  const challenges = createPasskeyChallenges({ store, clock, ttlMs: timeout });
  const { remember, take } = challenges;
  const parts: PasskeyParts = { store, clock, logger, settings, take, refuse };

  return {
    settings,
    listOf: (userId) => store.listOf(userId),
    remove: (userId, id) => store.remove(userId, id),
    async registrationOptions(user, sessionHash) {
      const existing = await store.listOf(user.id);
      const created = await generateRegistrationOptions({
        rpName: settings.rpName,
        rpID: settings.rpId,
        userName: user.email,
        userID: new TextEncoder().encode(user.id),
        timeout,
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({
          id: p.credentialId,
          transports: transportsOf(p.transports),
        })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await remember(created.challenge, { purpose: 'setup', userId: user.id, sessionHash });
      return created;
    },
    register: register(parts),
    async authenticationOptions(binding) {
      const allow =
        binding.purpose === 'login'
          ? []
          : (await store.listOf(binding.userId)).map((p) => ({
              id: p.credentialId,
              transports: transportsOf(p.transports),
            }));
      const created = await generateAuthenticationOptions({
        rpID: settings.rpId,
        timeout,
        allowCredentials: allow,
        userVerification: binding.purpose === 'login' ? 'required' : 'preferred',
      });
      await remember(created.challenge, binding);
      return created;
    },
    authenticate: authenticate(parts),
  };
}
