/**
 * @module Isolated databases for integration suites, one per suite name, on every dialect.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { serviceAvailable, serviceUrls, type TestService } from './services.js';

/** The three dialects every database suite runs against. */
export type TestDialect = 'postgresql' | 'mysql' | 'libsql';

export const TEST_DIALECTS: readonly TestDialect[] = ['postgresql', 'mysql', 'libsql'];

const NAME = /^[a-z][a-z0-9_]{0,40}$/;

/** The service behind a dialect; none for libSQL, which is embedded. */
export function dialectServices(dialect: TestDialect): TestService[] {
  if (dialect === 'postgresql') return ['postgres'];
  if (dialect === 'mysql') return ['mysql'];
  return [];
}

/** Whether the service behind a dialect answered (libSQL is embedded, always there). */
export function dialectAvailable(dialect: TestDialect): boolean {
  if (dialect === 'postgresql') return serviceAvailable('postgres');
  if (dialect === 'mysql') return serviceAvailable('mysql');
  return true;
}

const SUFFIX = /^[a-z0-9]{1,12}$/;

/**
 * Appends TEST_DB_SUFFIX, so that two checkouts of the project can run their suites at the same
 * time on one database server without dropping each other's tables.
 */
function withCheckoutSuffix(name: string): string {
  const suffix = process.env.TEST_DB_SUFFIX;
  if (suffix === undefined || suffix === '') return name;
  if (!SUFFIX.test(suffix)) throw new TypeError(`TEST_DB_SUFFIX must match ${SUFFIX}: ${suffix}`);
  return `${name}_${suffix}`;
}

/**
 * Creates (if missing) a database named `name` on the dialect's server and returns its URL. Suites
 * pick distinct names so that they can run in parallel; each suite owns its tables.
 */
export async function testDatabaseUrl(dialect: TestDialect, suiteName: string): Promise<string> {
  if (!NAME.test(suiteName)) throw new TypeError(`test database name must match ${NAME}: ${suiteName}`);
  const name = withCheckoutSuffix(suiteName);
  if (dialect === 'postgresql') {
    const client = new pg.Client({ connectionString: `${serviceUrls.postgres}/postgres` });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) {
        await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
          // Another suite created it between our check and our CREATE.
          if (error.code !== '42P04' && error.code !== '23505') throw error;
        });
      }
    } finally {
      await client.end();
    }
    return `${serviceUrls.postgres}/${name}`;
  }
  if (dialect === 'mysql') {
    const connection = await mysql.createConnection({ uri: serviceUrls.mysql });
    try {
      await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\``);
    } finally {
      await connection.end();
    }
    return `${serviceUrls.mysql}/${name}`;
  }
  const folder = join(tmpdir(), 'flowfull-tests');
  mkdirSync(folder, { recursive: true });
  return `file:${join(folder, `${name}-${process.pid}-${Date.now()}.db`)}`;
}
