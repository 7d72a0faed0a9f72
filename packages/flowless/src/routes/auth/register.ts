/**
 * @module Registration (see docs/flowless-contract.md, Sign-in and sessions):
 * `POST /auth/register/public`, and `POST /auth/register`,
 * which honours `userType` only for an admin session and otherwise forces the default type.
 * With email verification on (the default), a new and an already-registered email get the same
 * answer after the same work; the owner of the existing account is told by mail instead. Every
 * answer carries the user's id as `data.id` and `id` (the Pubflow client reads
 * `RegistrationResult.id` from `data.id`).
 */

import { isUniqueViolation } from 'flowfull/db';
import { isAdminUserType, SUPERADMIN_USER_TYPE } from 'flowfull/middleware';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { loginResult, pendingLoginResult } from '../../http/presenters.js';
import { invalidBody, readBody } from '../../http/request-body.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import { sessionIdFrom } from '../../http/session-id.js';
import { existingAccountMail } from '../../mail/templates.js';
import { assertPasswordAllowed } from '../../passwords/password-policy.js';
import { newId, safeEqual } from '../../secrets/opaque-secret.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';
import type { UserRecord } from '../../users/user-record.js';
import { registerBody } from './auth-schemas.js';
import { queueVerificationMail } from './verification-mail.js';

type RegisterBody = z.output<typeof registerBody>;

const REGISTERED = 'Registration received. Check your email to verify your account.';

function parse(body: Record<string, unknown>): RegisterBody {
  const parsed = registerBody.safeParse(body);
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

const conflict = (message: string): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_CONFLICT', message, { status: 409 });

/**
 * Creates a user as an admin: the given type is honoured; duplicates are a 409.
 */
export async function createUserAsAdmin(
  services: FlowlessServices,
  raw: Record<string, unknown>,
  actorType: string,
): Promise<UserRecord> {
  const body = parse(raw);
  // user_type is canonical (the schema maps `super_admin` and other spellings to `superadmin`).
  if (body.user_type === SUPERADMIN_USER_TYPE && actorType !== SUPERADMIN_USER_TYPE) {
    throw new FlowlessError('ERR_FLOWLESS_FORBIDDEN', 'Only a superadmin can create a superadmin', {
      status: 403,
    });
  }
  assertPasswordAllowed(body.password);
  if (body.user_name && (await services.users.findByUsername(body.user_name)))
    throw conflict('Username already taken');
  try {
    return await services.users.insert({
      email: body.email,
      passwordHash: await services.hasher.hash(body.password),
      userType: body.user_type ?? services.config.DEFAULT_USER_TYPE,
      username: body.user_name ?? null,
      name: body.name ?? null,
      lastName: body.last_name ?? null,
      phone: body.phone ?? null,
      picture: body.picture ?? null,
      lang: body.lang ?? null,
      metadata: body.metadata ?? null,
      isVerified: body.is_verified ?? true,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('Email already registered');
    throw error;
  }
}

async function selfRegister(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  body: RegisterBody,
): Promise<Response> {
  const { config, users, hasher, sessions, tasks, mailer } = services;
  assertPasswordAllowed(body.password);
  if (body.user_name && (await users.findByUsername(body.user_name)))
    throw conflict('Username already taken');
  const passwordHash = await hasher.hash(body.password);
  const now = services.clock.now();
  let created: UserRecord | null = null;
  try {
    if (!(await users.findByEmail(body.email))) {
      created = await users.insert({
        email: body.email,
        passwordHash,
        userType: config.DEFAULT_USER_TYPE,
        username: body.user_name ?? null,
        name: body.name ?? null,
        lastName: body.last_name ?? null,
        phone: body.phone ?? null,
        lang: body.lang ?? null,
        metadata: body.metadata ?? null,
        isVerified: false,
      });
    }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  if (!config.REQUIRE_EMAIL_VERIFICATION) {
    if (!created) throw conflict('Email already registered');
    const context = {
      ipAddress: c.get('clientIp'),
      userAgent: c.req.header('user-agent') ?? null,
      deviceId: null,
    };
    if (config.TWO_FACTOR_ENABLED && services.twoFactor.isRequiredFor(created)) {
      // A type that must use a second factor gets only a pending session, to set one up.
      const pending = await sessions.issue(created.id, context, { pending: true });
      const answer = pendingLoginResult(created, pending.id, pending.expiresAt, []);
      return c.json({ ...answer, data: answer }, 201);
    }
    const issued = await sessions.issue(created.id, context);
    setSessionCookie(c, issued.id, issued.expiresAt - services.clock.now(), config.SESSION_COOKIE_SECURE);
    const result = { id: created.id, ...loginResult(created, issued.id, issued.expiresAt) };
    return c.json({ success: true, message: 'Registration successful', data: result, ...result }, 201);
  }
  if (created) {
    queueVerificationMail(services, created, body.verify_url);
  } else {
    const loginUrl = new URL('/login', config.FRONTEND_URL).toString();
    tasks.run('mail.existing_account', () => mailer.send(existingAccountMail(body.email, loginUrl)));
  }
  // For an existing email the user shown is a stand-in built from the request, with a fresh id
  // that matches no account: the answer must not tell the two cases apart.
  const shown: UserRecord = created ?? {
    id: newId('usr'),
    email: body.email,
    username: body.user_name ?? null,
    passwordHash: null,
    name: body.name ?? null,
    lastName: body.last_name ?? null,
    phone: body.phone ?? null,
    picture: null,
    userType: config.DEFAULT_USER_TYPE,
    lang: body.lang ?? null,
    metadata: body.metadata ?? {},
    isVerified: false,
    isBanned: false,
    twoFactor: false,
    createdAt: now,
    updatedAt: now,
  };
  const user = presentUser(shown);
  return c.json(
    {
      success: true,
      message: REGISTERED,
      requires_verification: true,
      data: { id: user.id, user },
      id: user.id,
      user,
    },
    201,
  );
}

/**
 * Registers both registration routes.
 */
export function registerRegistrationRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  app.post('/auth/register/public', rateLimit(services, 'register'), async (c) => {
    const raw = await readBody(c);
    if (services.config.REGISTER_REQUIRES_BRIDGE_SECRET) {
      const secret = c.req.header('x-bridge-secret') ?? '';
      if (!safeEqual(secret, services.config.BRIDGE_VALIDATION_SECRET)) {
        throw new FlowlessError('ERR_FLOWLESS_INVALID_BRIDGE_SECRET', 'Invalid bridge secret', {
          status: 401,
        });
      }
    }
    return selfRegister(services, c, parse(raw));
  });

  app.post('/auth/register', rateLimit(services, 'register'), async (c) => {
    const raw = await readBody(c);
    const sessionId = sessionIdFrom(c, { allowQuery: false });
    const lookup = sessionId ? await services.sessions.validate(sessionId) : null;
    if (lookup?.ok && isAdminUserType(lookup.session.user.userType)) {
      const created = await createUserAsAdmin(services, raw, lookup.session.user.userType);
      const user = presentUser(created);
      return c.json(
        { success: true, message: 'User created', data: { ...user, user }, id: user.id, user },
        201,
      );
    }
    const body = parse(raw);
    // Without an admin session the requested type is ignored: choosing one's own type would be
    // privilege escalation.
    return selfRegister(services, c, { ...body, user_type: undefined, is_verified: undefined });
  });
}
