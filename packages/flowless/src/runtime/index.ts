/**
 * @module Runtime ports: clock, logger and background tasks.
 */
export type { BackgroundTasks } from './background-tasks.js';
export { createBackgroundTasks } from './background-tasks.js';
export type { Clock } from './clock.js';
export { frozenClock, systemClock } from './clock.js';
export type { Logger } from './logger.js';
export { silentLogger } from './logger.js';
