/**
 * @module The starter's configuration: flowfull's variables plus its own section, parsed once at
 * start (see the README's configuration reference for flowfull's).
 */
import {
  envInteger,
  envList,
  envOptionalUrl,
  envVariable,
  type FlowfullConfig,
  loadConfigOrExit,
  type SectionValues,
} from 'flowfull/config';
import { DEFAULT_BODY_LIMIT } from 'flowfull/server';

/** The starter's own variables. */
export const starterVariables = {
  CORS_ORIGINS: envVariable(
    envList(),
    undefined,
    'Comma-separated origins allowed by CORS, exactly (none by default).',
  ),
  BODY_LIMIT_BYTES: envVariable(
    envInteger({ min: 1024 }),
    String(DEFAULT_BODY_LIMIT),
    'Largest request body in bytes (413 above).',
  ),
  SHARE_LINK_TTL_MINUTES: envVariable(
    envInteger({ min: 1, max: 43_200 }),
    '1440',
    'Default lifetime of an item share link, in minutes.',
  ),
  FLOWLESS_PUBLIC_URL: envVariable(
    envOptionalUrl({ protocols: ['http:', 'https:'] }),
    undefined,
    "Public URL of Flowless's hosted pages, where the console at / sends people to sign in; without it, FLOWLESS_API_URL.",
  ),
  PUBLIC_URL: envVariable(
    envOptionalUrl({ protocols: ['http:', 'https:'] }),
    undefined,
    "Public URL of this server (behind a proxy that ends TLS): where Flowless's sign-in page sends people back to the console; without it, the origin of the request.",
  ),
} as const;

/** The starter's resolved configuration. */
export type StarterConfig = FlowfullConfig & SectionValues<typeof starterVariables>;

/**
 * Where browsers reach Flowless's hosted pages: `FLOWLESS_PUBLIC_URL`, else `FLOWLESS_API_URL`
 * (the address this server calls, which may be an internal one), without a trailing slash.
 */
export function flowlessPublicUrl(
  config: Pick<StarterConfig, 'FLOWLESS_PUBLIC_URL' | 'FLOWLESS_API_URL'>,
): string {
  return (config.FLOWLESS_PUBLIC_URL ?? config.FLOWLESS_API_URL).replace(/\/+$/, '');
}

/**
 * Reads the configuration from `env` (plus `./.env`), or exits with one message listing every problem.
 */
export function loadStarterConfig(env: Readonly<Record<string, string | undefined>>): StarterConfig {
  return loadConfigOrExit(env, { extend: starterVariables });
}
