/**
 * @module Starts Flowless from a resolved configuration: database, Redis, pino logger, mailer and
 * the HTTP server, with flowfull's graceful shutdown (SIGTERM/SIGINT: stop accepting, finish
 * requests, then close the app, Redis and the database, all within `shutdownTimeoutMs`).
 */
import { createDatabase, databaseTypeOf } from 'flowfull/db';
import { createServerLogger, type RunningServer, serve } from 'flowfull/server';
import { Redis } from 'ioredis';
import { createFlowlessApp } from './app.js';
import type { FlowlessConfig } from './config/flowless-config.js';
import { migrateFlowless } from './db/migrate.js';
import type { FlowlessDatabase } from './db/schema.js';

/** Options of {@link startFlowlessServer}. */
export interface StartOptions {
  /** Run pending migrations first. @default true */
  migrate?: boolean;
  /** Host to bind. @default config.HOST ('0.0.0.0') */
  hostname?: string;
  /** Longest graceful shutdown, in ms. @default 10_000 */
  shutdownTimeoutMs?: number;
  /** Signals that start a shutdown; `[]` installs none (tests). @default ['SIGTERM', 'SIGINT'] */
  signals?: readonly NodeJS.Signals[];
}

/**
 * Starts the Flowless HTTP server on `config.PORT` (3000 by default).
 *
 * @example
 * ```ts
 * const server = await startFlowlessServer(loadFlowlessConfig(process.env));
 * // SIGTERM → graceful shutdown within 10 s, then the process exits.
 * ```
 */
export async function startFlowlessServer(
  config: FlowlessConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const logger = createServerLogger({ level: config.LOG_LEVEL, base: { service: 'flowless' } });
  const db = await createDatabase<FlowlessDatabase>(config);
  if (options.migrate ?? true) await migrateFlowless(db);
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false })
    : null;
  redis?.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis error'));
  let running: RunningServer | undefined;
  const flowless = await createFlowlessApp({
    config,
    db,
    redis,
    logger,
    draining: () => running?.closing ?? false,
  });
  running = await serve(flowless.app, {
    port: config.PORT,
    hostname: options.hostname ?? config.HOST,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
    ...(options.signals ? { signals: options.signals } : {}),
    logger,
    onShutdown: () => flowless.endStreams(),
    onClose: async () => {
      await flowless.close();
      redis?.disconnect();
      await db.destroy();
    },
  });
  logger.info(
    { port: running.port, dialect: databaseTypeOf(db), redis: redis !== null },
    'flowless listening',
  );
  return running;
}
