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

/** The starter's own variables. */
export const starterVariables = {
  CORS_ORIGINS: envVariable(
    envList(),
    undefined,
    'Comma-separated origins allowed by CORS, exactly (none by default).',
  ),
  BODY_LIMIT_BYTES: envVariable(
    envInteger({ default: 1_048_576, min: 1024 }),
    '1048576',
    'Largest request body in bytes (413 above).',
  ),
  SHARE_LINK_TTL_MINUTES: envVariable(
    envInteger({ default: 1440, min: 1, max: 43_200 }),
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
