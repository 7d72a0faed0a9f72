/**
 * @module The Flowless server's configuration: flowfull's `loadConfig` extended with the
 * {@link flowlessSection}, parsed once at the edge into a frozen, fully-resolved object (durations
 * in ms), plus the checks that span several variables. Library code takes this object; it never
 * reads `process.env`.
 */
import {
  ConfigError,
  type ConfigProblem,
  type EnvSource,
  type FlowfullConfig,
  type LoadConfigOptions,
  loadConfig,
  type SectionValues,
} from 'flowfull/config';
import { canonicalUserType, isAdminUserType } from 'flowfull/middleware';
import { flowlessDefaults } from './flowless-defaults.js';
import { flowlessSection } from './flowless-section.js';

/** The resolved Flowless configuration: flowfull's keys plus the Flowless section. */
export type FlowlessConfig = FlowfullConfig & SectionValues<typeof flowlessSection>;

/** Options of {@link loadFlowlessConfig}: `loadConfig`'s, without `extend` and `defaults`. */
export type LoadFlowlessConfigOptions = Omit<
  LoadConfigOptions<typeof flowlessSection>,
  'extend' | 'defaults'
>;

const HOUR = 3_600_000;
/** Provider ids configured by their own variables; `OIDC_PROVIDERS` may not reuse them. */
const BUILT_IN_PROVIDERS: readonly string[] = ['github', 'google', 'microsoft', 'apple'];

function crossChecks(config: FlowlessConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  // At most 100 failed attempts per hour and account (docs/security.md, property 9).
  const perHour =
    (config.LOGIN_MAX_FAILURES * HOUR) / Math.max(config.LOGIN_FAILURE_WINDOW_MS, config.LOGIN_LOCK_MS);
  if (perHour > 100) {
    problems.push({
      variable: 'LOGIN_MAX_FAILURES',
      message: 'over LOGIN_FAILURE_WINDOW_MS/LOGIN_LOCK_MS allows more than 100 failures an hour',
    });
  }
  if (config.SESSION_IDLE_TIMEOUT_MS > config.SESSION_ABSOLUTE_LIFETIME_MS) {
    problems.push({
      variable: 'SESSION_IDLE_TIMEOUT_MS',
      message: 'cannot exceed SESSION_ABSOLUTE_LIFETIME_MS',
    });
  }
  if (isAdminUserType(canonicalUserType(config.DEFAULT_USER_TYPE))) {
    problems.push({
      variable: 'DEFAULT_USER_TYPE',
      message: 'cannot be admin or superadmin: every public registration would get it',
    });
  }
  if (config.TWO_FACTOR_BACKUP_SECRET !== null && config.TWO_FACTOR_BACKUP_SECRET.length < 32) {
    problems.push({ variable: 'TWO_FACTOR_BACKUP_SECRET', message: 'must be at least 32 characters' });
  }
  if (config.TWO_FACTOR_PENDING_TTL_MS > 5 * 60_000) {
    problems.push({ variable: 'TWO_FACTOR_PENDING_TTL_MS', message: 'cannot exceed 300000 (5 minutes)' });
  }
  if (config.TWO_FACTOR_CODE_TTL_MS > 10 * 60_000) {
    problems.push({ variable: 'TWO_FACTOR_CODE_TTL_MS', message: 'cannot exceed 600000 (10 minutes)' });
  }
  problems.push(...webauthnProblems(config));
  for (const origin of [...config.CORS_ORIGINS, ...config.ALLOWED_REDIRECT_URLS]) {
    if (!URL.canParse(origin)) problems.push({ variable: 'CORS_ORIGINS', message: `not a URL: ${origin}` });
  }
  if (config.SOCIAL_STORE_PROVIDER_TOKENS && config.SOCIAL_TOKEN_ENCRYPTION_KEY === null) {
    problems.push({
      variable: 'SOCIAL_TOKEN_ENCRYPTION_KEY',
      message: 'is required when SOCIAL_STORE_PROVIDER_TOKENS is true',
    });
  }
  const oidcIds = config.OIDC_PROVIDERS.map((provider) => provider.id);
  for (const [index, id] of oidcIds.entries()) {
    if (BUILT_IN_PROVIDERS.includes(id) || oidcIds.indexOf(id) !== index) {
      problems.push({ variable: 'OIDC_PROVIDERS', message: `id "${id}" is a built-in provider or repeated` });
    }
  }
  if (config.SOCIAL_MICROSOFT_CLIENT_ID && !config.SOCIAL_MICROSOFT_TENANT) {
    problems.push({
      variable: 'SOCIAL_MICROSOFT_TENANT',
      message: 'is required with SOCIAL_MICROSOFT_CLIENT_ID (one tenant issues the ID tokens)',
    });
  }
  return problems;
}

function webauthnProblems(config: FlowlessConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (config.WEBAUTHN_CHALLENGE_TTL_MS > 5 * 60_000) {
    problems.push({ variable: 'WEBAUTHN_CHALLENGE_TTL_MS', message: 'cannot exceed 300000 (5 minutes)' });
  }
  const rpId = config.WEBAUTHN_RP_ID ?? new URL(config.FRONTEND_URL).hostname;
  for (const origin of config.WEBAUTHN_ORIGINS) {
    const host = URL.canParse(origin) ? new URL(origin).hostname : null;
    // A browser only lets a page use the RP id of its own host or of a parent domain.
    if (host === null || !(host === rpId || host.endsWith(`.${rpId}`))) {
      problems.push({ variable: 'WEBAUTHN_ORIGINS', message: `not an origin under ${rpId}: ${origin}` });
    }
  }
  return problems;
}

/**
 * Parses the environment (and `./.env` unless `dotenv: false`) into a frozen {@link FlowlessConfig}.
 * `BRIDGE_VALIDATION_SECRET` (≥ 32 characters) is required; without `DATABASE_URL` the server
 * uses the libSQL file `<DATA_DIR>/flowless.db`; `CACHE_TTL` is in seconds and resolved to
 * `CACHE_TTL_MS`; `PORT` defaults to 3000.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` naming every bad variable (never its value).
 * @example
 * ```ts
 * const config = loadFlowlessConfig(process.env);
 * const db = await createDatabase<FlowlessDatabase>(config);
 * ```
 */
export function loadFlowlessConfig(
  env: EnvSource = process.env,
  options: LoadFlowlessConfigOptions = {},
): FlowlessConfig {
  const config = loadConfig(env, { ...options, extend: flowlessSection, defaults: flowlessDefaults });
  const problems = crossChecks(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
