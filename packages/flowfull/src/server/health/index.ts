/**
 * @module Liveness and readiness routes, with ready-made checks.
 */
export type { HealthOptions } from './health.js';
export { health } from './health.js';
export type { HttpCheckOptions, PingableRedis, ReadinessCheck } from './readiness-checks.js';
export { databaseCheck, httpCheck, redisCheck } from './readiness-checks.js';
