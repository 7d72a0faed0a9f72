/**
 * @module Where the test suites find the real services. Each can be moved with an environment variable.
 */

/** The services that integration suites run against. */
export type TestService = 'postgres' | 'mysql' | 'redis';

/** Base URLs (no database name) of the services the tests use. */
export const serviceUrls: Readonly<Record<TestService, string>> = Object.freeze({
  postgres: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432',
  mysql: process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
  redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
});
