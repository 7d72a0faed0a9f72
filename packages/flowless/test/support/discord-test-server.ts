/**
 * @module A small Discord-style OAuth 2.0 server on 127.0.0.1 for the social-login suites:
 * `/oauth2/authorize` (approves at once, or denies), `/api/oauth2/token` (HTTP Basic client
 * authentication, single-use codes, PKCE S256 required, `invalid_grant` as Discord sends it),
 * `/api/users/@me` (with `email` and `verified`) and `/api/oauth2/@me` (the application a token
 * was granted to).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { listenLocal, pkceMatches, readForm, sendJson } from './test-http.js';

/** The Discord user who approves the next authorization. */
export interface DiscordTestUser {
  id: string;
  username: string;
  email: string | null;
  verified: boolean;
}

/** A running server. */
export interface DiscordTestServer {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Who signs in next; `deny` makes the next authorization answer `error=access_denied`. */
  next: DiscordTestUser | 'deny';
  /** Mints a token for `user` as if the application `clientId` ran the flow. */
  issueToken(user: DiscordTestUser, clientId: string): string;
  close(): Promise<void>;
}

/** Starts the server. */
export async function startDiscordTestServer(): Promise<DiscordTestServer> {
  const clientId = '1100000000000000001';
  const clientSecret = 'discord-test-client-secret-0123456789';
  const codes = new Map<string, { user: DiscordTestUser; challenge: string; redirectUri: string }>();
  const tokens = new Map<string, { user: DiscordTestUser; clientId: string }>();
  const issueToken = (user: DiscordTestUser, client: string) => {
    const token = randomBytes(15).toString('base64url');
    tokens.set(token, { user, clientId: client });
    return token;
  };
  const state = { next: 'deny' as DiscordTestUser | 'deny' };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/oauth2/authorize') {
      const params = url.searchParams;
      if (params.get('client_id') !== clientId) return sendJson(res, 400, { message: 'Unknown Application' });
      const redirect = new URL(params.get('redirect_uri') ?? '');
      redirect.searchParams.set('state', params.get('state') ?? '');
      const challenge = params.get('code_challenge');
      if (state.next === 'deny') redirect.searchParams.set('error', 'access_denied');
      else if (!challenge || params.get('code_challenge_method') !== 'S256')
        redirect.searchParams.set('error', 'invalid_request');
      else {
        const code = randomBytes(15).toString('base64url');
        codes.set(code, { user: state.next, challenge, redirectUri: redirect.origin + redirect.pathname });
        redirect.searchParams.set('code', code);
      }
      res.writeHead(302, { location: redirect.toString() }).end();
      return;
    }
    if (url.pathname === '/api/oauth2/token' && req.method === 'POST') {
      const form = await readForm(req);
      const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
      if (req.headers.authorization !== `Basic ${basic}`)
        return sendJson(res, 401, { error: 'invalid_client' });
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code);
      if (
        !grant ||
        form.get('grant_type') !== 'authorization_code' ||
        !pkceMatches(form.get('code_verifier'), grant.challenge) ||
        form.get('redirect_uri') !== grant.redirectUri
      ) {
        return sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: 'Invalid "code" in request.',
        });
      }
      return sendJson(res, 200, {
        access_token: issueToken(grant.user, clientId),
        token_type: 'Bearer',
        expires_in: 604800,
        refresh_token: randomBytes(15).toString('base64url'),
        scope: 'identify email',
      });
    }
    const found = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (url.pathname === '/api/users/@me' || url.pathname === '/api/oauth2/@me') {
      if (!found) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
      const { user } = found;
      const profile = { id: user.id, username: user.username, global_name: null, avatar: null };
      if (url.pathname === '/api/oauth2/@me') {
        return sendJson(res, 200, {
          application: { id: found.clientId, name: 'app' },
          scopes: ['identify', 'email'],
          expires: new Date(Date.now() + 604_800_000).toISOString(),
          user: profile,
        });
      }
      return sendJson(res, 200, { ...profile, email: user.email, verified: user.verified });
    }
    sendJson(res, 404, { message: '404: Not Found', code: 0 });
  });
  const { url, close } = await listenLocal(server);
  return Object.assign(state, { url, clientId, clientSecret, issueToken, close });
}
