/**
 * @module A Hono app that answers the Flowless bridge endpoints as docs/flowless-contract.md (Bridge)
 * describes, with knobs for latency and faults. {@link FlowlessContract} calls it in memory,
 * {@link FlowlessContractServer} serves it over HTTP.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { hashSessionId } from '../bridge/session-id.js';
import type { ContractResponseShape, ContractSession, ContractState } from './contract-state.js';

/** The part of a request's socket the app uses: a real `net.Socket`, or an in-memory stand-in. */
export interface ContractSocket {
  destroy(): void;
  once(event: 'close', listener: () => void): unknown;
}

/** Hono environment of the contract app (`@hono/node-server` bindings satisfy it). */
export type ContractEnv = {
  Bindings: { incoming: { socket: ContractSocket } };
  Variables: { body: Record<string, unknown> };
};

const VALIDATE = '/auth/bridge/validate';
const INVALIDATE = '/auth/bridge/invalidate';
const FEED = '/auth/bridge/revocations';

/** Builds the contract app around `state`. */
export function createFlowlessContractApp(state: ContractState): Hono<ContractEnv> {
  const app = new Hono<ContractEnv>();
  const expected = digest(state.secret);
  const isSecret = (given: string | undefined): boolean => timingSafeEqual(digest(given ?? ''), expected);

  // The revocation feed is registered first: it is neither recorded nor subject to faults, so
  // request counts and fault injection concern the validate and invalidate calls alone.
  app.get(FEED, (c) => {
    if (!isSecret(c.req.header('x-bridge-secret'))) return c.json({ success: false }, 401);
    if (state.feedDown) return c.json({ success: false }, 503);
    const socket = c.env.incoming.socket;
    const after = Number(c.req.header('last-event-id') ?? Number.NaN);
    const since = Number(c.req.query('since') ?? 0);
    return streamSSE(c, async (stream) => {
      const send = (event: ContractState['revocations'][number]) =>
        stream.writeSSE({ event: 'revocation', id: String(event.id), data: JSON.stringify(event.message) });
      const missed = state.revocations.filter((e) => (Number.isNaN(after) ? e.at >= since : e.id > after));
      for (const event of missed) await send(event);
      await stream.writeSSE({ event: 'ready', id: String(state.revocations.length), data: '{}' });
      const listener = (event: ContractState['revocations'][number]) =>
        void send(event).catch(() => undefined);
      state.feedListeners.add(listener);
      state.feedSockets.add(socket);
      await new Promise<void>((resolve) => {
        stream.onAbort(resolve);
        socket.once('close', resolve);
      });
      state.feedListeners.delete(listener);
      state.feedSockets.delete(socket);
    });
  });

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
    if (!isSecret(c.req.header('x-bridge-secret'))) {
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
    state.publishRevocation({ type: 'session.revoked', session_hash: hashSessionId(id) });
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
    ...(session.token_id !== undefined && { auth_type: 'api_token', token_id: session.token_id }),
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
      two_factor_verified: session.two_factor_verified ? 1 : 0,
      two_factor_verified_at: session.two_factor_verified ? expiresAt : null,
      two_factor_methods: session.two_factor_methods ?? [],
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
