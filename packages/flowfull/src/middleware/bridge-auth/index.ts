/**
 * @module bridgeAuth middleware: installs the app's validator.
 */
import '../auth-variables.js';

export type { BridgeAuthVariables } from '../auth-variables.js';
export type { BridgeAuthOptions } from './bridge-auth.js';
export { bridgeAuth } from './bridge-auth.js';
