/**
 * @module Starts Flowless from a resolved configuration: database, Redis, pino logger, mailer, the
 * periodic purge of expired rows and the HTTP server, with flowfull's graceful shutdown
 * (SIGTERM/SIGINT: stop accepting, finish requests, then stop the purge and close the app, Redis
 * and the database, all within `shutdownTimeoutMs`).
 */
import { createDatabase, databaseTypeOf } from 'flowfull/db';
import { createServerLogger, type Logger, type RunningServer, serve } from 'flowfull/server';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { createFlowlessApp } from './app.js';
import type { FlowlessConfig } from './config/flowless-config.js';
import { migrateFlowless } from './db/migrate.js';
import type { FlowlessDatabase } from './db/schema.js';
import { createExpiredRowPurge } from './maintenance/expired-row-purge.js';
import { type PurgeTimer, startPurgeTimer } from './maintenance/purge-timer.js';
import { systemClock } from './runtime/clock.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Starts the purge of expired rows and old audit events (`PURGE_INTERVAL_MS`, `PURGE_BATCH_SIZE`,
 * `AUDIT_RETENTION_DAYS`), or none when 0.
 */
function startPurge(config: FlowlessConfig, db: Kysely<FlowlessDatabase>, logger: Logger): PurgeTimer | null {
  if (config.PURGE_INTERVAL_MS === 0 || config.PURGE_BATCH_SIZE === 0) return null;
  const purge = createExpiredRowPurge({
    db,
    clock: systemClock,
    batchSize: config.PURGE_BATCH_SIZE,
    auditRetentionMs: config.AUDIT_RETENTION_DAYS * DAY_MS,
  });
  const timer = startPurgeTimer({ purge, intervalMs: config.PURGE_INTERVAL_MS, logger });
  // A first run at start, so that frequent restarts do not postpone it forever.
  void timer.runNow();
  return timer;
}

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
  let purge: PurgeTimer | null = null;
  running = await serve(flowless.app, {
    port: config.PORT,
    hostname: options.hostname ?? config.HOST,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
    ...(options.signals ? { signals: options.signals } : {}),
    logger,
    onShutdown: () => flowless.endStreams(),
    onClose: async () => {
      await purge?.stop();
      await flowless.close();
      redis?.disconnect();
      await db.destroy();
    },
  });
  purge = startPurge(config, db, logger);
  logger.info(
    { port: running.port, dialect: databaseTypeOf(db), redis: redis !== null },
    'flowless listening',
  );
  return running;
}
