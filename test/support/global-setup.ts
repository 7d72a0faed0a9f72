/**
 * @module Vitest global setup: finds out which real services answer, and whether Chromium is
 * installed for the browser suites, before any suite runs.
 *
 * With `CI=true` a missing service or browser fails the whole run. Without it, the suites that
 * need them are skipped and this prints, once, which ones and why. At the end of a run that wrote
 * browser screenshots, it prints, once, where they are.
 */
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { chromiumInstalled, chromiumPath, screenshotsDir } from '../browser/support/chromium.js';
import { screenshotsSince } from '../browser/support/screenshots.js';
import { serviceUrls, type TestService } from './service-urls.js';

export type ServiceAvailability = Record<TestService, boolean>;

declare module 'vitest' {
  export interface ProvidedContext {
    services: ServiceAvailability;
    /** True when Chromium is installed for the browser suites. */
    chromium: boolean;
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

function checkServices(services: ServiceAvailability): void {
  const missing = (Object.keys(services) as TestService[]).filter((name) => !services[name]);
  if (missing.length === 0) return;
  const list = missing.map((name) => `${name} (${serviceUrls[name]})`).join(', ');
  if (process.env.CI === 'true') {
    throw new Error(`CI=true and these services do not answer: ${list}. Start them (see .ci/run).`);
  }
  process.stderr.write(
    `\n[services] SKIPPING every suite that needs: ${list}. They do not answer; start them, ` +
      'or set CI=true to make this a failure.\n\n',
  );
}

function checkChromium(installed: boolean): void {
  if (installed) return;
  if (process.env.CI === 'true') {
    throw new Error(
      `CI=true and Chromium is not installed at ${chromiumPath}. Install Debian's chromium (see .ci/run).`,
    );
  }
  process.stderr.write(
    `\n[browser] SKIPPING the browser suites: no Chromium at ${chromiumPath}. Install it ` +
      '(apt-get install chromium), or set CI=true to make this a failure.\n\n',
  );
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const startedAt = Date.now();
  const [postgres, mysqlUp, redis] = await Promise.all([postgresAnswers(), mysqlAnswers(), redisAnswers()]);
  const services: ServiceAvailability = { postgres, mysql: mysqlUp, redis };
  const chromium = chromiumInstalled();
  checkServices(services);
  checkChromium(chromium);
  project.provide('services', services);
  project.provide('chromium', chromium);
  return async function teardown() {
    const written = await screenshotsSince(startedAt);
    if (written > 0) process.stderr.write(`\n[browser] ${written} screenshot(s) in ${screenshotsDir}\n`);
  };
}
