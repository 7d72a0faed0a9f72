/**
 * @module The `flowless` command: `serve`, `migrate`, and `create-admin --email <address>`. The
 * admin password comes from FLOWLESS_ADMIN_PASSWORD or standard input, never from an argument.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadFlowlessConfig } from '../config/flowless-config.js';
import { createFlowlessDatabase } from '../db/create-database.js';
import { migrateFlowless } from '../db/migrate.js';
import { createPasswordHasher } from '../passwords/password-hasher.js';
import { assertPasswordAllowed } from '../passwords/password-policy.js';
import { startFlowlessServer } from '../server.js';
import { createUserRepository } from '../users/user-repository.js';

const USAGE =
  'usage: flowless serve | flowless migrate | flowless create-admin --email <address> [--type superadmin]';

function openDatabase(env: NodeJS.ProcessEnv) {
  const config = loadFlowlessConfig(env);
  return {
    config,
    ...createFlowlessDatabase({
      url: config.DATABASE_URL,
      type: config.DATABASE_TYPE,
      authToken: config.LIBSQL_AUTH_TOKEN,
    }),
  };
}

async function createAdmin(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, type: { type: 'string' } } });
  if (!values.email) throw new Error(USAGE);
  const password = (env.FLOWLESS_ADMIN_PASSWORD ?? readFileSync(0, 'utf8')).replace(/\r?\n$/, '');
  assertPasswordAllowed(password);
  const { db, dialect } = openDatabase(env);
  try {
    await migrateFlowless(db, dialect);
    const users = createUserRepository(db, dialect, Date.now);
    const user = await users.insert({
      email: values.email,
      passwordHash: await createPasswordHasher().hash(password),
      userType: values.type === 'superadmin' ? 'superadmin' : 'admin',
      isVerified: true,
    });
    console.log(`created ${user.userType} ${user.id} <${user.email}>`);
  } finally {
    await db.destroy();
  }
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') {
    const server = await startFlowlessServer(loadFlowlessConfig(env));
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  if (command === 'migrate') {
    const { db, dialect } = openDatabase(env);
    try {
      const result = await migrateFlowless(db, dialect);
      for (const r of result.results ?? []) console.log(`${r.migrationName}: ${r.status}`);
    } finally {
      await db.destroy();
    }
    return;
  }
  if (command === 'create-admin') return createAdmin(rest, env);
  throw new Error(USAGE);
}

main(process.argv.slice(2), process.env).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
