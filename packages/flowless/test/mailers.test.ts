/**
 * Mail: the development outbox (one file per message, one log line without the link), SMTP
 * delivery through nodemailer to a real SMTP server on 127.0.0.1 (`smtp-server`), both directly
 * and as the app's default mailer, and the redirect allow list of reset, verification and
 * email-change links, which carry the token in the fragment and drop the requested query.
 * Mail does not depend on the database, so the app-level cases run on libSQL only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlowlessApp, type FlowlessApp } from '../src/app.js';
import { loadFlowlessConfig } from '../src/config/flowless-config.js';
import { createOutboxMailer } from '../src/mail/outbox-mailer.js';
import { isAllowedRedirect, mailLink } from '../src/mail/redirect-allow-list.js';
import { createSmtpMailer } from '../src/mail/smtp-mailer.js';
import { passwordResetMail, verificationMail } from '../src/mail/templates.js';
import type { Logger } from '../src/runtime/logger.js';
import {
  BRIDGE_SECRET,
  type FlowlessDatabaseHandle,
  fastHasher,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const TOKEN = 'tok_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const LINK = `https://app.example.test/reset-password#token=${TOKEN}`;

/** One call to a {@link Logger}. */
interface LogLine {
  level: keyof Logger;
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps every line. */
function recordingLogger(): Logger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: keyof Logger) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** One message as the SMTP server received it. */
interface ReceivedMail {
  mailFrom: string | false;
  rcptTo: string[];
  user: string | undefined;
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that takes `mailer`/`s3cret` and refuses `rejected@…` recipients. */
async function startSmtpServer(): Promise<{
  url: string;
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 's3cret') callback(null, { user: 'mailer' });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('rejected@')) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { mailFrom } = session.envelope;
        received.push({
          mailFrom: mailFrom === false ? false : mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: session.user,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://mailer:s3cret@127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The header block and the decoded text body of a single-part message. */
function parseMail(raw: string): { headers: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'quoted-printable') {
    const text = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return { headers, text };
  }
  if (encoding === 'base64') return { headers, text: Buffer.from(body, 'base64').toString('utf8') };
  return { headers, text: body };
}

/** The link of a mail text (its only URL line). */
const linkOf = (text: string | undefined): string =>
  text
    ?.split('\n')
    .map((line) => line.trim())
    .find((line) => /^[a-z][a-z0-9+.-]*:\/\//i.test(line)) ?? '';

/** Builds the app the way the server does: no mailer injected, so config picks outbox or SMTP. */
async function appWithDefaultMailer(
  handle: FlowlessDatabaseHandle,
  env: Record<string, string>,
  logger: Logger,
): Promise<FlowlessApp> {
  const config = loadFlowlessConfig(
    {
      DATABASE_URL: handle.url,
      BRIDGE_VALIDATION_SECRET: BRIDGE_SECRET,
      FRONTEND_URL: 'https://app.example.test',
      RATE_LIMIT_RESET_MAX: '1000',
      RATE_LIMIT_REGISTER_MAX: '1000',
      ...env,
    },
    { dotenv: false },
  );
  return createFlowlessApp({
    config,
    db: handle.db,
    hasher: fastHasher,
    logger,
    keyPrefix: `flowless_mail_${Math.random().toString(36).slice(2)}`,
  });
}

const post = (app: FlowlessApp, path: string, body: unknown) =>
  app.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the development outbox mailer', () => {
  it('writes one 0600 JSON file per message under <dataDir>/outbox with sender, recipient, subject and link', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'flowless-outbox-'));
    const logger = recordingLogger();
    const mailer = createOutboxMailer({
      dataDir,
      from: 'Flowless <no-reply@example.test>',
      logger,
      now: () => 1_700_000_000_000,
    });
    await mailer.send(passwordResetMail('ada@example.test', LINK));
    await mailer.send(verificationMail('bob@example.test', 'myapp://verify#token=other'));
    const files = readdirSync(join(dataDir, 'outbox')).sort();
    expect(files).toHaveLength(2);
    const reset = files.find((f) => f.includes('password_reset')) as string;
    expect(reset).toMatch(/^1700000000000-password_reset-[0-9a-f]{8}\.json$/);
    const path = join(dataDir, 'outbox', reset);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const written = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    expect(written).toMatchObject({
      from: 'Flowless <no-reply@example.test>',
      to: 'ada@example.test',
      subject: 'Reset your password',
    });
    expect(written.text).toContain(LINK);
    expect(Object.keys(written).sort()).toEqual(['from', 'subject', 'text', 'to']);
  });

  it('logs exactly one info line per message, naming the file and kind but never the token or link', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'flowless-outbox-'));
    const logger = recordingLogger();
    const mailer = createOutboxMailer({ dataDir, from: 'no-reply@example.test', logger, now: Date.now });
    await mailer.send(passwordResetMail('ada@example.test', LINK));
    expect(logger.lines).toHaveLength(1);
    const [line] = logger.lines as [LogLine];
    expect(line.level).toBe('info');
    expect(line.message).toBe('mail written to outbox');
    expect(line.fields).toEqual({
      file: join(dataDir, 'outbox', readdirSync(join(dataDir, 'outbox'))[0] as string),
      kind: 'password_reset',
    });
    const printed = JSON.stringify(line);
    expect(printed).not.toContain(TOKEN);
    expect(printed).not.toContain('reset-password#');
  });
});

