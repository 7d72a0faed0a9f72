/**
 * @module The cache benchmark's workload: sizes, the loader's delay and the Redis it runs on.
 */

export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisHost = new URL(REDIS_URL);
/** Host and port of {@link REDIS_URL}, as BentoCache's drivers take them. */
export const connection = { host: redisHost.hostname, port: Number(redisHost.port || 6379) };
/** Prefix of every key this run writes. */
export const RUN = `bench:cache:${process.pid}:${Date.now()}:`;
export const HIT_OPS = 200_000;
export const LOADER_MS = 20;
export const STAMPEDE = 10_000;
export const STAMPEDE_ROUNDS = 5;
// A p99 needs enough samples for its tail: with 200 it is the second-worst sample of the run.
export const PROPAGATION_SAMPLES = 1000;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
