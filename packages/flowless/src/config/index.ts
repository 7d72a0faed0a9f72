/**
 * @module Flowless configuration: its section of variables and the loader.
 */
export type { FlowlessConfig, LoadFlowlessConfigOptions } from './flowless-config.js';
export { loadFlowlessConfig } from './flowless-config.js';
export { DEFAULT_DATABASE_FILE, flowlessDefaults } from './flowless-defaults.js';
export { flowlessSection } from './flowless-section.js';
