/**
 * @module Builds the starter on a real database against the Flowless contract server, for
 * `app.request()` tests.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from 'flowfull/config';
import { createServerLogger } from 'flowfull/server';
import { FlowlessContractServer } from 'flowfull/testing';
import { V4 } from 'flowfull/tokens';
import type { Hono } from 'hono';
import { createStarterApp } from '../src/app.js';
import { type StarterConfig, starterVariables } from '../src/config.js';
import { createStarterServices, type StarterServices } from '../src/runtime/starter-services.js';

/** A running starter and its fake auth server. */
export interface StarterHarness {
  readonly app: Hono;
  readonly services: StarterServices;
  readonly flowless: FlowlessContractServer;
  readonly config: StarterConfig;
  /** Adds a session at the fake auth server and returns its id. */
  session(userId: string, userType?: string): string;
  close(): Promise<void>;
}

/** Starts the harness on `databaseUrl`; `env` overrides configuration. */
export async function startStarter(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<StarterHarness> {
  const flowless = await FlowlessContractServer.start();
  const { secretKey, publicKey } = await V4.generateKey('public');
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'starter-')),
      FLOWLESS_API_URL: flowless.url,
      BRIDGE_VALIDATION_SECRET: flowless.secret,
      AUTH_VALIDATION_MODE: 'DISABLED',
      TRUST_TOKEN_SECRET_KEY: secretKey,
      TRUST_TOKEN_PUBLIC_KEYS: publicKey,
      CORS_ORIGINS: 'https://app.example.com',
      ...env,
    },
    { extend: starterVariables, dotenv: false },
  );
  const services = await createStarterServices(config, createServerLogger({ level: 'silent' }));
  const app = createStarterApp(services);
  return {
    app,
    services,
    flowless,
    config,
    session(userId, userType = 'customer') {
      const id = `sess_${randomUUID().replaceAll('-', '')}`;
      flowless.addSession(id, { user_id: userId, user_type: userType, email: `${userId}@example.com` });
      return id;
    },
    async close() {
      await services.close();
      await flowless.close();
    },
  };
}
