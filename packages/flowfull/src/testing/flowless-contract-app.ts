/**
 * @module A Hono app that answers the Flowless bridge endpoints as `flowless-api.md` §3.17
 * describes, with knobs for latency and faults. {@link FlowlessContractServer} serves it over HTTP.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { type Context, Hono } from 'hono';

/** A session the contract server knows, by its raw id. */
export interface ContractSession {
  readonly user_id: string;
  readonly email?: string;
  readonly name?: string;
  readonly user_type?: string;
  readonly ip_address?: string | null;
  readonly user_agent?: string | null;
  readonly device_id?: string | null;
  /** Expiry; a past date makes validation answer 401 "Session expired". @default one hour after creation */
  readonly expires_at?: Date | string;
}

/** The response variants of §3.17 the server can answer with. */
export type ContractResponseShape = 'superset' | 'session-only' | 'data-envelope';

/** A fault to inject: a 500, a 200 with a non-JSON body, a closed socket, or no answer at all. */
export type ContractFault = 'status-500' | 'garbage' | 'close-socket' | 'hang';

/** One request the server received (for assertions). */
export interface ContractRequest {
  readonly path: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
  /** When the request arrived (`Date.now()`), before any latency or fault. */
  readonly receivedAt: number;
}

/** The mutable state behind the app: fixtures, knobs and counters. */
export class ContractState {
  readonly sessions = new Map<string, ContractSession>();
  /** Requests received, in order. */
  readonly requests: ContractRequest[] = [];
  /** Added latency per request, in ms. */
  latencyMs = 0;
  /** Response variant for successful validations. */
  shape: ContractResponseShape = 'superset';
  /** Fault applied to the next `faultCount` requests (all requests when `faultCount` is Infinity). */
  fault: ContractFault | null = null;
  faultCount = 0;
  /** Answers for ids not in `sessions` (for example every id with a prefix, for load tests). */
  resolveSession: ((sessionId: string) => ContractSession | undefined) | null = null;
  /** Called after a session is invalidated (for example to publish a revocation). */
  onInvalidate: ((sessionId: string) => Promise<void> | void) | null = null;

  constructor(readonly secret: string) {}

  /** Calls received on `path` (`/auth/bridge/validate` or `/auth/bridge/invalidate`). */
  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }
}

/** Hono environment of the contract app. */
export type ContractEnv = { Bindings: HttpBindings; Variables: { body: Record<string, unknown> } };

const VALIDATE = '/auth/bridge/validate';
const INVALIDATE = '/auth/bridge/invalidate';

/** Builds the contract app around `state`. */
export function createFlowlessContractApp(state: ContractState): Hono<ContractEnv> {
  const app = new Hono<ContractEnv>();
  const expected = digest(state.secret);

  app.use('*', async (c, next) => {
    const receivedAt = Date.now();
    const body = await readBody(c);
    state.requests.push({ path: c.req.path, url: c.req.url, headers: c.req.header(), body, receivedAt });
    c.set('body', body);
    if (state.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));
    if (state.fault !== null && state.faultCount > 0) {
      const fault = state.fault;
      state.faultCount -= 1;
      if (fault === 'status-500') return c.json({ success: false, error: 'Internal error' }, 500);
      if (fault === 'garbage')
        return c.body('<html>Bad gateway</html>', 200, { 'content-type': 'text/html' });
      if (fault === 'close-socket') {
        c.env.incoming.socket.destroy();
        return new Promise<Response>(() => undefined);
      }
      return new Promise<Response>(() => undefined);
    }
    if (!timingSafeEqual(digest(c.req.header('x-bridge-secret') ?? ''), expected)) {
      return c.json({ success: false, error: 'Invalid bridge secret', code: 'INVALID_BRIDGE_SECRET' }, 401);
    }
    return next();
  });

  const validate = (c: Context<ContractEnv>): Response => {
    const id = sessionIdOf(c, c.get('body'));
    const session = id === null ? undefined : (state.sessions.get(id) ?? state.resolveSession?.(id));
    if (session === undefined) return c.json({ success: false, valid: false, error: 'Invalid session' }, 401);
    const expiresAt = new Date(session.expires_at ?? Date.now() + 3_600_000);
    if (expiresAt.getTime() <= Date.now()) {
      return c.json({ success: false, valid: false, error: 'Session expired' }, 401);
    }
    return c.json(render(session, expiresAt.toISOString(), state.shape));
  };
  app.post(VALIDATE, validate);
  app.post('/bridge/validate', validate);

  app.post(INVALIDATE, async (c) => {
    const id = sessionIdOf(c, c.get('body'));
    if (id === null || !state.sessions.delete(id))
      return c.json({ success: false, error: 'Invalid session' }, 404);
    await state.onInvalidate?.(id);
    return c.json({ success: true, message: 'Session invalidated' });
  });

  app.get('/health', (c) => c.json({ status: 'ok' }));
  return app;
}

function render(
  session: ContractSession,
  expiresAt: string,
  shape: ContractResponseShape,
): Record<string, unknown> {
  const userType = session.user_type ?? 'customer';
  if (shape === 'session-only') {
    return {
      success: true,
      session: {
        user_id: session.user_id,
        email: session.email ?? null,
        name: session.name ?? null,
        user_type: userType,
        ip_address: session.ip_address ?? null,
        user_agent: session.user_agent ?? null,
        device_id: session.device_id ?? null,
        expires_at: expiresAt,
      },
    };
  }
  const user = { id: session.user_id, email: session.email ?? null, name: session.name ?? null, userType };
  if (shape === 'data-envelope') {
    return { success: true, data: { valid: true, user, session: { id: 'ses_x', expires_at: expiresAt } } };
  }
  return {
    success: true,
    valid: true,
    user: { ...user, user_type: userType },
    session: {
      id: 'ses_fixture',
      user_id: session.user_id,
      userId: session.user_id,
      user_type: userType,
      expires_at: expiresAt,
      expiresAt,
      ip_address: session.ip_address ?? null,
      ipAddress: session.ip_address ?? null,
      user_agent: session.user_agent ?? null,
      userAgent: session.user_agent ?? null,
      device_id: session.device_id ?? null,
    },
    expires_at: expiresAt,
    cached: false,
    timestamp: new Date().toISOString(),
  };
}

function sessionIdOf(c: Context, body: Record<string, unknown>): string | null {
  for (const value of [
    body.session_id,
    body.sessionId,
    c.req.query('session_id'),
    c.req.header('x-session-id'),
  ]) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

async function readBody(c: Context): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = await c.req.json();
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
