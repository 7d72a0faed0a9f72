/**
 * @module `npm run vault -- <command>`: the vault's command line (see vault-commands.ts).
 */
import { runVaultCommand } from './vault-commands.js';

process.exitCode = await runVaultCommand(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
