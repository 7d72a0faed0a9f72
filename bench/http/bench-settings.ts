/**
 * @module Settings of `npm run bench:http`, read once from the environment.
 */

export const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const CONNECTIONS = 50;
export const COLD_ROUNDS = 6;
export const COLD_SAMPLES = 500;
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** `auth` (rows (a)–(e)) and `defaults` (the server defaults, row by row); both unless set. */
export const SECTIONS = (process.env.BENCH_SECTIONS ?? 'auth,defaults').split(',');
export const DEFAULTS_DURATION_S = Number(process.env.BENCH_DEFAULTS_DURATION_S ?? 3);
export const DEFAULTS_ROUNDS = Number(process.env.BENCH_DEFAULTS_ROUNDS ?? 3);
