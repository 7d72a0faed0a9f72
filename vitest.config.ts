import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of the workspace packages, not their build output.
    alias: [
      { find: /^flowfull$/, replacement: src('./packages/flowfull/src/index.ts') },
      { find: /^flowfull\/(.+)$/, replacement: src('./packages/flowfull/src/$1/index.ts') },
      { find: /^flowless$/, replacement: src('./packages/flowless/src/index.ts') },
      // The repo-level test support folder, from any depth.
      { find: /^#test-support\/(.+)\.js$/, replacement: src('./test/support/$1.ts') },
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.test.{ts,tsx}',
      'packages/*/test/**/*.test.{ts,tsx}',
      'apps/*/src/**/*.test.{ts,tsx}',
      'apps/*/test/**/*.test.{ts,tsx}',
      'test/**/*.test.{ts,tsx}',
    ],
    globalSetup: ['./test/support/global-setup.ts'],
    allowOnly: !process.env.CI,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
