/**
 * @module The effective configuration as the settings page shows it: every declared variable with
 * its value, where the value came from, and its meaning, secrets shown only as "set" or "unset".
 * A variable is a secret when its declaration says so (in flowfull's list or the Flowless
 * section), when its name says so (a SECRET, KEY, KEYS or PASSWORD part, or a name ending in
 * TOKEN), or when its value is structured (the OpenID Connect providers carry client secrets:
 * only their ids are shown).
 */
import { defaultOf, type EnvVariable, flowfullVariables } from 'flowfull/config';
import type { FlowlessConfig } from '../../../config/flowless-config.js';
import { flowlessSection } from '../../../config/flowless-section.js';

/** One row of the configuration table. */
export interface ConfigurationRow {
  readonly name: string;
  /** The value as shown: never a secret's value. */
  readonly shown: string;
  readonly secret: boolean;
  /** True when the value is the declared default. */
  readonly isDefault: boolean;
  readonly description: string;
}

const SECRET_PARTS = new Set(['SECRET', 'KEY', 'KEYS', 'PASSWORD', 'PASSPHRASE', 'CREDENTIALS']);

/** Whether the variable `name`, declared as `declarations`, holds a secret. */
export function isSecretVariable(name: string, declarations: readonly EnvVariable[]): boolean {
  if (declarations.some((declaration) => declaration.secret)) return true;
  const parts = name.split('_');
  return parts.some((part) => SECRET_PARTS.has(part)) || parts.at(-1) === 'TOKEN';
}

/** A value that is not a secret, as text. */
function plain(value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return value.join(', ');
  }
  return null;
}

/** A structured value (a list of providers): how many, and their ids. */
function structured(value: unknown): string {
  if (!Array.isArray(value)) return 'set';
  const ids = value.map((item: unknown) =>
    typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string' ? item.id : '?',
  );
  return ids.length === 0 ? '' : `${ids.length} configured: ${ids.join(', ')}`;
}

function isSet(value: unknown): boolean {
  return !(
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function sameAsDefault(variable: EnvVariable, value: unknown): boolean {
  try {
    return JSON.stringify(defaultOf(variable)) === JSON.stringify(value);
  } catch {
    // A required variable has no default.
    return false;
  }
}

/** The value of `name` in the resolved configuration (`CACHE_TTL` is kept as `CACHE_TTL_MS`). */
function resolvedValue(config: FlowlessConfig, name: string): { value: unknown; key: string } {
  const values = new Map<string, unknown>(Object.entries(config));
  if (values.has(name)) return { value: values.get(name), key: name };
  return { value: values.get(`${name}_MS`), key: `${name}_MS` };
}

// A server's configuration never changes while it runs: its rows are built once per configuration
// (building them, defaults through Zod included, was most of the settings page's time).
const built = new WeakMap<FlowlessConfig, readonly ConfigurationRow[]>();

/**
 * The rows of every declared variable, in declaration order (flowfull's, then the Flowless
 * section's new ones), built once per configuration object.
 */
export function configurationRows(config: FlowlessConfig): readonly ConfigurationRow[] {
  const rows = built.get(config) ?? Object.freeze(buildRows(config));
  built.set(config, rows);
  return rows;
}

function buildRows(config: FlowlessConfig): ConfigurationRow[] {
  const flowfull: Readonly<Record<string, EnvVariable>> = flowfullVariables;
  const flowless: Readonly<Record<string, EnvVariable>> = flowlessSection;
  const names = [...new Set([...Object.keys(flowfull), ...Object.keys(flowless)])];
  return names.map((name) => {
    const declarations = [flowfull[name], flowless[name]].filter((d): d is EnvVariable => d !== undefined);
    const variable = flowless[name] ?? flowfull[name] ?? declarations[0];
    const { value, key } = resolvedValue(config, name);
    const shownPlain = plain(value);
    const secret = shownPlain === null || isSecretVariable(name, declarations);
    let shown: string;
    if (!secret) shown = shownPlain ?? '';
    else if (shownPlain === null) shown = structured(value);
    else shown = isSet(value) ? 'set' : 'unset';
    return {
      name: key === name ? name : `${name} (as ${key})`,
      shown,
      secret,
      isDefault: variable !== undefined && key === name && sameAsDefault(variable, value),
      description: variable?.description ?? '',
    };
  });
}
