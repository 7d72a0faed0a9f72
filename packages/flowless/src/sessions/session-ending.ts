/**
 * @module Ending sessions: delete the rows (the revocation is logged in the same transaction),
 * drop the cache entries on every instance, then publish the revocation for Flowfull; and
 * forgetting what this process cached about a revocation committed elsewhere.
 */
import type { Clock } from '../runtime/clock.js';
import type { RevocationPublisher } from './revocation-publisher.js';
import type { SessionActivity } from './session-activity.js';
import type { SessionService } from './session-service.js';
import type { SessionStore } from './session-store.js';

/** What {@link createSessionEnding} needs. */
export interface SessionEndingOptions {
  store: SessionStore;
  clock: Clock;
  revocations: RevocationPublisher;
  activity: SessionActivity;
}

/**
 * The revocation methods of the {@link SessionService}.
 */
export function createSessionEnding(
  options: SessionEndingOptions,
): Pick<SessionService, 'revokeHash' | 'revokeUser' | 'forgetUser' | 'forgetRevoked'> {
  const { store, clock, revocations, activity } = options;
  return {
    async revokeHash(hash) {
      const userId = await store.deleteByHash(hash, clock.now());
      await activity.dropCached([hash]);
      await revocations.publish({ type: 'session.revoked', session_hash: hash });
      return userId !== null;
    },
    async revokeUser(userId) {
      await activity.dropCached(await store.deleteByUser(userId, clock.now()));
      await revocations.publish({ type: 'user.sessions_revoked', user_id: userId });
    },
    async forgetUser(userId) {
      await activity.dropCached(await store.announceUser(userId, clock.now()));
      await revocations.publish({ type: 'user.sessions_revoked', user_id: userId });
    },
    async forgetRevoked(message) {
      if (message.type === 'session.revoked') {
        await activity.dropCached([message.session_hash]);
        return;
      }
      await activity.dropCached(activity.takeCachedOfUser(message.user_id));
    },
  };
}
