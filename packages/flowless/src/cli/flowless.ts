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
import { emailField } from '../routes/auth/user-fields.js';
import { startFlowlessServer } from '../server.js';
import { createUserRepository } from '../users/user-repository.js';

const USAGE =
  'usage: flowless serve | flowless migrate [--down | --status] | flowless create-admin --email <address> [--type admin|superadmin]';

const writeLine = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const CREATE_ADMIN_ARGUMENTS =
  'create-admin takes only --email <address> and --type admin|superadmin: the password comes from standard input or FLOWLESS_ADMIN_PASSWORD, never from an argument';

function createAdminOptions(args: string[]): { email: string; userType: 'admin' | 'superadmin' } {
  let values: { email?: string | undefined; type?: string | undefined };
  try {
    ({ values } = parseArgs({ args, options: { email: { type: 'string' }, type: { type: 'string' } } }));
  } catch {
    // parseArgs quotes the argument it refuses, which may be a password: never echo it.
    throw new Error(CREATE_ADMIN_ARGUMENTS);
  }
  if (!values.email) throw new Error(USAGE);
  const email = emailField.safeParse(values.email);
  if (!email.success) throw new Error('--email must be an email address');
  const userType = values.type ?? 'admin';
  if (userType !== 'admin' && userType !== 'superadmin')
    throw new Error('--type must be admin or superadmin');
  return { email: email.data, userType };
}

async function createAdmin(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { email, userType } = createAdminOptions(args);
  const password = (env.FLOWLESS_ADMIN_PASSWORD ?? readFileSync(0, 'utf8')).replace(/\r?\n$/, '');
  assertPasswordAllowed(password);
  const db = await createDatabase<FlowlessDatabase>(loadFlowlessConfig(env));
  try {
    await migrateFlowless(db);
    const users = createUserRepository(db, Date.now);
    const user = await users.insert({
      email,
      passwordHash: await createPasswordHasher().hash(password),
      userType,
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
