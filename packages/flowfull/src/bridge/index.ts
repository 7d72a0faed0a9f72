/**
 * @module flowfull/bridge: validates Flowless sessions for Flowfull (cache-first, de-duplicated,
 * with retries, a circuit breaker, a grace window and revocation over Redis).
 */

export {
  API_TOKEN_PREFIX,
  apiTokenChecksum,
  isWellFormedApiToken,
  looksLikeApiToken,
} from './api-token-shape.js';
export type { BridgeTransport, TransportReply, TransportRequest } from './bridge-transport.js';
export { fetchTransport, nodeHttpTransport } from './bridge-transport.js';
export type { BridgeValidatorOptions } from './bridge-validator.js';
export { BridgeValidator } from './bridge-validator.js';
export type { BridgeErrorCode, BridgeErrorOptions } from './errors.js';
export {
  BridgeBadResponseError,
  BridgeCircuitOpenError,
  BridgeError,
  BridgeSecretRejectedError,
  BridgeTimeoutError,
  BridgeUnavailableError,
} from './errors.js';
export type { FlowlessClientOptions, InvalidateOutcome } from './flowless-client.js';
export { FlowlessClient } from './flowless-client.js';
export type { FlowlessVerdict } from './flowless-response.js';
export { readValidateResponse } from './flowless-response.js';
export type { BridgeConfig } from './from-config.js';
export { bridgeValidatorOptionsFromConfig } from './from-config.js';
export type { PublishingRedis, RevocationMessage } from './revocation.js';
export { parseRevocationMessage, publishRevocation, REVOCATION_CHANNEL } from './revocation.js';
export { hashSessionId, isWellFormedSessionId, MAX_SESSION_ID_LENGTH } from './session-id.js';
export type {
  AuthType,
  BridgeSession,
  RequestContext,
  SessionFailureCode,
  SessionValidationFailure,
  SessionValidationResult,
  SessionValidationSuccess,
} from './types.js';
export { FAILURE_MESSAGES, failureStatus } from './types.js';
export type { CachedValidation, ValidationStore } from './validation-cache.js';
export type { BridgeValidatorMetrics, ValidationOutcome, ValidationSources } from './validator-metrics.js';