describe('the SMTP mailer, against a real SMTP server on 127.0.0.1', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => smtp.close());

  it('delivers through nodemailer with the URL credentials, the MAIL_FROM envelope and the link in the body', async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'Flowless <no-reply@example.test>' });
    await mailer.send(passwordResetMail('ada@example.test', LINK));
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received as [ReceivedMail];
    expect(mail).toMatchObject({
      mailFrom: 'no-reply@example.test',
      rcptTo: ['ada@example.test'],
      user: 'mailer',
    });
    const { headers, text } = parseMail(mail.raw);
    expect(headers).toMatch(/^From: Flowless <no-reply@example\.test>$/m);
    expect(headers).toMatch(/^To: ada@example\.test$/m);
    expect(headers).toMatch(/^Subject: Reset your password$/m);
    expect(linkOf(text)).toBe(LINK);
  });

  it('rejects when the server refuses the recipient, and with wrong credentials', async () => {
    const before = smtp.received.length;
    const mailer = createSmtpMailer({ url: smtp.url, from: 'no-reply@example.test' });
    await expect(mailer.send(verificationMail('rejected@example.test', LINK))).rejects.toMatchObject({
      responseCode: 550,
    });
    const wrong = createSmtpMailer({
      url: `smtp://mailer:wrong@127.0.0.1:${smtp.port}`,
      from: 'no-reply@example.test',
    });
    await expect(wrong.send(verificationMail('ada@example.test', LINK))).rejects.toMatchObject({
      code: 'EAUTH',
    });
    expect(smtp.received).toHaveLength(before);
  });
});

