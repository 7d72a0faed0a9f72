/**
 * @module flowfull/validation: validation modes (IP, User-Agent and device checks on every
 * request) and client IP resolution through trusted proxies.
 */
export type { ClientIpResolver } from './client-ip.js';
export { createClientIpResolver, normalizeIp } from './client-ip.js';
export type { ValidationModeConfig } from './from-config.js';
export { validationModeOptionsFromConfig } from './from-config.js';
export type {
  RequestFingerprint,
  SecurityViolation,
  SessionFingerprint,
  ValidationAction,
  ValidationContext,
  ValidationModeName,
  ValidationResult,
  ViolationSeverity,
  ViolationType,
} from './types.js';
export type { ValidationModeOptions } from './validation-mode.js';
export { ValidationMode } from './validation-mode.js';
