import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_TABLES, renderConfigTable } from './support/config-table.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('README.md', () => {
  it.each(Object.entries(CONFIG_TABLES))(
    'has the %s the code declares (regenerate with `npm run docs:config`)',
    (marker, variables) => {
      const table = readme.split(`<!-- ${marker}:start -->\n`)[1]?.split(`\n<!-- ${marker}:end -->`)[0];
      expect(table).toBe(renderConfigTable(variables));
    },
  );

  it('has a quick start of exactly the two command lines', () => {
    const quickStart = readme.split('## Quick start')[1]?.split('```sh\n')[1]?.split('```')[0];
    expect(quickStart).toBe('npm ci && npm start\nnpm ci && npm test\n');
  });

  it('names scripts that exist', () => {
    for (const script of [
      'start',
      'start:flowless',
      'start:starter',
      'test',
      'build',
      'typecheck',
      'lint',
      'migrate',
      'keys:generate',
      'docs:config',
    ]) {
      expect(packageJson.scripts).toHaveProperty(script);
    }
  });
});
