/**
 * @module The `vault` command line: `rotate-key` re-wraps the data keys under the current master
 * key; `backup <file>` writes every vault table sealed under `VAULT_BACKUP_KEY` (mode 0600);
 * `restore <file>` loads such a file into an empty database; `grant-support <workspace> <user>`
 * makes a Flowless user SUPPORT (audit reads only; the one way to grant that role). Keys are read from the configuration
 * and never printed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createBackup, grantSupport, parseMasterKey, restoreBackup, rotateMasterKey } from 'flowfull/vault';
import { loadVaultConfig, type VaultConfig, withVaultDefaults } from '../config.js';
import { masterKeysOf, openVaultDatabase } from '../runtime/vault-services.js';

/** Where the commands write their one-line results. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const USAGE =
  'usage: vault rotate-key | vault backup <file> | vault restore <file> | vault grant-support <workspace id> <flowless user id>';

function backupKeyOf(config: VaultConfig) {
  if (config.VAULT_BACKUP_KEY === null) throw new TypeError('Set VAULT_BACKUP_KEY to back up or restore');
  return parseMasterKey(config.VAULT_BACKUP_KEY, 'VAULT_BACKUP_KEY');
}

/**
 * Runs one command; resolves to the exit code.
 */
export async function runVaultCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: CommandOutput,
): Promise<number> {
  const [command, file, userId] = argv;
  if (
    command !== 'rotate-key' &&
    command !== 'backup' &&
    command !== 'restore' &&
    command !== 'grant-support'
  ) {
    output.err(USAGE);
    return 2;
  }
  if (
    (command !== 'rotate-key' && file === undefined) ||
    (command === 'grant-support' && userId === undefined)
  ) {
    output.err(USAGE);
    return 2;
  }
  const config = loadVaultConfig(withVaultDefaults(env));
  const db = await openVaultDatabase(config);
  try {
    if (command === 'rotate-key') {
      const [current, ...previous] = await masterKeysOf(config);
      const report = await rotateMasterKey(db, { current, previous });
      output.out(
        `re-wrapped ${report.rewrapped} data keys under master key ${current.id} (${report.unchanged} already were)`,
      );
    } else if (command === 'grant-support') {
      const granted = await grantSupport(db, {
        workspaceId: file as string,
        userId: userId as string,
        actor: 'cli',
        now: Date.now(),
      });
      if (!granted) {
        output.err(`no workspace ${file}`);
        return 1;
      }
      output.out(`${userId} is SUPPORT in workspace ${file}`);
    } else if (command === 'backup') {
      const sealed = await createBackup(db, backupKeyOf(config));
      await writeFile(file as string, sealed, { mode: 0o600, flag: 'wx' });
      output.out(`backup written to ${file} (${sealed.length} bytes)`);
    } else {
      const report = await restoreBackup(db, await readFile(file as string), backupKeyOf(config));
      output.out(
        `restored ${report.vault_workspaces} workspaces and ${report.vault_values} values from ${file}`,
      );
    }
    return 0;
  } catch (error) {
    output.err(`vault ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db.destroy();
  }
}
