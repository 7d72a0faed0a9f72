/**
 * @module The starter's configuration: flowfull's variables plus its own section, parsed once at
 * start (see the README's configuration reference for flowfull's).
 */
import {
  envInteger,
  envList,
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
} as const;

/** The starter's resolved configuration. */
export type StarterConfig = FlowfullConfig & SectionValues<typeof starterVariables>;

/**
 * Reads the configuration from `env` (plus `./.env`), or exits with one message listing every problem.
 */
export function loadStarterConfig(env: Readonly<Record<string, string | undefined>>): StarterConfig {
  return loadConfigOrExit(env, { extend: starterVariables });
}
