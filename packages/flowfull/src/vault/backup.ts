/**
 * @module Vault backups: every vault table (already ciphertext where it holds values) serialised
 * and sealed with AES-256-GCM under a backup key, and restored into an empty database. A backup
 * opens only with its backup key; the workspaces' data keys inside it still need the master key.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { VaultError } from './errors.js';
import type { MasterKey } from './master-key.js';
import { VAULT_TABLES, type VaultDatabase } from './vault-tables.js';

const MAGIC = Buffer.from('FFVAULT1');
const AAD = Buffer.from('flowfull-vault:backup:v1');
const BATCH = 200;

type Rows = Record<(typeof VAULT_TABLES)[number], Record<string, unknown>[]>;

/** What a backup or a restore covered. */
export type BackupReport = Readonly<Record<(typeof VAULT_TABLES)[number], number>>;

/**
 * Reads every vault table and returns the sealed backup (magic ‖ iv ‖ ciphertext ‖ tag).
 *
 * @example
 * ```ts
 * await writeFile(path, await createBackup(db, backupKey), { mode: 0o600 });
 * ```
 */
export async function createBackup(db: Kysely<VaultDatabase>, backupKey: MasterKey): Promise<Buffer> {
  const rows = {} as Rows;
  for (const table of VAULT_TABLES) {
    rows[table] = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', backupKey.bytes, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify({ version: 1, rows }), 'utf8'), cipher.final()]);
  return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()]);
}

function openBackup(sealed: Buffer, backupKey: MasterKey): Rows {
  if (sealed.length < MAGIC.length + 28 || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new VaultError('ERR_VAULT_BACKUP_INVALID', 'not a vault backup');
  }
  let text: string;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      backupKey.bytes,
      sealed.subarray(MAGIC.length, MAGIC.length + 12),
    );
    decipher.setAAD(AAD);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    text = Buffer.concat([
      decipher.update(sealed.subarray(MAGIC.length + 12, sealed.length - 16)),
      decipher.final(),
    ]).toString('utf8');
  } catch (error) {
    throw new VaultError('ERR_VAULT_BACKUP_INVALID', 'the backup does not open under this backup key', {
      cause: error,
    });
  }
  const parsed = JSON.parse(text) as { version?: unknown; rows?: unknown };
  if (parsed.version !== 1 || typeof parsed.rows !== 'object' || parsed.rows === null) {
    throw new VaultError('ERR_VAULT_BACKUP_INVALID', 'unsupported backup version');
  }
  const rows = parsed.rows as Partial<Rows>;
  for (const table of VAULT_TABLES) {
    if (!Array.isArray(rows[table]))
      throw new VaultError('ERR_VAULT_BACKUP_INVALID', `backup lacks ${table}`);
  }
  return rows as Rows;
}

/**
 * Restores a backup into a migrated, empty vault database, in one transaction.
 *
 * @throws {VaultError} `ERR_VAULT_BACKUP_INVALID` for a wrong key or a damaged file;
 *   `ERR_VAULT_RESTORE_NOT_EMPTY` when a vault table already holds rows.
 * @example
 * ```ts
 * await restoreBackup(db, await readFile(path), backupKey);
 * ```
 */
export async function restoreBackup(
  db: Kysely<VaultDatabase>,
  sealed: Buffer,
  backupKey: MasterKey,
): Promise<BackupReport> {
  const rows = openBackup(sealed, backupKey);
  for (const table of VAULT_TABLES) {
    const found = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    if (Number(found?.n ?? 0) > 0) {
      throw new VaultError(
        'ERR_VAULT_RESTORE_NOT_EMPTY',
        `restore needs an empty database; ${table} has rows`,
      );
    }
  }
  await db.transaction().execute(async (trx) => {
    for (const table of VAULT_TABLES) {
      const list = rows[table];
      for (let i = 0; i < list.length; i += BATCH) {
        // Rows come from our own tables through the authenticated backup, column for column.
        await trx
          .insertInto(table)
          .values(list.slice(i, i + BATCH) as never)
          .execute();
      }
    }
  });
  const report = {} as Record<(typeof VAULT_TABLES)[number], number>;
  for (const table of VAULT_TABLES) report[table] = rows[table].length;
  return report;
}

/** The number of rows per table of a backup, without restoring it. */
export function describeBackup(sealed: Buffer, backupKey: MasterKey): BackupReport {
  const rows = openBackup(sealed, backupKey);
  const report = {} as Record<(typeof VAULT_TABLES)[number], number>;
  for (const table of VAULT_TABLES) report[table] = rows[table].length;
  return report;
}
