/**
 * @module Renders the README's configuration reference from the declared variables.
 */
import { starterVariables } from '../../apps/starter/src/config.js';
import type { EnvVariable } from '../../packages/flowfull/src/config/variables.js';
import { flowfullVariables } from '../../packages/flowfull/src/config/variables.js';
import { flowlessSection } from '../../packages/flowless/src/config/flowless-section.js';

/** The README's tables: marker name → the variables it lists. */
export const CONFIG_TABLES: Readonly<Record<string, Readonly<Record<string, EnvVariable>>>> = {
  'config-table': flowfullVariables,
  'flowless-config-table': flowlessSection,
  'starter-config-table': starterVariables,
};

/** Markdown table of the given variables (flowfull's by default): name, default, meaning. */
export function renderConfigTable(
  variables: Readonly<Record<string, EnvVariable>> = flowfullVariables,
): string {
  const rows = Object.entries(variables).map(([name, variable]) => {
    const fallback = variable.default === undefined ? '—' : `\`${variable.default}\``;
    return `| \`${name}\` | ${fallback} | ${variable.description.replaceAll('|', '\\|')} |`;
  });
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Rewrites every marked table of `readme` from the declarations. */
export function renderReadmeTables(readme: string): string {
  let text = readme;
  for (const [marker, variables] of Object.entries(CONFIG_TABLES)) {
    const start = `<!-- ${marker}:start -->\n`;
    const end = `\n<!-- ${marker}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from === -1 || to === -1) continue;
    text = text.slice(0, from + start.length) + renderConfigTable(variables) + text.slice(to);
  }
  return text;
}
