/**
 * @module The vault service on PostgreSQL, MariaDB and libSQL: sign-in and values through the app,
 * then `vault rotate-key`, `vault backup` and `vault restore` into an empty database, reading every
 * value back.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from 'flowfull/config';
import { createServerLogger } from 'flowfull/server';
import { FlowlessContractServer } from 'flowfull/testing';
import {
  createApplication,
  createSessionVault,
  createWorkspace,
  generateMasterKey,
  parseMasterKey,
  VAULT_TABLES,
} from 'flowfull/vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS, testDatabaseUrl } from '#test-support/databases.js';
import { createVaultApp } from '../src/app.js';
import { runVaultCommand } from '../src/cli/vault-commands.js';
import { vaultVariables } from '../src/config.js';
import { createVaultServices, openVaultDatabase, type VaultServices } from '../src/runtime/vault-services.js';

const silent = createServerLogger({ level: 'silent' });

for (const dialect of TEST_DIALECTS) {
  const available = dialectAvailable(dialect);
  describe.skipIf(!available)(`vault service on ${dialect}${available ? '' : ' [skipped]'}`, () => {
    let flowless: FlowlessContractServer;
    let services: VaultServices;
    let env: Record<string, string>;
    const master1 = generateMasterKey();
    const master2 = generateMasterKey();
    const backupKey = generateMasterKey();
    const dir = mkdtempSync(join(tmpdir(), 'vault-cli-'));
    const written = new Map<string, unknown>();
    const lines: string[] = [];
    const output = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };

    beforeAll(async () => {
      flowless = await FlowlessContractServer.start();
      env = {
        NODE_ENV: 'test',
        DATA_DIR: dir,
        DATABASE_URL: await testDatabaseUrl(dialect, 'vault_cli'),
        FLOWLESS_API_URL: flowless.url,
        BRIDGE_VALIDATION_SECRET: flowless.secret,
        AUTH_VALIDATION_MODE: 'DISABLED',
        VAULT_MASTER_KEY: master1,
        VAULT_BACKUP_KEY: backupKey,
      };
      const config = loadConfig(env, { extend: vaultVariables, dotenv: false });
      // The suite owns this database: start from empty tables so the restore test sees only its rows.
      const db = await openVaultDatabase(config);
      for (const table of VAULT_TABLES) await db.deleteFrom(table).execute();
      await db.destroy();
      services = await createVaultServices(config, silent);
    });
    afterAll(async () => {
      await services?.close();
      await flowless?.close();
    });

    it('signs a Flowless user in and stores values through the app', async () => {
      const app = createVaultApp(services);
      const { vault } = services;
      const workspaceId = await createWorkspace(vault.db, vault.keys, {
        name: 'W',
        owner: 'owner',
        now: Date.now(),
      });
      const application = await createApplication(vault.db, {
        workspaceId,
        name: 'web',
        allowedOrigins: [],
        now: Date.now(),
      });
      for (let i = 0; i < 3; i++) {
        const sessionId = `sess_${randomUUID().replaceAll('-', '')}`;
        flowless.addSession(sessionId, { user_id: `user-${i}`, user_type: 'customer' });
        const signIn = await app.request('/api/v1/auth/callback', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Session-ID': sessionId },
          body: JSON.stringify({ application_id: application.id }),
        });
        expect(signIn.status).toBe(201);
        const { token } = ((await signIn.json()) as { data: { token: string } }).data;
        for (const key of ['profile', 'cart']) {
          const value = { user: i, key, marker: `plain-${randomUUID()}` };
          const res = await app.request(`/api/v1/sessions/set/${key}`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ value }),
          });
          expect(res.status).toBe(200);
          const me = await app.request('/api/v1/sessions', { headers: { Authorization: `Bearer ${token}` } });
          written.set(`${((await me.json()) as { data: { user_id: string } }).data.user_id}/${key}`, value);
        }
      }
      expect(written.size).toBe(6);
      expect((await app.request('/health')).status).toBe(200);
    });

    it('rotate-key re-wraps every data key under the new master key and leaves values as they were', async () => {
      const before = await services.db
        .selectFrom('vault_values')
        .select(['user_id', 'key_name', 'ciphertext'])
        .execute();
      const rotating = { ...env, VAULT_MASTER_KEY: master2, VAULT_PREVIOUS_MASTER_KEYS: master1 };
      expect(await runVaultCommand(['rotate-key'], rotating, output)).toBe(0);
      expect(lines.at(-1)).toMatch(/^re-wrapped 1 data keys/);
      const newId = parseMasterKey(master2).id;
      const wrapped = await services.db.selectFrom('vault_workspaces').select('wrapped_data_key').execute();
      expect(wrapped.every((row) => row.wrapped_data_key.split('.')[1] === newId)).toBe(true);
      const after = await services.db
        .selectFrom('vault_values')
        .select(['user_id', 'key_name', 'ciphertext'])
        .execute();
      expect(after).toEqual(expect.arrayContaining(before));
      const onlyNew = createSessionVault({ db: services.db, masterKeys: [parseMasterKey(master2)] });
      for (const row of after) {
        const owner = await ownerOf(row.user_id);
        const plain = await onlyNew.values.get(owner, row.key_name);
        expect(JSON.parse(String(plain))).toEqual(written.get(`${row.user_id}/${row.key_name}`));
      }
      const onlyOld = createSessionVault({ db: services.db, masterKeys: [parseMasterKey(master1)] });
      const [first] = after;
      if (first === undefined) throw new Error('no values');
      await expect(onlyOld.values.get(await ownerOf(first.user_id), first.key_name)).rejects.toMatchObject({
        code: 'ERR_VAULT_MASTER_KEY_UNKNOWN',
      });
      expect(await runVaultCommand(['rotate-key'], rotating, output)).toBe(0);
      expect(lines.at(-1)).toMatch(/^re-wrapped 0 data keys/);
    });

    it('backs up to a sealed 0600 file and restores into an empty database, every value reading back', async () => {
      const file = join(dir, 'vault.backup');
      const current = { ...env, VAULT_MASTER_KEY: master2 };
      expect(await runVaultCommand(['backup', file], current, output)).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const sealed = readFileSync(file);
      for (const value of written.values()) {
        expect(sealed.includes(Buffer.from(String((value as { marker: string }).marker)))).toBe(false);
      }
      const target = { ...current, DATABASE_URL: await testDatabaseUrl('libsql', 'vault_restore') };
      expect(
        await runVaultCommand(
          ['restore', file],
          { ...target, VAULT_BACKUP_KEY: generateMasterKey() },
          output,
        ),
      ).toBe(1);
      expect(lines.at(-1)).toMatch(/does not open under this backup key/);
      expect(await runVaultCommand(['restore', file], target, output)).toBe(0);
      expect(await runVaultCommand(['restore', file], target, output)).toBe(1);
      expect(lines.at(-1)).toMatch(/empty database/);
      const config = loadConfig(target, { extend: vaultVariables, dotenv: false });
      const db = await openVaultDatabase(config);
      try {
        const restored = createSessionVault({ db, masterKeys: [parseMasterKey(master2)] });
        const rows = await db.selectFrom('vault_values').selectAll().execute();
        expect(rows).toHaveLength(written.size);
        for (const row of rows) {
          const plain = await restored.values.get(
            { userId: row.user_id, applicationId: row.application_id, workspaceId: row.workspace_id },
            row.key_name,
          );
          expect(JSON.parse(String(plain))).toEqual(written.get(`${row.user_id}/${row.key_name}`));
        }
      } finally {
        await db.destroy();
      }
    });

    it('grants SUPPORT from the command line only, and never prints a key', async () => {
      const workspace = await services.db
        .selectFrom('vault_workspaces')
        .select('id')
        .executeTakeFirstOrThrow();
      expect(await runVaultCommand(['grant-support', workspace.id, 'support-1'], env, output)).toBe(0);
      const member = await services.db
        .selectFrom('vault_members')
        .select('role')
        .where('workspace_id', '=', workspace.id)
        .where('user_id', '=', 'support-1')
        .executeTakeFirstOrThrow();
      expect(member.role).toBe('SUPPORT');
      expect(await runVaultCommand(['grant-support', randomUUID(), 'support-1'], env, output)).toBe(1);
      expect(await runVaultCommand(['grant-support'], env, output)).toBe(2);
      const printed = lines.join('\n');
      for (const key of [master1, master2, backupKey]) {
        expect(printed).not.toContain(key);
        expect(printed).not.toContain(key.slice('k4.local.'.length));
      }
    });

    async function ownerOf(userId: string) {
      const user = await services.db
        .selectFrom('vault_users')
        .select(['id', 'application_id', 'workspace_id'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      return { userId: user.id, applicationId: user.application_id, workspaceId: user.workspace_id };
    }
  });
}
