/**
 * @module flowfull/cache/testing: conformance suites for cache drivers (they import Vitest, so they
 * live apart from `flowfull/cache`).
 */

export type { L1DriverSuiteOptions, L2DriverSuiteOptions } from './cache-driver-suite.js';
export { runL1DriverSuite, runL2DriverSuite } from './cache-driver-suite.js';
