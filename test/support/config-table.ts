/**
 * @module Renders the README's configuration reference from the declared variables.
 */
import { flowfullVariables } from '../../packages/flowfull/src/config/variables.js';

/** Markdown table of every flowfull variable: name, default, meaning. */
export function renderConfigTable(): string {
  const rows = Object.entries(flowfullVariables).map(([name, variable]) => {
    const fallback = variable.default === undefined ? '—' : `\`${variable.default}\``;
    return `| \`${name}\` | ${fallback} | ${variable.description.replaceAll('|', '\\|')} |`;
  });
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
