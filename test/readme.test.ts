import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigTable } from './support/config-table.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('README.md', () => {
  it('has the configuration table the code declares (regenerate with `npx tsx scripts/config-table.ts`)', () => {
    const table = readme.split('<!-- config-table:start -->\n')[1]?.split('\n<!-- config-table:end -->')[0];
    expect(table).toBe(renderConfigTable());
  });

  it('has a quick start of exactly the two command lines', () => {
    const quickStart = readme.split('## Quick start')[1]?.split('```sh\n')[1]?.split('```')[0];
    expect(quickStart).toBe('npm ci && npm start\nnpm ci && npm test\n');
  });

  it('names scripts that exist', () => {
    for (const script of ['start', 'test', 'build', 'typecheck', 'lint', 'migrate', 'keys:generate']) {
      expect(packageJson.scripts).toHaveProperty(script);
    }
  });
});
