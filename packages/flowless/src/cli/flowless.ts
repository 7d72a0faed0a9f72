/**
 * @module The `flowless` command: `serve`, `migrate [--down | --status]`, and
 * `create-admin --email <address>`. The admin password comes from FLOWLESS_ADMIN_PASSWORD or
 * standard input, never from an argument.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDatabase, runMigrateCommand } from 'flowfull/db';
import { loadFlowlessConfig } from '../config/flowless-config.js';
import { flowlessDefaults } from '../config/flowless-defaults.js';
import { FLOWLESS_MIGRATION_TABLE, flowlessMigrations, migrateFlowless } from '../db/migrate.js';
import type { FlowlessDatabase } from '../db/schema.js';
import { createPasswordHasher } from '../passwords/password-hasher.js';
import { assertPasswordAllowed } from '../passwords/password-policy.js';
import { startFlowlessServer } from '../server.js';
import { createUserRepository } from '../users/user-repository.js';

const USAGE =
  'usage: flowless serve | flowless migrate [--down | --status] | flowless create-admin --email <address> [--type superadmin]';

const writeLine = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function createAdmin(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, type: { type: 'string' } } });
  if (!values.email) throw new Error(USAGE);
  const password = (env.FLOWLESS_ADMIN_PASSWORD ?? readFileSync(0, 'utf8')).replace(/\r?\n$/, '');
  assertPasswordAllowed(password);
  const db = await createDatabase<FlowlessDatabase>(loadFlowlessConfig(env));
  try {
    await migrateFlowless(db);
    const users = createUserRepository(db, Date.now);
    const user = await users.insert({
      email: values.email,
      passwordHash: await createPasswordHasher().hash(password),
      userType: values.type === 'superadmin' ? 'superadmin' : 'admin',
      isVerified: true,
    });
    writeLine(`created ${user.userType} ${user.id} <${user.email}>`);
  } finally {
    await db.destroy();
  }
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') {
    await startFlowlessServer(loadFlowlessConfig(env));
    return;
  }
  if (command === 'migrate') {
    process.exitCode = await runMigrateCommand(rest, {
      migrations: flowlessMigrations,
      tableName: FLOWLESS_MIGRATION_TABLE,
      env,
      defaults: flowlessDefaults,
      write: writeLine,
    });
    return;
  }
  if (command === 'create-admin') return createAdmin(rest, env);
  throw new Error(USAGE);
}

main(process.argv.slice(2), process.env).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
