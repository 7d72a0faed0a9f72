/**
 * @module The names a session cookie may carry: the `__Host-` name Flowless sets over HTTPS, the
 * plain name it sets in development over http (and older servers set), and the `sessionId` name of
 * older Next.js adapters.
 */

/** Session cookie names read by default, in order. */
export const DEFAULT_SESSION_COOKIES: readonly string[] = Object.freeze([
  '__Host-session_id',
  'session_id',
  'sessionId',
]);
