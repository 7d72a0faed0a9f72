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
}

/** Hono `Env` of the Flowless app. */
export interface FlowlessEnv {
  Variables: FlowlessVariables;
}
