/**
 * @module What the bridge logs of a fault: its stable code when it has one, and its message.
 */
import { BridgeError } from './errors.js';

/**
 * Loggable fields of a fault: its stable code when it has one, and its message.
 *
 * @example
 * ```ts
 * logger.warn({ ...errorFields(error), attempt }, 'Flowless call failed, retrying');
 * ```
 */
export function errorFields(error: unknown): { code?: string; message: string } {
  if (error instanceof BridgeError) return { code: error.code, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}
