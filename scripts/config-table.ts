/**
 * @module Prints the configuration reference table of README.md from the variables' own
 * declarations (`npm run docs:config`); a test keeps the README in step with it.
 */
import { renderConfigTable } from '../test/support/config-table.js';

process.stdout.write(`${renderConfigTable()}\n`);
