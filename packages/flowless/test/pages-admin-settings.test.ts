/**
 * The admin settings page: the modules that are on and the effective configuration, with every
 * secret shown only as "set" or "unset" (a server configured with secrets of every kind, none of
 * which may appear in the page). One database (libSQL).
 */

import { type EnvVariable, flowfullVariables } from 'flowfull/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowlessSection } from '../src/config/flowless-section.js';
import { configurationRows, isSecretVariable } from '../src/pages/admin/settings/configuration-rows.js';
import { auditEvents, getPage } from './support/admin-pages.js';
import {
  BRIDGE_SECRET,
  freshDatabase,
  type Harness,
  signedInUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'admin settings password';

/** A secret of every kind the configuration holds. */
const SECRETS = {
  SMTP_URL: 'smtp://mailer:smtp-pass-5h7Kq@127.0.0.1:2525',
  REDIS_URL: 'redis://:redis-pass-9Lm2x@127.0.0.1:6379',
  LIBSQL_AUTH_TOKEN: 'libsql-token-Tq81Zc',
  TWO_FACTOR_BACKUP_SECRET: 'backup-secret-value-0123456789abcdefXYZ',
  SOCIAL_GITHUB_CLIENT_SECRET: 'gh-client-secret-Vw3rT',
  PICTURE_S3_ACCESS_KEY_ID: 'AKIAEXAMPLEKEYID42',
  PICTURE_S3_SECRET_ACCESS_KEY: 's3-secret-access-key-Pz09',
  SOCIAL_TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64url'),
} as const;
const OIDC_SECRET = 'oidc-client-secret-Jd62s';

describe('admin pages: settings', () => {
  let h: Harness;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_admin_settings'), {
      env: {
        SESSION_COOKIE_SECURE: 'false',
        ...SECRETS,
        SOCIAL_STORE_PROVIDER_TOKENS: 'true',
        SOCIAL_GITHUB_CLIENT_ID: 'gh-client-id-public',
        OIDC_PROVIDERS: JSON.stringify([
          { id: 'corp', issuer: 'https://id.corp.example', client_id: 'corp-id', client_secret: OIDC_SECRET },
        ]),
        PICTURE_S3_BUCKET: 'flowless-pictures',
        TWO_FACTOR_REQUIRED_USER_TYPES: 'superadmin',
      },
    });
    ({ session: admin, id: adminId } = await signedInUser(h, {
      email: 'admin@example.test',
      password: PASSWORD,
      userType: 'admin',
    }));
  });
  afterAll(() => h.stop());

  const settings = async () => {
    const res = await getPage(h, '/admin/settings', admin);
    expect(res.status).toBe(200);
    return res.text();
  };

  it('shows no secret value, only whether each is set', async () => {
    const body = await settings();
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(body, name).not.toContain(value);
      expect(body).toContain(`<code>${name}</code></th><td><em>set</em></td>`);
    }
    for (const value of [
      OIDC_SECRET,
      BRIDGE_SECRET,
      h.services.config.DATABASE_URL,
      'smtp-pass',
      'redis-pass',
    ]) {
      expect(body).not.toContain(value);
    }
    expect(body).toContain('<code>BRIDGE_VALIDATION_SECRET</code></th><td><em>set</em></td>');
    expect(body).toContain('<code>DATABASE_URL</code></th><td><em>set</em></td>');
    expect(body).toContain('<code>TRUST_TOKEN_LOCAL_KEY</code></th><td><em>unset</em></td>');
    // The OpenID Connect providers carry client secrets: only their ids are shown.
    expect(body).toContain('<code>OIDC_PROVIDERS</code></th><td><em>1 configured: corp</em></td>');
  });

  it('records each view', async () => {
    const before = (await auditEvents(h, { action: 'admin.configuration_viewed' })).length;
    await settings();
    const events = await auditEvents(h, { action: 'admin.configuration_viewed' });
    expect(events).toHaveLength(before + 1);
    expect(events[0]).toMatchObject({ actorUserId: adminId, outcome: 'success', subjectUserId: null });
  });

  it('shows the plain values, whether each is the default, and what each means', async () => {
    const body = await settings();
    expect(body).toContain(
      '<code>API_TOKEN_MAX_PER_USER</code></th><td><code>50</code></td><td>default</td>',
    );
    expect(body).toContain(
      '<code>SOCIAL_GITHUB_CLIENT_ID</code></th><td><code>gh-client-id-public</code></td><td>environment</td>',
    );
    expect(body).toContain('<code>CACHE_TTL (as CACHE_TTL_MS)</code></th><td><code>300000</code>');
    expect(body).toContain(flowlessSection.LOGIN_LOCK_MS.description);
  });

  it('shows which modules are on', async () => {
    const body = await settings();
    expect(body).toContain('<th scope="row">Social sign-in</th><td>On</td><td>Providers: github, corp.</td>');
    expect(body).toContain('Stored in the S3-compatible bucket flowless-pictures.');
    expect(body).toContain('<th scope="row">Redis</th><td>On</td>');
    expect(body).toContain('Required for: superadmin.');
    expect(body).toContain('<th scope="row">Two-factor authentication</th><td>On</td>');
    expect(body).toContain('<th scope="row">Mail</th><td>On</td><td>Sent through SMTP.</td>');
  });

  it('builds the rows once per configuration, and anew for another one', () => {
    const rows = configurationRows(h.services.config);
    expect(configurationRows(h.services.config)).toBe(rows);
    expect(Object.isFrozen(rows)).toBe(true);
    expect(configurationRows({ ...h.services.config })).not.toBe(rows);
    expect(configurationRows({ ...h.services.config })).toEqual(rows);
  });

  it('reads a secret from the declaration or the name, and leaves counts and switches alone', () => {
    const flowfull: Readonly<Record<string, EnvVariable>> = flowfullVariables;
    const flowless: Readonly<Record<string, EnvVariable>> = flowlessSection;
    const declared = (name: string) => [flowfull[name], flowless[name]].filter((d) => d !== undefined);
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'SMTP_URL',
      'LIBSQL_AUTH_TOKEN',
      'TRUST_TOKEN_SECRET_KEY',
    ]) {
      expect(isSecretVariable(name, declared(name)), name).toBe(true);
    }
    expect(isSecretVariable('SOME_SERVICE_PASSWORD', [])).toBe(true);
    expect(isSecretVariable('WEBHOOK_SIGNING_KEY', [])).toBe(true);
    expect(isSecretVariable('METRICS_TOKEN', [])).toBe(true);
    for (const name of [
      'API_TOKEN_MAX_PER_USER',
      'SOCIAL_STORE_PROVIDER_TOKENS',
      'TOKEN_LOGIN_TTL_MS',
      'PORT',
    ]) {
      expect(isSecretVariable(name, declared(name)), name).toBe(false);
    }
  });
});
