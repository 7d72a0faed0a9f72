/**
 * @module The Hono environment of the Flowless app: typed context variables.
 */
import type { SessionRecord } from '../sessions/session-record.js';

/** Context variables set by Flowless middleware. */
export interface FlowlessVariables {
  /** Client IP after `TRUSTED_PROXIES` handling. */
  clientIp: string;
  /** The raw session id of an authenticated request (never logged). */
  sessionId: string;
  /** The validated session of an authenticated request. */
  session: SessionRecord;
  /** The nonce of a hosted page's scripts, new for every page answer. */
  cspNonce: string;
  /** On a hosted page: the browser's signed-in session (second factor done), or `null`. */
  viewer: SessionRecord | null;
}

/** Hono `Env` of the Flowless app. */
export interface FlowlessEnv {
  Variables: FlowlessVariables;
}
