/**
 * @module Regenerates the configuration tables of README.md from the variables' own declarations
 * (`npm run docs:config`); a test keeps the README in step with them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadmeTables } from '../test/support/config-table.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, renderReadmeTables(readFileSync(path, 'utf8')));
console.log('README.md configuration tables regenerated');
