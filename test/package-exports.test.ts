import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('../packages/flowfull/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${packageDir}package.json`, 'utf8')) as {
  exports: Record<string, string | { source: string; types: string; import: string }>;
};
const entries = Object.entries(manifest.exports).filter(
  (entry): entry is [string, { source: string; types: string; import: string }] =>
    typeof entry[1] === 'object',
);

describe('the flowfull package', () => {
  it.each(entries)('maps %s to a source file and to build outputs under dist/', (_subpath, target) => {
    expect(existsSync(`${packageDir}${target.source}`)).toBe(true);
    expect(target.types).toMatch(/^\.\/dist\/.+\.d\.ts$/);
    expect(target.import).toMatch(/^\.\/dist\/.+\.js$/);
    expect(target.import.replace(/\.js$/, '')).toBe(target.types.replace(/\.d\.ts$/, ''));
  });

  it.each(entries)('%s has named exports only', async (_subpath, target) => {
    const module = (await import(`${packageDir}${target.source}`)) as Record<string, unknown>;
    expect(Object.keys(module)).not.toContain('default');
    expect(Object.keys(module).length).toBeGreaterThan(0);
  });

  it('exposes the main API of every concept from the root entry', async () => {
    const root = (await import('flowfull')) as Record<string, unknown>;
    for (const name of [
      'loadConfig',
      'createDatabase',
      'HybridCache',
      'createTrustTokens',
      'BridgeValidator',
      'ValidationMode',
      'requireAuth',
      'optionalAuth',
      'requireUserType',
      'requireTwoFactor',
      'refuseApiTokens',
    ]) {
      expect(typeof root[name], name).toBe('function');
    }
    expect(typeof (root.V4 as { sign?: unknown }).sign).toBe('function');
  });

  it('flowfull/db holds the database toolkit and no application schema', async () => {
    const db = (await import('flowfull/db')) as Record<string, unknown>;
    for (const name of [
      'createDatabase',
      'runMigrations',
      'columnTypes',
      'Repository',
      'runMigrateCommand',
    ]) {
      expect(typeof db[name], name).toBe('function');
    }
    // The users table of the guide lives in docs/multi-database.md, not in the library.
    for (const name of ['exampleMigrations', 'EXAMPLE_MIGRATION_TABLE']) {
      expect(Object.keys(db), name).not.toContain(name);
    }
  });
});
