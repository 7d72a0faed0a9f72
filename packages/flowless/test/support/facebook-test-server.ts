/**
 * @module A small Facebook-style server on 127.0.0.1 for the social-login suites: the login
 * dialog `/dialog/oauth` (approves at once, or denies as Facebook does), Graph
 * `/oauth/access_token` (client secret in the form body only, single-use codes, PKCE S256
 * required, Graph's own error shape), `/me` (requires a valid `appsecret_proof`; `email` only when
 * the user has a confirmed address) and `/debug_token` (asked with an app token `id|secret`).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { listenLocal, pkceMatches, readForm, sendJson } from './test-http.js';

/** The Facebook user who approves the next authorization; `email` null: no confirmed address. */
export interface FacebookTestUser {
  id: string;
  name: string;
  email: string | null;
}

/** A running server. */
export interface FacebookTestServer {
  readonly url: string;
  readonly appId: string;
  readonly appSecret: string;
  next: FacebookTestUser | 'deny';
  /** Mints a user token for `user` as if the app `appId` ran the flow. */
  issueToken(user: FacebookTestUser, appId: string): string;
  /** How many `/debug_token` requests were answered. */
  readonly debugTokenCalls: number;
  close(): Promise<void>;
}

const graphError = (message: string, code: number) => ({
  error: { message, type: 'OAuthException', code, fbtrace_id: 'test' },
});

/** Starts the server. */
export async function startFacebookTestServer(): Promise<FacebookTestServer> {
  const appId = '2200000000000002';
  const appSecret = 'facebook-test-app-secret-0123456789';
  const codes = new Map<string, { user: FacebookTestUser; challenge: string; redirectUri: string }>();
  const tokens = new Map<string, { user: FacebookTestUser; appId: string }>();
  const issueToken = (user: FacebookTestUser, app: string) => {
    const token = `EAA${randomBytes(24).toString('hex')}`;
    tokens.set(token, { user, appId: app });
    return token;
  };
  const state = { next: 'deny' as FacebookTestUser | 'deny', debugTokenCalls: 0 };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = url.searchParams;
    if (url.pathname === '/dialog/oauth') {
      if (params.get('client_id') !== appId) return sendJson(res, 400, graphError('Invalid App ID', 101));
      const redirect = new URL(params.get('redirect_uri') ?? '');
      redirect.searchParams.set('state', params.get('state') ?? '');
      const challenge = params.get('code_challenge');
      if (state.next === 'deny') {
        redirect.searchParams.set('error', 'access_denied');
        redirect.searchParams.set('error_reason', 'user_denied');
      } else if (!challenge || params.get('code_challenge_method') !== 'S256') {
        redirect.searchParams.set('error', 'invalid_request');
      } else {
        const code = randomBytes(24).toString('base64url');
        codes.set(code, { user: state.next, challenge, redirectUri: redirect.origin + redirect.pathname });
        redirect.searchParams.set('code', code);
      }
      res.writeHead(302, { location: `${redirect.toString()}#_=_` }).end();
      return;
    }
    if (url.pathname === '/oauth/access_token' && req.method === 'POST') {
      const form = await readForm(req);
      if (form.get('client_id') !== appId || form.get('client_secret') !== appSecret) {
        return sendJson(res, 400, graphError('Error validating client secret.', 1));
      }
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code);
      if (
        !grant ||
        !pkceMatches(form.get('code_verifier'), grant.challenge) ||
        form.get('redirect_uri') !== grant.redirectUri
      ) {
        return sendJson(res, 400, graphError('Invalid verification code format.', 100));
      }
      return sendJson(res, 200, {
        access_token: issueToken(grant.user, appId),
        token_type: 'bearer',
        expires_in: 5183944,
      });
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (url.pathname === '/debug_token') {
      if (bearer !== `${appId}|${appSecret}`)
        return sendJson(res, 400, graphError('Invalid OAuth access token.', 190));
      state.debugTokenCalls += 1;
      const found = tokens.get(params.get('input_token') ?? '');
      if (!found) return sendJson(res, 200, { data: { is_valid: false, error: { code: 190 }, scopes: [] } });
      return sendJson(res, 200, {
        data: {
          app_id: found.appId,
          type: 'USER',
          is_valid: true,
          user_id: found.user.id,
          scopes: ['email'],
        },
      });
    }
    if (url.pathname === '/me') {
      const found = tokens.get(bearer);
      if (!found) return sendJson(res, 401, graphError('Invalid OAuth access token.', 190));
      // The proof is checked with the secret of the app the token belongs to.
      const secret = found.appId === appId ? appSecret : `secret-of-${found.appId}`;
      const proof = createHmac('sha256', secret).update(bearer).digest('hex');
      if (params.get('appsecret_proof') !== proof) {
        return sendJson(res, 400, graphError('Invalid appsecret_proof provided in the API argument', 100));
      }
      const { user } = found;
      return sendJson(res, 200, {
        id: user.id,
        name: user.name,
        ...(user.email !== null && { email: user.email }),
        picture: { data: { url: `https://graph.example.test/${user.id}/picture`, is_silhouette: true } },
      });
    }
    sendJson(res, 404, graphError('Unknown path components', 2500));
  });
  const { url, close } = await listenLocal(server);
  return Object.assign(state, { url, appId, appSecret, issueToken, close });
}
