/**
 * @module Kysely instances on the test databases for the trust token suites, with the
 * `trust_token_uses` migration applied.
 */
import { createDatabase } from 'flowfull/db';
import { trustTokenUsesMigration } from 'flowfull/tokens';
import type { Kysely } from 'kysely';
import { type TestDialect, testDatabaseUrl } from '#test-support/databases.js';

/** The database name every trust token suite shares, one per dialect. */
export const TOKENS_DATABASE = 'tokens_state';

/** Opens the test database of a dialect and makes sure `trust_token_uses` exists. */
export async function openTokensDatabase(
  dialect: TestDialect,
  url?: string,
): Promise<{ db: Kysely<object>; url: string }> {
  const databaseUrl = url ?? (await testDatabaseUrl(dialect, TOKENS_DATABASE));
  const db = await createDatabase<object>({
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MIN: 0,
    DATABASE_POOL_MAX: 4,
  });
  await trustTokenUsesMigration.up(db);
  return { db, url: databaseUrl };
}
