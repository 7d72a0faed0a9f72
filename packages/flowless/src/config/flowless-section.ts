/**
 * @module The Flowless section of the configuration: the variables only the auth server reads,
 * declared with flowfull's env parsers and validated in the same pass as flowfull's own
 * (`PORT`, `NODE_ENV`, `LOG_LEVEL`, `DATA_DIR`, `DATABASE_*`, `REDIS_URL`, `CACHE_*`,
 * `BRIDGE_VALIDATION_SECRET`, `TRUSTED_PROXIES`).
 */
import { REVOCATION_CHANNEL } from 'flowfull/bridge';
import {
  envBoolean,
  envInteger,
  envList,
  envOptionalString,
  envOptionalUrl,
  envString,
  envUrl,
  envVariable,
  flowfullVariables,
} from 'flowfull/config';
import { DEFAULT_BODY_LIMIT } from 'flowfull/server';
import { auditSection } from '../audit/audit-section.js';
import { socialSection } from '../social/social-section.js';
import { DEFAULT_DATABASE_FILE } from './flowless-defaults.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration in ms with its default and lower bound. */
const ms = (fallback: number, min: number, description: string) =>
  envVariable(envInteger({ min }), String(fallback), description);
/** A request count with its default. */
const count = (fallback: number, description: string) =>
  envVariable(envInteger({ min: 1 }), String(fallback), description);

/**
 * The Flowless variables. `PORT` is declared again here only to give the auth server its documented
 * default, 3000 (Flowfull applications default to 3001 and reach Flowless at
 * `FLOWLESS_API_URL=http://localhost:3000`); `DATABASE_URL` to document the auth server's default
 * database, which `flowlessDefaults` supplies.
 *
 * @example
 * ```ts
 * const config = loadConfig(process.env, { extend: flowlessSection });
 * config.SESSION_IDLE_TIMEOUT_MS; // 604800000
 * ```
 */
