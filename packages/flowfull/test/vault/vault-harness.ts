/**
 * @module A vault over a real database and the Flowless contract server, for `app.request()` tests.
 */
import { randomUUID } from 'node:crypto';
import { BridgeValidator, hashSessionId } from 'flowfull/bridge';
import { createDatabase, runMigrations } from 'flowfull/db';
import { applyServerDefaults, silentServerLogger } from 'flowfull/server';
import { FlowlessContractServer } from 'flowfull/testing';
import {
  applyFlowlessRevocation,
  createApplication,
  createSessionVault,
  createWorkspace,
  generateMasterKey,
  type MasterKey,
  parseMasterKey,
  type SessionVault,
  VAULT_MIGRATION_TABLE,
  type VaultApplication,
  type VaultDatabase,
  vaultAuthRoutes,
  vaultManagementRoutes,
  vaultMigrations,
  vaultSessionRoutes,
} from 'flowfull/vault';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';

/** A vault app, its database, clock and fake Flowless. */
export interface VaultHarness {
  readonly app: Hono;
  readonly vault: SessionVault;
  readonly db: Kysely<VaultDatabase>;
  readonly master: MasterKey;
  readonly flowless: FlowlessContractServer;
  readonly validator: BridgeValidator;
  readonly workspaceId: string;
  readonly application: VaultApplication;
  /** Moves the vault's clock forward. */
  advance(ms: number): void;
  /** Adds a Flowless session for `userId`; returns its id. */
  flowlessSession(userId: string): string;
  /** Signs in through `/api/v1/auth/callback`; returns the response. */
  signIn(sessionId: string, applicationId?: string): Promise<Response>;
  /** Signs in and returns the vault token. */
  token(userId: string): Promise<{ token: string; flowlessSession: string }>;
  /** Another app over the same database, as a second instance. */
  secondInstance(): Hono;
  close(): Promise<void>;
}

/** Builds an app with the server defaults and the vault's routes under `/api/v1`. */
export function vaultApp(vault: SessionVault, validator: BridgeValidator): Hono {
  const app = new Hono();
  applyServerDefaults(app, { logger: silentServerLogger, bodyLimit: 1_048_576 });
  app.route('/api/v1', vaultSessionRoutes(vault));
  app.route('/api/v1', vaultAuthRoutes({ vault, validator }));
  app.route('/api/v1', vaultManagementRoutes({ vault, validator }));
  return app;
}

/** Starts the harness on `databaseUrl`, with application limits `limits`. */
export async function startVault(
  databaseUrl: string,
  limits: Partial<
    Pick<VaultApplication, 'maxValueBytes' | 'maxSessionBytes' | 'maxConcurrentSessions' | 'sessionTtlMs'>
  > = {},
): Promise<VaultHarness> {
  const db = await createDatabase<VaultDatabase>({ DATABASE_URL: databaseUrl });
  await runMigrations(db, vaultMigrations, { tableName: VAULT_MIGRATION_TABLE });
  let offset = 0;
  const now = () => Date.now() + offset;
  const master = parseMasterKey(generateMasterKey());
  const vault = createSessionVault({ db, masterKeys: [master], now });
  const flowless = await FlowlessContractServer.start();
  const validator = new BridgeValidator({
    flowlessApiUrl: flowless.url,
    validationSecret: flowless.secret,
    revocationSource: 'feed',
    retryAttempts: 0,
    onRevocation: (message) => applyFlowlessRevocation(db, message).then(() => undefined),
  });
  await validator.ready();
  const workspaceId = await createWorkspace(db, vault.keys, {
    name: 'Acme',
    owner: `owner-${randomUUID()}`,
    now: now(),
  });
  const application = await createApplication(db, {
    workspaceId,
    name: 'web',
    allowedOrigins: ['https://app.example.com'],
    limits,
    now: now(),
  });
  const app = vaultApp(vault, validator);
  const signIn = async (sessionId: string, applicationId = application.id): Promise<Response> =>
    app.request('/api/v1/auth/callback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Session-ID': sessionId },
      body: JSON.stringify({ application_id: applicationId }),
    });
  const flowlessSession = (userId: string) => {
    const id = `sess_${randomUUID().replaceAll('-', '')}`;
    flowless.addSession(id, { user_id: userId, user_type: 'customer', email: `${userId}@example.com` });
    return id;
  };
  return {
    app,
    vault,
    db,
    master,
    flowless,
    validator,
    workspaceId,
    application,
    advance: (ms) => {
      offset += ms;
    },
    flowlessSession,
    signIn,
    async token(userId) {
      const session = flowlessSession(userId);
      const res = await signIn(session);
      const body = (await res.json()) as { data: { token: string } };
      if (res.status !== 201) throw new Error(`sign-in failed: ${res.status}`);
      return { token: body.data.token, flowlessSession: session };
    },
    secondInstance: () => vaultApp(createSessionVault({ db, masterKeys: [master], now }), validator),
    async close() {
      await vault.close();
      await validator.close();
      await flowless.close();
      await db.destroy();
    },
  };
}

export { hashSessionId };
