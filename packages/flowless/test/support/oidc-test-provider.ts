/**
 * @module panva's oidc-provider on 127.0.0.1 for the social-login suites: one confidential client,
 * PKCE (S256) required, the development login and consent pages, and accounts whose email and
 * `email_verified` the test chooses (the login name is the account id).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A test identity at the provider. */
export interface TestAccount {
  email: string;
  /** Sent as `email_verified`; undefined sends no such claim (Microsoft Entra). */
  emailVerified: boolean | 'true' | 'false' | undefined;
  /** undefined: the login name; null: no `name` claim (Apple). */
  name?: string | null;
  /** Claims beside the standard ones (Microsoft's `xms_edov`). */
  extra?: Record<string, unknown>;
}

/** Options of {@link startOidcTestProvider}. */
export interface OidcTestProviderOptions {
  /** Path the provider is mounted under; the issuer ends with it (`/tenant-id/v2.0`). @default '' */
  readonly path?: string;
  /** Clients besides the main one (a mobile app, another relying party). */
  readonly otherClients?: readonly { clientId: string; clientSecret: string; redirectUris: string[] }[];
}

/** A running provider. */
export interface OidcTestProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Accounts by login name; add to it before a login. */
  readonly accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

/** Starts the provider with a client whose redirect URIs are `redirectUris`. */
export async function startOidcTestProvider(
  redirectUris: readonly string[],
  options: OidcTestProviderOptions = {},
): Promise<OidcTestProvider> {
  const accounts = new Map<string, TestAccount>();
  const path = options.path ?? '';
  let handler: ReturnType<Provider['callback']> | null = null;
  const server: Server = createServer((req, res) => {
    if (!handler) {
      res.writeHead(503).end();
      return;
    }
    if (path !== '') {
      if (!req.url?.startsWith(`${path}/`)) {
        res.writeHead(404).end();
        return;
      }
      // oidc-provider builds its URLs with the part of originalUrl that precedes url.
      Object.assign(req, { originalUrl: req.url });
      req.url = req.url.slice(path.length);
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  const clientId = 'flowless-test-client';
  const clientSecret = 'oidc-test-client-secret-0123456789abcdef';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [...redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      ...(options.otherClients ?? []).map((other) => ({
        client_id: other.clientId,
        client_secret: other.clientSecret,
        redirect_uris: other.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code' as const],
        token_endpoint_auth_method: 'client_secret_basic' as const,
      })),
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: account.email,
            ...(account.emailVerified !== undefined && { email_verified: account.emailVerified }),
            ...(account.name !== null && { name: account.name ?? sub }),
            ...account.extra,
          };
        },
      };
    },
  });
  handler = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
