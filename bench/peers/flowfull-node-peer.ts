/**
 * @module The flowfull-node row of `npm run bench:peers`. flowfull-node (the official Node starter of
 * the same architecture) is not on the npm registry: the bench takes a copy of its repository from
 * `BENCH_FLOWFULL_NODE_REPO` (a bare or ordinary git directory, exported at `HEAD`, or a plain
 * folder, copied without `node_modules` and `.git`), puts it in the bench's throwaway folder, runs
 * `npm install` there from its `package.json` and starts its own Node entry through
 * `flowfull-node-server.mjs`. Its code is run, never copied into this project.
 */
import { execFileSync, fork } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A prepared flowfull-node folder, or why the row is left out. */
export type FlowfullNodePeer =
  | { readonly ok: true; readonly dir: string; readonly revision: string }
  | { readonly ok: false; readonly reason: string };

/** The environment of flowfull-node's server (see its `src/config/environment.ts`). */
export interface FlowfullNodeEnv {
  readonly flowlessUrl: string;
  readonly bridgeSecret: string;
  readonly databaseUrl: string;
  readonly sessionId: string;
}

function gitDirOf(source: string): string | null {
  try {
    return execFileSync('git', ['-C', source, 'rev-parse', '--absolute-git-dir'], { stdio: 'pipe' })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

/**
 * Exports (or copies) `source` into `<folder>/flowfull-node` and installs its dependencies there;
 * an installed folder (`BENCH_PEERS_DIR`) is reused as it is.
 */
export function prepareFlowfullNode(source: string | undefined, folder: string): FlowfullNodePeer {
  if (!source)
    return { ok: false, reason: 'BENCH_FLOWFULL_NODE_REPO is not set (a flowfull-node git dir or folder)' };
  if (!existsSync(source)) return { ok: false, reason: `BENCH_FLOWFULL_NODE_REPO=${source} does not exist` };
  const dir = join(folder, 'flowfull-node');
  const gitDir = gitDirOf(source);
  const revision = gitDir
    ? execFileSync('git', ['--git-dir', gitDir, 'rev-parse', '--short', 'HEAD']).toString().trim()
    : basename(source);
  if (!existsSync(join(dir, 'node_modules'))) {
    mkdirSync(dir, { recursive: true });
    if (gitDir) {
      const archive = execFileSync('git', ['--git-dir', gitDir, 'archive', 'HEAD'], { maxBuffer: 1 << 28 });
      execFileSync('tar', ['-x', '-C', dir], { input: archive });
    } else {
      cpSync(source, dir, {
        recursive: true,
        filter: (path) => !/[/\\](node_modules|\.git)([/\\]|$)/.test(path.slice(source.length)),
      });
    }
    // Upstream locks with bun.lock; npm resolves the same package.json from the npm registry.
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  copyFileSync(
    fileURLToPath(new URL('./flowfull-node-server.mjs', import.meta.url)),
    join(dir, 'bench-server.mjs'),
  );
  return { ok: true, dir, revision };
}

/**
 * Starts flowfull-node's Node entry in a child process. Its stdout, where it writes its request
 * log and per-request auth lines, goes to /dev/null, as our request log does; its stderr (at start,
 * a stack trace for the `users` table its connection test reads) is printed only if it fails.
 */
export function startFlowfullNode(dir: string, env: FlowfullNodeEnv): ReturnType<typeof fork> {
  const child = fork(join(dir, 'bench-server.mjs'), [], {
    cwd: dir,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: env.databaseUrl,
      FLOWLESS_API_URL: env.flowlessUrl,
      BRIDGE_VALIDATION_SECRET: env.bridgeSecret,
      // Its closest setting to ours; its requireUser() (the protected route's middleware) does not
      // consult the validation mode: only its optionalAuth() runs the IP / User-Agent checks.
      AUTH_VALIDATION_MODE: 'ADVANCED',
      AUTH_IP_VALIDATION: 'true',
      AUTH_USER_AGENT_VALIDATION: 'true',
      AUTH_DEVICE_VALIDATION: 'true',
      LOG_FILE_ENABLED: 'false',
      BENCH_SESSION_ID: env.sessionId,
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
  });
  child.once('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(stderr);
  });
  return child;
}
