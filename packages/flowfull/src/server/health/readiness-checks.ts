/**
 * @module Ready-made readiness checks: a database round trip, a Redis PING and an HTTP GET of a
 * dependency's health endpoint (Flowless).
 */
import { type Kysely, sql } from 'kysely';

/** A readiness check: resolves when the dependency answers, rejects (or times out) otherwise. */
export type ReadinessCheck = (signal: AbortSignal) => Promise<unknown>;

/**
 * Checks the database with `SELECT 1`.
 *
 * @example
 * ```ts
 * health({ checks: { database: databaseCheck(db) } });
 * ```
 */
export function databaseCheck<DB>(db: Kysely<DB>): ReadinessCheck {
  return async () => sql`select 1`.execute(db);
}

/** The subset of an ioredis client {@link redisCheck} uses. */
export interface PingableRedis {
  ping(): Promise<string>;
}

/**
 * Checks Redis with `PING`.
 *
 * @example
 * ```ts
 * health({ checks: { redis: redisCheck(redis) } });
 * ```
 */
export function redisCheck(redis: PingableRedis): ReadinessCheck {
  return async () => {
    const answer = await redis.ping();
    if (answer !== 'PONG') throw new Error('unexpected PING answer');
  };
}

/** Options of {@link httpCheck}. */
export interface HttpCheckOptions {
  /** Headers sent with the probe (e.g. `X-Bridge-Secret`, which also proves the secret is right). @default {} */
  headers?: Readonly<Record<string, string>>;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/**
 * Checks that `GET url` answers 2xx (e.g. `${FLOWLESS_API_URL}/health`).
 *
 * @example
 * ```ts
 * health({ checks: { flowless: httpCheck(`${config.FLOWLESS_API_URL}/health`) } });
 * ```
 */
export function httpCheck(url: string, options: HttpCheckOptions = {}): ReadinessCheck {
  const target = new URL(url).toString();
  const fetchImpl = options.fetch ?? fetch;
  const headers = { ...options.headers };
  return async (signal) => {
    const response = await fetchImpl(target, { signal, headers });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`status ${response.status}`);
  };
}
