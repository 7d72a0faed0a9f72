/**
 * @module Where a validator hears of revocations: the Redis channel or Flowless's feed. Both tell
 * the validator of each revocation, of a resync (revocations may have been missed: drop the local
 * cache) and of the connection going down and coming back, so that while it is down no cached
 * validation older than the loss is served.
 */
import type { RevocationMessage } from './revocation.js';

/** What a revocation source reports. */
export interface RevocationSourceEvents {
  /** Applies one revocation. */
  onRevocation: (message: RevocationMessage) => void;
  /** Revocations may have been missed and cannot be replayed: drop cached validations. */
  onResync: () => void;
  /** The subscription went down (`false`) or is up and caught up again (`true`). */
  onConnection: (connected: boolean) => void;
}

/** A running subscription. */
export interface RevocationSource {
  /** Whether it is up right now. */
  readonly subscribed: boolean;
  /** Resolves true once up, false when `timeoutMs` passes first. Never rejects. */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}
