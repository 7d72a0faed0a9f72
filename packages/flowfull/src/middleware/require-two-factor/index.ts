/**
 * @module requireTwoFactor middleware.
 */
import '../auth-variables.js';

export type { RequireTwoFactorOptions } from './require-two-factor.js';
export { requireTwoFactor, satisfiesTwoFactor } from './require-two-factor.js';
