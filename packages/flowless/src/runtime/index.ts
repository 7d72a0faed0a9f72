/**
 * @module Runtime ports: clock and background tasks (the logger is flowfull's `Logger`).
 */
export type { BackgroundTasks } from './background-tasks.js';
export { createBackgroundTasks } from './background-tasks.js';
export type { Clock } from './clock.js';
export { frozenClock, systemClock } from './clock.js';
