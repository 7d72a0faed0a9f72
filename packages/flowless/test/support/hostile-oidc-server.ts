/**
 * @module An OIDC provider on 127.0.0.1 that misbehaves on demand, for the ID-token attack tests:
 * discovery, JWKS and an authorization endpoint that approves at once, and a token endpoint whose
 * ID token is correct (`ok`) or signed for another issuer or audience, expired, unsigned
 * (`alg: none`) or carrying another nonce. The client a compromised or impersonated provider would
 * face is Flowless's; everything it checks is checked against real HTTP and real signatures.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';

/** What the next ID token gets wrong. */
export type HostileMode = 'ok' | 'wrong_issuer' | 'wrong_audience' | 'expired' | 'alg_none' | 'wrong_nonce';

/** A running hostile provider. */
export interface HostileOidcServer {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  mode: HostileMode;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

/** Starts the server; its ID tokens are for `sub` `hostile-user` with a verified address. */
export async function startHostileOidcServer(): Promise<HostileOidcServer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'hostile-1', alg: 'RS256', use: 'sig' };
  const nonces = new Map<string, string>();
  const state: HostileOidcServer = {
    issuer: '',
    clientId: 'hostile-client',
    clientSecret: 'hostile-client-secret-0123456789',
    mode: 'ok',
    close: async () => undefined,
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', state.issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: state.issuer,
        authorization_endpoint: `${state.issuer}/authorize`,
        token_endpoint: `${state.issuer}/token`,
        jwks_uri: `${state.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const code = randomBytes(10).toString('hex');
      nonces.set(code, url.searchParams.get('nonce') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      const code = new URLSearchParams(text).get('code') ?? '';
      const nonce = nonces.get(code);
      nonces.delete(code);
      if (nonce === undefined) return json(res, 400, { error: 'invalid_grant' });
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        nonce: state.mode === 'wrong_nonce' ? 'another-nonce' : nonce,
        email: 'hostile@example.test',
        email_verified: true,
      };
      const issuer = state.mode === 'wrong_issuer' ? 'http://127.0.0.1:1/elsewhere' : state.issuer;
      const audience = state.mode === 'wrong_audience' ? 'another-client' : state.clientId;
      const [iat, exp] = state.mode === 'expired' ? [now - 7200, now - 3600] : [now, now + 300];
      const idToken =
        state.mode === 'alg_none'
          ? new UnsecuredJWT(claims)
              .setIssuer(issuer)
              .setAudience(audience)
              .setSubject('hostile-user')
              .setIssuedAt(iat)
              .setExpirationTime(exp)
              .encode()
          : await new SignJWT(claims)
              .setProtectedHeader({ alg: 'RS256', kid: 'hostile-1' })
              .setIssuer(issuer)
              .setAudience(audience)
              .setSubject('hostile-user')
              .setIssuedAt(iat)
              .setExpirationTime(exp)
              .sign(privateKey);
      return json(res, 200, {
        access_token: randomBytes(16).toString('hex'),
        token_type: 'Bearer',
        expires_in: 300,
        id_token: idToken,
      });
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(state, {
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  });
  return state;
}
