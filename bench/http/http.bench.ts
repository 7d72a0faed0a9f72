/**
 * @module `npm run bench:http`: on 127.0.0.1, (a) a bare Hono route and (b) the same route behind
 * `requireAuth()` with a warm cache in ADVANCED mode, plus (a2) the route behind two no-op
 * middlewares (the floor of any middleware in Hono), under autocannon: the same request to every
 * row, five interleaved rounds (rows averaged; throughput ratios are the median of the per-round
 * ratios);
 * (c) cold validations (a new session id per request) through Flowfull and (d) the same calls made
 * to the Flowless-contract server directly, sampled sequentially with microsecond timing in six
 * interleaved rounds after a warm-up round, so that (c) − (d) (the median of the per-round
 * differences of p50) is what Flowfull adds; (e), the same route forwarding the same call to
 * Flowless with no validator, is the floor of (c): the extra HTTP hop any backend pays. Then the
 * server defaults row by row (`defaults-rows.ts`): a bare route, each default alone, the full
 * defaults and the protected route, with the server's CPU time per request. Servers run in child
 * processes. Prints tables, then one JSON line per section (`BENCH_SECTIONS=auth` or `defaults`
 * runs one).
 */
import { authSection } from './auth-section.js';
import { SECTIONS } from './bench-settings.js';
import { children, redisAvailable, start } from './child-servers.js';
import { defaultsSection } from './defaults-section.js';

try {
  const withRedis = await redisAvailable();
  const flowless = await start('flowless', {});
  if (SECTIONS.includes('auth')) await authSection(flowless, withRedis);
  if (SECTIONS.includes('defaults')) await defaultsSection(flowless);
} finally {
  for (const child of children) child.kill();
}
