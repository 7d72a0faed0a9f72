/**
 * @module The starter's entry point: configuration from the environment, services, app, and a
 * server that shuts down gracefully on SIGTERM/SIGINT (in-flight requests finish, pools close).
 */
import { configureCache } from 'flowfull/cache';
import { createServerLogger, type RunningServer, serve } from 'flowfull/server';
import { createStarterApp } from './app.js';
import { loadStarterConfig } from './config.js';
import { createStarterServices } from './runtime/starter-services.js';

const config = loadStarterConfig(process.env);
// Caches created without an explicit `redis` (as in the Flowfull examples) use REDIS_URL from here on.
configureCache(config);
const logger = createServerLogger({ level: config.LOG_LEVEL, base: { service: 'starter' } });
const services = await createStarterServices(config, logger);
let running: RunningServer | undefined;
const app = createStarterApp(services, { draining: () => running?.closing ?? false });
running = await serve(app, {
  port: config.PORT,
  hostname: config.HOST,
  logger,
  onClose: () => services.close(),
});
logger.info(
  { url: running.url, database: config.DATABASE_TYPE, redis: config.REDIS_URL !== null },
  'starter listening',
);
