/**
 * @module The challenges of the passkey ceremonies. Each is stored as its SHA-256 with its purpose
 * and, except for a passwordless login, its user and session; it lives at most the configured
 * time and is deleted by the first response that names it (before the signature is checked), so
 * a replayed or second response finds nothing, on any instance.
 */
import type { Clock } from '../../runtime/clock.js';
import { sha256Hex } from '../../secrets/opaque-secret.js';
import type { PasskeyChallengeRecord, PasskeyStore } from './passkey-store.js';

/** Who a challenge was issued to: a session (setup, second factor) or nobody (passwordless). */
export type PasskeyBinding =
  | { purpose: 'setup' | 'second_factor'; userId: string; sessionHash: string }
  | { purpose: 'login' };

/** Issued challenges. */
export interface PasskeyChallenges {
  /** Stores a challenge just handed out for `binding`. */
  remember(challenge: string, binding: PasskeyBinding): Promise<void>;
  /**
   * Takes the challenge a response's client data names; the challenge, or null when it is
   * unknown, already used, expired, or was issued for another purpose, user or session.
   */
  take(clientDataJSON: string, binding: PasskeyBinding): Promise<string | null>;
}

/** The challenge a client data JSON names, or null when it cannot be read. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge = (parsed as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === 'string' && challenge.length > 0 ? challenge : null;
  } catch {
    return null;
  }
}

/**
 * Creates the {@link PasskeyChallenges} over a store.
 */
export function createPasskeyChallenges(options: {
  store: PasskeyStore;
  clock: Clock;
  ttlMs: number;
}): PasskeyChallenges {
  const { store, clock, ttlMs } = options;
  return {
    remember(challenge, binding) {
      const now = clock.now();
      const fields: PasskeyChallengeRecord =
        binding.purpose === 'login'
          ? { purpose: 'login', userId: null, sessionHash: null, expiresAt: now + ttlMs }
          : { ...binding, expiresAt: now + ttlMs };
      return store.putChallenge(sha256Hex(challenge), fields, now);
    },
    async take(clientDataJSON, binding) {
      const challenge = challengeOf(clientDataJSON);
      const stored = challenge ? await store.takeChallenge(sha256Hex(challenge)) : null;
      if (!challenge || !stored) return null;
      if (stored.purpose !== binding.purpose || stored.expiresAt <= clock.now()) return null;
      if (
        binding.purpose !== 'login' &&
        (stored.userId !== binding.userId || stored.sessionHash !== binding.sessionHash)
      ) {
        return null;
      }
      return challenge;
    },
  };
}
