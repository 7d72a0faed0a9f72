/**
 * @module Starts Flowless from a resolved configuration: database, Redis, pino logger, mailer,
 * HTTP server. Returns a handle that shuts everything down in order.
 */
import { serve } from '@hono/node-server';
import { createDatabase, databaseTypeOf } from 'flowfull/db';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createFlowlessApp } from './app.js';
import type { FlowlessConfig } from './config/flowless-config.js';
import { migrateFlowless } from './db/migrate.js';
import type { FlowlessDatabase } from './db/schema.js';

/** A running Flowless server. */
export interface FlowlessServer {
  /** The port it listens on. */
  readonly port: number;
  /** Stops accepting requests, waits for background work, closes Redis and the database. */
  close(): Promise<void>;
}

/** Options of {@link startFlowlessServer}. */
export interface StartOptions {
  /** Run pending migrations first. @default true */
  migrate?: boolean;
  /** Host to bind. @default '0.0.0.0' */
  hostname?: string;
}

/**
 * Starts the Flowless HTTP server.
 *
 * @example
 * ```ts
 * const server = await startFlowlessServer(loadFlowlessConfig(process.env));
 * ```
 */
export async function startFlowlessServer(
  config: FlowlessConfig,
  options: StartOptions = {},
): Promise<FlowlessServer> {
  const logger = pino({ level: config.LOG_LEVEL, redact: ['password', 'token', 'session_id', 'sessionId'] });
  const db = await createDatabase<FlowlessDatabase>(config);
  if (options.migrate ?? true) await migrateFlowless(db);
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false })
    : null;
  redis?.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis error'));
  const flowless = await createFlowlessApp({ config, db, redis, logger });
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve(
      { fetch: flowless.app.fetch, port: config.PORT, hostname: options.hostname ?? '0.0.0.0' },
      (info) => resolve(info.port),
    );
  });
  logger.info({ port, dialect: databaseTypeOf(db), redis: redis !== null }, 'flowless listening');
  return {
    port,
    async close() {
      await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
      await flowless.close();
      redis?.disconnect();
      await db.destroy();
    },
  };
}