describe('mail through the app with the default mailer, on libsql', () => {
  let handle: FlowlessDatabaseHandle;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    handle = await freshDatabase('libsql', 'flowless_mail');
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await handle.db.destroy();
  });

  it('without SMTP_URL a reset request lands in <DATA_DIR>/outbox and no log line carries the token', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'flowless-data-'));
    const logger = recordingLogger();
    const app = await appWithDefaultMailer(handle, { DATA_DIR: dataDir }, logger);
    try {
      const userId = (
        await app.services.users.insert({
          email: 'outbox@example.test',
          passwordHash: await fastHasher.hash('outbox user pw'),
          userType: 'customer',
          isVerified: true,
        })
      ).id;
      const res = await post(app, '/auth/password-reset/request', { email: 'outbox@example.test' });
      expect(res.status).toBe(200);
      await app.drain();
      const files = readdirSync(join(dataDir, 'outbox'));
      expect(files).toHaveLength(1);
      const written = JSON.parse(readFileSync(join(dataDir, 'outbox', files[0] as string), 'utf8')) as Record<
        string,
        string
      >;
      expect(written.to).toBe('outbox@example.test');
      const link = linkOf(written.text);
      expect(link).toMatch(/^https:\/\/app\.example\.test\/reset-password#token=[A-Za-z0-9_-]{43}$/);
      const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token') as string;
      expect(await app.services.tokens.peek(token, 'password_reset')).toBe(userId);
      expect(logger.lines.filter((l) => l.message === 'mail written to outbox')).toHaveLength(1);
      for (const line of logger.lines) expect(JSON.stringify(line)).not.toContain(token);
    } finally {
      await app.close();
    }
  });

  it('with SMTP_URL a reset request is delivered over SMTP, and its link completes the reset', async () => {
    const app = await appWithDefaultMailer(
      handle,
      { SMTP_URL: smtp.url, MAIL_FROM: 'Auth <auth@example.test>' },
      recordingLogger(),
    );
    try {
      await app.services.users.insert({
        email: 'smtp@example.test',
        passwordHash: await fastHasher.hash('smtp user pw 1'),
        userType: 'customer',
        isVerified: true,
      });
      const before = smtp.received.length;
      expect((await post(app, '/auth/password-reset/request', { email: 'smtp@example.test' })).status).toBe(
        200,
      );
      expect(
        (await post(app, '/auth/password-reset/request', { email: 'unknown@example.test' })).status,
      ).toBe(200);
      await app.drain();
      const delivered = smtp.received.slice(before);
      expect(delivered.map((m) => [m.mailFrom, m.rcptTo])).toEqual([
        ['auth@example.test', ['smtp@example.test']],
      ]);
      const link = linkOf(parseMail(delivered[0]?.raw ?? '').text);
      expect(link).toMatch(/^https:\/\/app\.example\.test\/reset-password#token=/);
      const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
      const done = await post(app, '/auth/password-reset/complete', { token, password: 'smtp user pw 2' });
      expect(done.status).toBe(200);
      const loggedIn = await post(app, '/auth/login', {
        email: 'smtp@example.test',
        password: 'smtp user pw 2',
      });
      expect(loggedIn.status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('the redirect allow list', () => {
  const allow = ['https://app.example.com/reset', 'https://app.example.com/verify/', 'myapp://reset'];

  it('allows URLs at or below an allowed https prefix or custom scheme, and nothing that only shares a string prefix', () => {
    for (const url of [
      'https://app.example.com/reset',
      'https://app.example.com/reset/form?lang=en',
      'https://APP.example.com/reset#top',
      'https://app.example.com/verify/page',
      'myapp://reset',
      'myapp://reset/deep?x=1',
    ]) {
      expect(isAllowedRedirect(url, allow), url).toBe(true);
    }
    for (const url of [
      'https://app.example.com.evil.test/',
      'https://app.example.com.evil.test/reset',
      'https://app.example.com/resetx',
      'https://app.example.com/reset/../admin',
      'https://app.example.com/other',
      'http://app.example.com/reset',
      'https://app.example.com:8443/reset',
      'https://user@app.example.com/reset',
      'https://app.example.com@evil.test/reset',
      'myapp://resetevil',
      'myapp://evil/reset',
      'otherapp://reset',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAllowedRedirect(url, allow), url).toBe(false);
    }
    expect(isAllowedRedirect('https://app.example.com/reset', [])).toBe(false);
  });

  it('mailLink puts the token in the fragment of an allowed URL, dropping its query and fragment, and falls back for any other', () => {
    const fallback = 'https://front.example.test/reset-password';
    expect(mailLink('myapp://reset', allow, fallback, 'T0K')).toBe('myapp://reset#token=T0K');
    expect(mailLink('https://app.example.com/reset?token=old&a=1', allow, fallback, 'T0K')).toBe(
      'https://app.example.com/reset#token=T0K',
    );
    expect(
      mailLink(
        'https://app.example.com/reset/form?next=https://evil.test/#token=planted',
        allow,
        fallback,
        'T0K',
      ),
    ).toBe('https://app.example.com/reset/form#token=T0K');
    expect(mailLink('myapp://reset/deep?x=1#y', allow, fallback, 'T0K')).toBe('myapp://reset/deep#token=T0K');
    expect(mailLink('https://app.example.com.evil.test/', allow, fallback, 'T0K')).toBe(
      `${fallback}#token=T0K`,
    );
    expect(mailLink(undefined, allow, fallback, 'T0K')).toBe(`${fallback}#token=T0K`);
  });

  describe('through the reset and resend-verification routes, on libsql', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startFlowless(await freshDatabase('libsql', 'flowless_redirects'), {
        env: { FRONTEND_URL: 'https://front.example.test', ALLOWED_REDIRECT_URLS: allow.join(',') },
      });
      await seedUser(h, { email: 'redirect@example.test', password: 'redirect user pw' });
      const reg = await h.app.request('/auth/register/public', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'unverified@example.test', password: 'not verified yet' }),
      });
      expect(reg.status).toBe(201);
    });
    afterAll(() => h.stop());

    /** The link of the newest mail of `kind` to `to`, checked to hold the token only in its fragment, then without it. */
    const newestLink = (to: string, kind: string): string => {
      const link = new URL(
        linkOf(h.mailer.messages.filter((m) => m.to === to && m.kind === kind).at(-1)?.text),
      );
      expect(link.hash).toMatch(/^#token=[A-Za-z0-9_-]{43}$/);
      expect(link.search).toBe('');
      link.hash = '';
      return link.toString();
    };

    /** Sends `body` to `path` and returns the link of the newest mail to `to`, without its token. */
    const linkFor = async (path: string, to: string, body: Record<string, unknown>): Promise<string> => {
      const res = await h.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: to, ...body }),
      });
      expect(res.status).toBe(200);
      await h.drain();
      return newestLink(to, path.includes('reset') ? 'password_reset' : 'email_verification');
    };

    it('a reset link keeps an allowed https URL or custom scheme and falls back to FRONTEND_URL otherwise', async () => {
      const reset = (resetUrl: string) =>
        linkFor('/auth/password-reset/request', 'redirect@example.test', { resetUrl });
      expect(await reset('https://app.example.com/reset/form?lang=en&next=https://evil.test/#x')).toBe(
        'https://app.example.com/reset/form',
      );
      expect(await reset('myapp://reset')).toBe('myapp://reset');
      for (const refused of [
        'https://app.example.com.evil.test/',
        'https://app.example.com/resetx',
        'myapp://resetevil',
        'javascript:alert(1)',
      ]) {
        expect(await reset(refused), refused).toBe('https://front.example.test/reset-password');
      }
      expect(
        await linkFor('/auth/password-reset/request', 'redirect@example.test', {
          reset_url: 'https://app.example.com/reset',
        }),
      ).toBe('https://app.example.com/reset');
    });

    it('resend-verification honours verify_url and verifyUrl when allowed and falls back to FRONTEND_URL otherwise', async () => {
      const resend = (body: Record<string, unknown>) =>
        linkFor('/auth/resend-verification', 'unverified@example.test', body);
      expect(await resend({ verify_url: 'https://app.example.com/verify/page' })).toBe(
        'https://app.example.com/verify/page',
      );
      expect(await resend({ verifyUrl: 'myapp://reset/verify' })).toBe('myapp://reset/verify');
      expect(await resend({ verifyUrl: 'https://app.example.com.evil.test/verify/page' })).toBe(
        'https://front.example.test/verify-email',
      );
      expect(await resend({})).toBe('https://front.example.test/verify-email');
      expect(
        await resend({ verify_url: 'https://app.example.com/verify/page?redirect=https://evil.test' }),
      ).toBe('https://app.example.com/verify/page');
    });

    it('an email-change link honours an allowed verify_url, without its query, and falls back to FRONTEND_URL otherwise', async () => {
      const sid = await login(h, 'redirect@example.test', 'redirect user pw');
      const change = async (to: string, extra: Record<string, unknown>) => {
        const res = await h.app.request('/auth/profile', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-session-id': sid },
          body: JSON.stringify({ email: to, currentPassword: 'redirect user pw', ...extra }),
        });
        expect(res.status).toBe(200);
        await h.drain();
        return newestLink(to, 'email_change');
      };
      expect(
        await change('next-1@example.test', { verifyUrl: 'https://app.example.com/verify/email?to=x' }),
      ).toBe('https://app.example.com/verify/email');
      expect(await change('next-2@example.test', { verify_url: 'https://evil.test/verify' })).toBe(
        'https://front.example.test/confirm-email-change',
      );
      expect(await change('next-3@example.test', {})).toBe('https://front.example.test/confirm-email-change');
    });
  });
});