export const flowlessSection = {
  PORT: envVariable(
    flowfullVariables.PORT.schema,
    '3000',
    'HTTP port of the auth server (the port Flowfull apps expect Flowless on).',
  ),
  // The default is computed from DATA_DIR by `flowlessDefaults`; this declaration only documents it.
  DATABASE_URL: Object.freeze({
    ...envVariable(
      envString(),
      undefined,
      'Database of the auth server: as for flowfull; without it, an embedded libSQL file under DATA_DIR.',
    ),
    default: `file:<DATA_DIR>/${DEFAULT_DATABASE_FILE}`,
  }),
  SESSION_ABSOLUTE_LIFETIME_MS: ms(30 * DAY, MINUTE, 'Longest life of a session from login.'),
  SESSION_IDLE_TIMEOUT_MS: ms(7 * DAY, MINUTE, 'Inactivity after which a session expires.'),
  SESSION_TOUCH_INTERVAL_MS: ms(MINUTE, 0, 'Least time between two last_used_at writes of a session.'),
  SESSION_COOKIE_SECURE: envVariable(
    envBoolean(),
    'true',
    'Session cookie __Host-session_id, Secure; false only for development over http (plain session_id).',
  ),
  DEFAULT_USER_TYPE: envVariable(envString(), 'customer', 'user_type given to public registrations.'),
  REQUIRE_EMAIL_VERIFICATION: envVariable(envBoolean(), 'true', 'Refuse logins until the email is verified.'),
  REGISTER_REQUIRES_BRIDGE_SECRET: envVariable(
    envBoolean(),
    'false',
    'Require X-Bridge-Secret on public registration.',
  ),
  PASSWORD_RESET_TTL_MS: ms(HOUR, MINUTE, 'Life of a password-reset link.'),
  EMAIL_VERIFICATION_TTL_MS: ms(DAY, MINUTE, 'Life of an email-verification link.'),
  EMAIL_CHANGE_TTL_MS: ms(HOUR, MINUTE, 'Life of the link that confirms a new email address.'),
  TOKEN_LOGIN_TTL_MS: ms(15 * MINUTE, MINUTE, 'Life of an emailed sign-in link (POST /auth/token/login).'),
  SMTP_URL: envVariable(
    envOptionalString(),
    undefined,
    'smtp(s):// URL; without it mail goes to <DATA_DIR>/outbox.',
    true,
  ),
  MAIL_FROM: envVariable(envString(), 'Flowless <no-reply@localhost>', 'From address of mail.'),
  FRONTEND_URL: envVariable(
    envUrl({ protocols: ['http:', 'https:'] }),
    'http://localhost:5173',
    'Front end for mail links; its origin is allowed by CORS.',
  ),
  ALLOWED_REDIRECT_URLS: envVariable(
    envList(),
    undefined,
    'Comma-separated URL prefixes that resetUrl/verify_url may use.',
  ),
  CORS_ORIGINS: envVariable(
    envList(),
    undefined,
    'Comma-separated origins allowed by CORS with credentials, besides FRONTEND_URL.',
  ),
  REVOCATION_CHANNEL: envVariable(
    envString(),
    REVOCATION_CHANNEL,
    'Redis channel of session revocations (Flowfull listens on it).',
  ),
  REVOCATION_RETENTION_MS: ms(
    DAY,
    MINUTE,
    'How long revocation events are kept for the feed; a client further behind resyncs.',
  ),
  REVOCATION_FEED_POLL_MS: ms(250, 10, 'How often each instance reads revocations made by the others.'),
  REVOCATION_FEED_HEARTBEAT_MS: ms(15_000, 100, 'Heartbeat interval of GET /auth/bridge/revocations.'),
  PICTURE_MAX_BYTES: envVariable(
    envInteger({ min: 1024 }),
    String(2 * 1024 * 1024),
    'Largest profile picture, in bytes (413 above, counted while the upload is read).',
  ),
  PICTURE_MAX_PIXELS: envVariable(
    envInteger({ min: 1 }),
    '16000000',
    'Most pixels (width × height, from the image header) a profile picture may have.',
  ),
  PICTURE_S3_BUCKET: envVariable(
    envOptionalString(),
    undefined,
    'S3-compatible bucket for profile pictures; without it they go to <DATA_DIR>/pictures.',
  ),
  PICTURE_S3_ENDPOINT: envVariable(
    envOptionalUrl({ protocols: ['http:', 'https:'] }),
    undefined,
    'Endpoint of an S3-compatible service (MinIO, R2...); AWS S3 without it.',
  ),
  PICTURE_S3_REGION: envVariable(envString(), 'us-east-1', 'Region of the picture bucket.'),
  PICTURE_S3_PREFIX: envVariable(envString(), 'pictures/', 'Key prefix of pictures in the bucket.'),
  PICTURE_S3_FORCE_PATH_STYLE: envVariable(
    envBoolean(),
    'false',
    'Address the bucket in the path (most S3-compatible servers), not the host name.',
  ),
  PICTURE_S3_ACCESS_KEY_ID: envVariable(
    envOptionalString(),
    undefined,
    'Access key of the picture bucket; without it the AWS SDK default credential chain.',
  ),
  PICTURE_S3_SECRET_ACCESS_KEY: envVariable(
    envOptionalString(),
    undefined,
    'Secret key matching PICTURE_S3_ACCESS_KEY_ID.',
    true,
  ),
  BODY_LIMIT_BYTES: envVariable(
    envInteger({ min: 1024 }),
    String(DEFAULT_BODY_LIMIT),
    'Largest request body (413 above).',
  ),
  RATE_LIMIT_WINDOW_MS: ms(MINUTE, 1000, 'Per-IP sliding window.'),
  RATE_LIMIT_LOGIN_MAX: count(20, 'Logins per IP and window.'),
  RATE_LIMIT_REGISTER_MAX: count(10, 'Registrations per IP and window.'),
  RATE_LIMIT_RESET_MAX: count(10, 'Reset and verification requests per IP and window.'),
  RATE_LIMIT_TOKEN_LOGIN_MAX: count(10, 'Sign-in link requests, uses and checks per IP and window.'),
  RATE_LIMIT_TOKEN_LOGIN_ADDRESS_MAX: count(
    3,
    'Sign-in links mailed per address and RATE_LIMIT_TOKEN_LOGIN_ADDRESS_WINDOW_MS, known or not.',
  ),
  RATE_LIMIT_TOKEN_LOGIN_ADDRESS_WINDOW_MS: ms(
    15 * MINUTE,
    1000,
    'Window of the per-address sign-in link limit.',
  ),
  RATE_LIMIT_DEFAULT_MAX: count(120, 'Other limited requests per IP and window.'),
  RATE_LIMIT_API_TOKEN_REFUSALS_MAX: count(
    30,
    'API tokens refused at bridge validation per client IP and window; then its unknown tokens are refused unread.',
  ),
  API_TOKEN_MAX_PER_USER: count(50, 'Most personal API tokens one user may hold.'),
  RATE_LIMIT_INVALIDATE_ME_MAX: count(10, 'POST /auth/invalidate/me per signed-in user and window.'),
  RATE_LIMIT_INVALIDATE_ME_WINDOW_MS: ms(5 * MINUTE, 1000, 'Window of POST /auth/invalidate/me.'),
  LOGIN_MAX_FAILURES: count(10, 'Failed logins that lock an account.'),
  LOGIN_FAILURE_WINDOW_MS: ms(15 * MINUTE, 1000, 'Window in which failed logins are counted.'),
  LOGIN_LOCK_MS: ms(15 * MINUTE, 1000, 'How long an account stays locked.'),
  TWO_FACTOR_ENABLED: envVariable(
    envBoolean(),
    'true',
    'Serve the /auth/two_factor routes and intercept logins of users with a second factor.',
  ),
  TWO_FACTOR_REQUIRED_USER_TYPES: envVariable(
    envList(),
    undefined,
    'Comma-separated user types that must sign in with a second factor (sent to setup when they have none).',
  ),
  TWO_FACTOR_BACKUP_SECRET: envVariable(
    envOptionalString(),
    undefined,
    'Key (32+ characters) for backup-code HMACs, email-code HMACs and sealed TOTP secrets; without it, derived from BRIDGE_VALIDATION_SECRET.',
    true,
  ),
  TWO_FACTOR_ISSUER: envVariable(
    envString(),
    'Flowless',
    'Issuer shown by authenticator apps for TOTP factors.',
  ),
  TWO_FACTOR_PENDING_TTL_MS: ms(
    5 * MINUTE,
    30_000,
    'Life of a session waiting for its second factor (at most 5 minutes).',
  ),
  TWO_FACTOR_CODE_TTL_MS: ms(10 * MINUTE, MINUTE, 'Life of an emailed or texted code (at most 10 minutes).'),
  TWO_FACTOR_RESEND_INTERVAL_MS: ms(MINUTE, 1000, 'Least time between two codes sent for one challenge.'),
  TWO_FACTOR_MAX_ATTEMPTS: count(5, 'Wrong codes a pending session (or a code challenge) survives.'),
  TWO_FACTOR_USER_MAX_FAILURES: count(10, 'Wrong second-factor codes per user and window.'),
  TWO_FACTOR_FAILURE_WINDOW_MS: ms(15 * MINUTE, 1000, 'Window of TWO_FACTOR_USER_MAX_FAILURES.'),
  WEBAUTHN_RP_ID: envVariable(
    envOptionalString(),
    undefined,
    'Relying-party id of passkeys (the front end host or a parent domain of it); without it, the host of FRONTEND_URL.',
  ),
  WEBAUTHN_ORIGINS: envVariable(
    envList(),
    undefined,
    'Comma-separated origins passkey responses may come from; without it, the origin of FRONTEND_URL.',
  ),
  WEBAUTHN_CHALLENGE_TTL_MS: ms(5 * MINUTE, 10_000, 'Life of a passkey challenge (at most 5 minutes).'),
  PURGE_INTERVAL_MS: envVariable(
    envInteger({ min: 0 }).refine((value) => value === 0 || value >= 1000, {
      message: 'must be 0 (no purge) or at least 1000',
    }),
    String(HOUR),
    'Time between purges of expired sessions and one-time tokens (also run at start); 0 disables.',
  ),
  PURGE_BATCH_SIZE: envVariable(
    envInteger({ min: 0, max: 10_000 }),
    '1000',
    'Most expired rows per table one purge statement deletes; 0 disables the purge.',
  ),
  ...auditSection,
  ...socialSection,
} as const;
