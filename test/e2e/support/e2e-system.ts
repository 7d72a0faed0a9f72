/**
 * @module Real processes for end-to-end tests: the auth server (`flowless serve`) and starter
 * instances on 127.0.0.1, on libSQL files in a temporary folder, plus small HTTP helpers.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type ChildServer,
  freePort,
  startChild,
  waitForHealthy,
} from '../../../scripts/start/child-process.js';

const FLOWLESS_CLI = 'packages/flowless/src/cli/flowless.ts';
const STARTER_MAIN = 'apps/starter/src/main.ts';

/** One end-to-end system: a data folder, a bridge secret and the processes started in it. */
export class E2eSystem {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'flowfull-e2e-'));
  readonly secret = randomBytes(32).toString('hex');
  readonly logs: string[] = [];
  readonly #children: ChildServer[] = [];
  #auth: ChildServer | null = null;
  authPort = 0;

  constructor(readonly env: Readonly<Record<string, string>> = {}) {}

  get authUrl(): string {
    return `http://127.0.0.1:${this.authPort}`;
  }

  #env(extra: Record<string, string>): NodeJS.ProcessEnv {
    const { REDIS_URL: _r, DATABASE_URL: _d, ...rest } = process.env;
    return {
      ...rest,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      BRIDGE_VALIDATION_SECRET: this.secret,
      ...this.env,
      ...extra,
    };
  }

  // Verification off and a plain-http cookie unless the system's env says otherwise.
  #authEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return this.#env({
      DATABASE_URL: `file:${join(this.dataDir, 'flowless.db')}`,
      REQUIRE_EMAIL_VERIFICATION: this.env.REQUIRE_EMAIL_VERIFICATION ?? 'false',
      SESSION_COOKIE_SECURE: this.env.SESSION_COOKIE_SECURE ?? 'false',
      ...extra,
    });
  }

  /** Picks the auth server's port now (kept across restarts), for URLs needed before it starts. */
  async reserveAuthPort(): Promise<number> {
    this.authPort ||= await freePort();
    return this.authPort;
  }

  /** Creates an admin in the auth server's database with `flowless create-admin`. */
  async createAdmin(email: string, password: string): Promise<void> {
    await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', FLOWLESS_CLI, 'create-admin', '--email', email],
      { env: { ...this.#authEnv(), FLOWLESS_ADMIN_PASSWORD: password } },
    );
  }

  /** Starts (or restarts, on the same port) the auth server; `env` adds variables to this start. */
  async startAuth(env: Record<string, string> = {}): Promise<ChildServer> {
    await this.reserveAuthPort();
    const child = startChild(
      'flowless',
      FLOWLESS_CLI,
      ['serve'],
      { ...this.#authEnv(env), PORT: String(this.authPort) },
      (line) => this.logs.push(line),
    );
    this.#children.push(child);
    this.#auth = child;
    await waitForHealthy(`${this.authUrl}/health`, 30_000, child.exited).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${this.logs.slice(-20).join('\n')}`);
    });
    return child;
  }

  /** Starts a second auth server on the same database (another port); resolves its URL. */
  async startAuthReplica(): Promise<{ child: ChildServer; url: string }> {
    const port = await freePort();
    const child = startChild(
      'flowless-replica',
      FLOWLESS_CLI,
      ['serve'],
      { ...this.#authEnv(), PORT: String(port) },
      (line) => this.logs.push(line),
    );
    this.#children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealthy(`${url}/health`, 30_000, child.exited);
    return { child, url };
  }

  /** Kills the auth server (SIGKILL: an outage, not a shutdown); its port is kept for a restart. */
  async stopAuth(): Promise<void> {
    const child = this.#auth;
    if (child === null) return;
    child.process.kill('SIGKILL');
    await child.exited;
    this.#auth = null;
  }

  /**
   * Starts a starter instance; `env` adds variables (REDIS_URL, AUTH_VALIDATION_MODE...); `port`
   * when it was chosen beforehand (by {@link freePort}).
   */
  async startStarter(
    env: Record<string, string> = {},
    port?: number,
  ): Promise<{ child: ChildServer; url: string }> {
    port ??= await freePort();
    const child = startChild(
      'starter',
      STARTER_MAIN,
      [],
      this.#env({
        DATABASE_URL: `file:${join(this.dataDir, 'starter.db')}`,
        FLOWLESS_API_URL: this.authUrl,
        PORT: String(port),
        ...env,
      }),
      (line) => this.logs.push(line),
    );
    this.#children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealthy(`${url}/health`, 30_000, child.exited).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${this.logs.slice(-20).join('\n')}`);
    });
    return { child, url };
  }

  /** Stops every process still running. */
  async close(): Promise<void> {
    await Promise.all(this.#children.map((child) => child.stop(5000)));
  }

  /** Registers a user and logs in; resolves the user id and session id. */
  async signUp(
    name: string,
    userAgent = 'e2e-agent',
  ): Promise<{ userId: string; sessionId: string; email: string; password: string }> {
    const email = `${name}-${randomUUID()}@example.com`;
    const password = `pw-${randomUUID()}`;
    const registered = await request(`${this.authUrl}/auth/register/public`, {
      method: 'POST',
      json: { email, password, name },
      userAgent,
    });
    if (registered.status >= 300) throw new Error(`register: ${registered.status}`);
    return { ...(await this.login(email, password, userAgent)), email, password };
  }

  /** Logs in; resolves the user id and session id. */
  async login(
    email: string,
    password: string,
    userAgent = 'e2e-agent',
  ): Promise<{ userId: string; sessionId: string }> {
    const res = await request(`${this.authUrl}/auth/login`, {
      method: 'POST',
      json: { email, password },
      userAgent,
    });
    const body = res.body as { session_id?: string; user?: { id?: string } };
    if (res.status !== 200 || !body.session_id || !body.user?.id) throw new Error(`login: ${res.status}`);
    return { userId: body.user.id, sessionId: body.session_id };
  }
}

/** Options of {@link request}. */
export interface RequestOptions {
  method?: string;
  json?: unknown;
  session?: string;
  /** `Authorization: Bearer <value>`: a session id or an API token. */
  bearer?: string;
  cookie?: string;
  /** `Origin` header, as a browser sends it on a state-changing request. */
  origin?: string;
  userAgent?: string;
}

/** A JSON request; resolves status and parsed body. */
export async function request(
  url: string,
  options: RequestOptions = {},
): Promise<{ status: number; body: Record<string, unknown> & { data?: unknown } }> {
  const headers: Record<string, string> = { 'User-Agent': options.userAgent ?? 'e2e-agent' };
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  if (options.session) headers['X-Session-ID'] = options.session;
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.origin) headers.Origin = options.origin;
  const res = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Polls `probe` every 25 ms until it returns true or `timeoutMs` passes; resolves the elapsed ms or null. */
export async function within(timeoutMs: number, probe: () => Promise<boolean>): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started <= timeoutMs) {
    if (await probe()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return null;
}
