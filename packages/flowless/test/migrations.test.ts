/**
 * The Flowless migrations on PostgreSQL, MariaDB and libSQL: 0005 adds the social-login tables; 0003 adds `one_time_tokens.sent_to`
 * and the expiry indexes, and steps down and up again cleanly.
 */
import { runMigrations } from 'flowfull/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '../../../test/support/databases.js';
import { FLOWLESS_MIGRATION_TABLE, flowlessMigrations } from '../src/db/migrate.js';
import { type FlowlessDatabaseHandle, freshDatabase } from './support/flowless-harness.js';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless migrations on ${dialect}`, () => {
    let handle: FlowlessDatabaseHandle;
    beforeAll(async () => {
      handle = await freshDatabase(dialect, 'flowless_migrations_steps');
    });
    afterAll(async () => handle.db.destroy());

    const tokenColumns = async (): Promise<string[]> => {
      const tables = await handle.db.introspection.getTables();
      return (tables.find((t) => t.name === 'one_time_tokens')?.columns ?? []).map((c) => c.name).sort();
    };
    const step = (direction: 'up' | 'down') =>
      runMigrations(handle.db, flowlessMigrations, { tableName: FLOWLESS_MIGRATION_TABLE, direction });

    const columnsOf = async (table: string) => {
      const tables = await handle.db.introspection.getTables();
      return (tables.find((t) => t.name === table)?.columns ?? []).map((c) => c.name);
    };
    const tableNames = async () => (await handle.db.introspection.getTables()).map((t) => t.name);

    it('0005 adds social_login_states and social_accounts.email, and down then up removes and restores them', async () => {
      expect(Object.keys(flowlessMigrations)).toEqual([
        '0001-core-tables',
        '0002-revocation-events',
        '0003-token-recipient-and-expiry-indexes',
        '0005-social-login',
      ]);
      expect(await tableNames()).toContain('social_login_states');
      expect(await columnsOf('social_accounts')).toContain('email');
      expect(await step('down')).toEqual([
        { name: '0005-social-login', direction: 'down', status: 'success' },
      ]);
      expect(await tableNames()).not.toContain('social_login_states');
      expect(await columnsOf('social_accounts')).not.toContain('email');
      expect(await step('up')).toEqual([{ name: '0005-social-login', direction: 'up', status: 'success' }]);
      expect(await tableNames()).toContain('social_login_states');
      expect(await columnsOf('social_accounts')).toContain('email');
    });

    it('0003 adds one_time_tokens.sent_to, and down then up removes and restores it', async () => {
      expect(await tokenColumns()).toContain('sent_to');
      await step('down');
      expect(await step('down')).toEqual([
        { name: '0003-token-recipient-and-expiry-indexes', direction: 'down', status: 'success' },
      ]);
      expect(await tokenColumns()).not.toContain('sent_to');
      expect(await step('up')).toEqual([
        { name: '0003-token-recipient-and-expiry-indexes', direction: 'up', status: 'success' },
      ]);
      expect(await tokenColumns()).toContain('sent_to');
      expect(await step('up')).toEqual([{ name: '0005-social-login', direction: 'up', status: 'success' }]);
    });
  });
}
