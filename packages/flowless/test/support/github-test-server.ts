/**
 * @module A small GitHub-style OAuth 2.0 server on 127.0.0.1 for the social-login suites:
 * `/login/oauth/authorize` (the user "approves" at once, or denies), `/login/oauth/access_token`
 * (client secret, single-use codes, PKCE S256 required; refusals as GitHub sends them: 200 with
 * `error`), the REST `/user` and `/user/emails`, and `POST /applications/:client_id/token`,
 * which confirms a token was issued to that client.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The GitHub user who approves the next authorization. */
export interface GitHubTestUser {
  id: number;
  login: string;
  name: string | null;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

/** A running server. */
export interface GitHubTestServer {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Who signs in next; `deny` makes the next authorization answer `error=access_denied`. */
  next: GitHubTestUser | 'deny';
  /** The authorization requests received, for assertions. */
  readonly authorizeRequests: URL[];
  /** Mints a token for `user` as if an app with `clientId` ran the flow (a mobile app, or another app). */
  issueToken(user: GitHubTestUser, clientId: string): string;
  /** When true, `/user` and `/user/emails` answer 503. */
  apiDown: boolean;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const readForm = async (req: IncomingMessage) => {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return new URLSearchParams(text);
};

/** Starts the server. */
export async function startGitHubTestServer(): Promise<GitHubTestServer> {
  const clientId = 'gh-test-client';
  const clientSecret = 'gh-test-client-secret-0123456789';
  const codes = new Map<string, { user: GitHubTestUser; challenge: string; redirectUri: string | null }>();
  const tokens = new Map<string, { user: GitHubTestUser; clientId: string }>();
  const mint = (user: GitHubTestUser, client: string) => {
    const token = `gho_${randomBytes(16).toString('hex')}`;
    tokens.set(token, { user, clientId: client });
    return token;
  };
  const state: GitHubTestServer = {
    url: '',
    clientId,
    clientSecret,
    next: 'deny',
    authorizeRequests: [],
    apiDown: false,
    issueToken: mint,
    close: async () => undefined,
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/login/oauth/authorize') {
      state.authorizeRequests.push(url);
      const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
      redirect.searchParams.set('state', url.searchParams.get('state') ?? '');
      const challenge = url.searchParams.get('code_challenge');
      if (url.searchParams.get('client_id') !== clientId) return json(res, 400, { error: 'unknown client' });
      if (state.next === 'deny') {
        redirect.searchParams.set('error', 'access_denied');
      } else if (!challenge || url.searchParams.get('code_challenge_method') !== 'S256') {
        redirect.searchParams.set('error', 'invalid_request');
      } else {
        const code = randomBytes(10).toString('hex');
        codes.set(code, { user: state.next, challenge, redirectUri: url.searchParams.get('redirect_uri') });
        redirect.searchParams.set('code', code);
      }
      res.writeHead(302, { location: redirect.toString() }).end();
      return;
    }
    if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
      const form = await readForm(req);
      const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
      if (req.headers.authorization !== `Basic ${basic}`)
        return json(res, 200, { error: 'incorrect_client_credentials' });
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code);
      const verifier = form.get('code_verifier');
      const matches =
        grant !== undefined &&
        verifier !== null &&
        createHash('sha256').update(verifier).digest('base64url') === grant.challenge &&
        form.get('redirect_uri') === grant.redirectUri;
      if (!grant || !matches) return json(res, 200, { error: 'bad_verification_code' });
      const token = mint(grant.user, clientId);
      return json(res, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
    }
    if (url.pathname === `/applications/${clientId}/token` && req.method === 'POST') {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
      if (req.headers.authorization !== `Basic ${basic}`)
        return json(res, 401, { message: 'Requires authentication' });
      const body = JSON.parse(text) as { access_token?: string };
      const found = tokens.get(body.access_token ?? '');
      if (!found || found.clientId !== clientId) return json(res, 404, { message: 'Not Found' });
      return json(res, 200, { token: body.access_token, app: { client_id: clientId } });
    }
    const user = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''))?.user;
    if (url.pathname === '/user' || url.pathname === '/user/emails') {
      if (state.apiDown) return json(res, 503, { message: 'unavailable' });
      if (!user) return json(res, 401, { message: 'Bad credentials' });
      if (url.pathname === '/user') {
        return json(res, 200, { id: user.id, login: user.login, name: user.name, avatar_url: null });
      }
      return json(
        res,
        200,
        user.emails.map((entry) => ({ ...entry, visibility: 'private' })),
      );
    }
    json(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  });
  return state;
}
