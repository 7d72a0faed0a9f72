/**
 * The Flowless migrations on PostgreSQL, MariaDB and libSQL: 0003 adds `one_time_tokens.sent_to`
 * and the expiry indexes; 0004 adds the second-factor state (session state and failure counter,
 * `two_factor.last_step`, the challenge and backup-code tables); 0005 adds the social-login tables;
 * 0006 the passkey tables and the database rate-limit counters; 0007 adds `tokens.token_prefix`
 * for personal API tokens; 0008 the audit log `audit_events`; each steps down and up cleanly.
 */
import { runMigrations } from 'flowfull/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { FLOWLESS_MIGRATION_TABLE, flowlessMigrations } from '../src/db/migrate.js';
import { type FlowlessDatabaseHandle, freshDatabase } from './support/flowless-harness.js';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless migrations on ${dialect}`, () => {
    let handle: FlowlessDatabaseHandle;
    beforeAll(async () => {
      handle = await freshDatabase(dialect, 'flowless_migrations_steps');
    });
    afterAll(async () => handle.db.destroy());

    const columnsOf = async (table: string): Promise<string[]> => {
      const tables = await handle.db.introspection.getTables();
      return (tables.find((t) => t.name === table)?.columns ?? []).map((c) => c.name).sort();
    };
    const tableNames = async (): Promise<string[]> =>
      (await handle.db.introspection.getTables()).map((t) => t.name);
    const step = (direction: 'up' | 'down') =>
      runMigrations(handle.db, flowlessMigrations, { tableName: FLOWLESS_MIGRATION_TABLE, direction });

    it('lists the migrations in order', () => {
      expect(Object.keys(flowlessMigrations)).toEqual([
        '0001-core-tables',
        '0002-revocation-events',
        '0003-token-recipient-and-expiry-indexes',
        '0004-two-factor-state',
        '0005-social-login',
        '0006-passkeys',
        '0007-api-tokens',
        '0008-audit-events',
      ]);
    });

    it('0008 adds audit_events, and down then up removes and restores it', async () => {
      expect(await columnsOf('audit_events')).toEqual(
        [
          'action',
          'actor_user_id',
          'details',
          'id',
          'ip',
          'occurred_at',
          'outcome',
          'subject_user_id',
          'user_agent',
        ].sort(),
      );
      expect(await step('down')).toEqual([
        { name: '0008-audit-events', direction: 'down', status: 'success' },
      ]);
      expect(await tableNames()).not.toContain('audit_events');
      expect(await step('up')).toEqual([{ name: '0008-audit-events', direction: 'up', status: 'success' }]);
      expect(await tableNames()).toContain('audit_events');
    });

    it('0007 adds tokens.token_prefix, and down then up removes and restores it', async () => {
      expect(await columnsOf('tokens')).toContain('token_prefix');
      await step('down'); // 0008
      expect(await step('down')).toEqual([{ name: '0007-api-tokens', direction: 'down', status: 'success' }]);
      expect(await columnsOf('tokens')).not.toContain('token_prefix');
      expect(await step('up')).toEqual([{ name: '0007-api-tokens', direction: 'up', status: 'success' }]);
      expect(await columnsOf('tokens')).toContain('token_prefix');
      await step('up'); // 0008
    });

    it('0006 adds passkeys, passkey_challenges and rate_limit_counters, and down then up removes and restores them', async () => {
      const added = ['passkeys', 'passkey_challenges', 'rate_limit_counters'];
      expect(await tableNames()).toEqual(expect.arrayContaining(added));
      expect(await columnsOf('passkeys')).toEqual(
        expect.arrayContaining([
          'credential_id',
          'public_key',
          'counter',
          'transports',
          'name',
          'last_used_at',
        ]),
      );
      await step('down'); // 0008
      await step('down'); // 0007
      expect(await step('down')).toEqual([{ name: '0006-passkeys', direction: 'down', status: 'success' }]);
      for (const table of added) expect(await tableNames()).not.toContain(table);
      expect(await step('up')).toEqual([{ name: '0006-passkeys', direction: 'up', status: 'success' }]);
      expect(await tableNames()).toEqual(expect.arrayContaining(added));
      await step('up'); // 0007
      await step('up'); // 0008
    });

    it('0005 adds social_login_states and social_accounts.email, and down then up removes and restores them', async () => {
      expect(await tableNames()).toContain('social_login_states');
      expect(await columnsOf('social_accounts')).toContain('email');
      await step('down'); // 0008
      await step('down'); // 0007
      await step('down'); // 0006
      expect(await step('down')).toEqual([
        { name: '0005-social-login', direction: 'down', status: 'success' },
      ]);
      expect(await tableNames()).not.toContain('social_login_states');
      expect(await columnsOf('social_accounts')).not.toContain('email');
      expect(await step('up')).toEqual([{ name: '0005-social-login', direction: 'up', status: 'success' }]);
      expect(await tableNames()).toContain('social_login_states');
      expect(await columnsOf('social_accounts')).toContain('email');
      await step('up'); // 0006
      await step('up'); // 0007
      await step('up'); // 0008
    });

    it('0004 adds the second-factor state, and down then up removes and restores it', async () => {
      expect(await columnsOf('sessions')).toEqual(expect.arrayContaining(['state', 'two_factor_failures']));
      expect(await columnsOf('two_factor')).toContain('last_step');
      expect(await tableNames()).toEqual(
        expect.arrayContaining(['two_factor_challenges', 'two_factor_backup_codes']),
      );
      await step('down'); // 0008
      await step('down'); // 0007
      await step('down'); // 0006
      await step('down'); // 0005
      expect(await step('down')).toEqual([
        { name: '0004-two-factor-state', direction: 'down', status: 'success' },
      ]);
      expect(await columnsOf('sessions')).not.toContain('state');
      expect(await columnsOf('two_factor')).not.toContain('last_step');
      expect(await tableNames()).not.toContain('two_factor_challenges');
      expect(await step('up')).toEqual([
        { name: '0004-two-factor-state', direction: 'up', status: 'success' },
      ]);
      expect(await columnsOf('sessions')).toEqual(expect.arrayContaining(['state', 'two_factor_failures']));
      expect(await tableNames()).toContain('two_factor_backup_codes');
      await step('up'); // 0005
      await step('up'); // 0006
      await step('up'); // 0007
      await step('up'); // 0008
    });

    it('0003 adds one_time_tokens.sent_to, and down then up removes and restores it', async () => {
      expect(await columnsOf('one_time_tokens')).toContain('sent_to');
      await step('down'); // 0008
      await step('down'); // 0007
      await step('down'); // 0006
      await step('down'); // 0005
      await step('down'); // 0004
      expect(await step('down')).toEqual([
        { name: '0003-token-recipient-and-expiry-indexes', direction: 'down', status: 'success' },
      ]);
      expect(await columnsOf('one_time_tokens')).not.toContain('sent_to');
      expect(await step('up')).toEqual([
        { name: '0003-token-recipient-and-expiry-indexes', direction: 'up', status: 'success' },
      ]);
      expect(await columnsOf('one_time_tokens')).toContain('sent_to');
      await step('up'); // 0004
      await step('up'); // 0005
      await step('up'); // 0006
      await step('up'); // 0007
      await step('up'); // 0008
      expect(await columnsOf('sessions')).toContain('state');
      expect(await tableNames()).toContain('social_login_states');
    });
  });
}
