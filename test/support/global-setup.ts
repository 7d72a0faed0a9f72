/**
 * @module Vitest global setup: finds out which real services answer, before any suite runs.
 *
 * With `CI=true` a missing service fails the whole run. Without it, the suites that need the
 * service are skipped and this prints, once, which ones and why.
 */
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { serviceUrls, type TestService } from './service-urls.js';

export type ServiceAvailability = Record<TestService, boolean>;

declare module 'vitest' {
  export interface ProvidedContext {
    services: ServiceAvailability;
  }
}

const TIMEOUT_MS = 2_000;

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: `${serviceUrls.postgres}/postgres`,
    connectionTimeoutMillis: TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function mysqlAnswers(): Promise<boolean> {
  try {
    const connection = await mysql.createConnection({ uri: serviceUrls.mysql, connectTimeout: TIMEOUT_MS });
    await connection.query('SELECT 1');
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(serviceUrls.redis, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const [postgres, mysqlUp, redis] = await Promise.all([postgresAnswers(), mysqlAnswers(), redisAnswers()]);
  const services: ServiceAvailability = { postgres, mysql: mysqlUp, redis };
  const missing = (Object.keys(services) as TestService[]).filter((name) => !services[name]);
  if (missing.length > 0) {
    const list = missing.map((name) => `${name} (${serviceUrls[name]})`).join(', ');
    if (process.env.CI === 'true') {
      throw new Error(`CI=true and these services do not answer: ${list}. Start them (see .ci/run).`);
    }
    process.stderr.write(
      `\n[services] SKIPPING every suite that needs: ${list}. They do not answer; start them, ` +
        'or set CI=true to make this a failure.\n\n',
    );
  }
  project.provide('services', services);
}
