/**
 * @module Development key files under the data folder: generated once, mode 0600, published
 * atomically so that processes starting together all end up with the same keys.
 */
import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { TokenKeyInvalidError } from './errors.js';

/** The fields of a key file, unchecked: callers validate each key. */
export type KeyFileFields = Readonly<Record<string, unknown>>;

const isMissing = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && error.code === 'ENOENT';

/**
 * Reads a JSON key file, tightening its mode to 0600; resolves `null` when there is none.
 *
 * @throws {TokenKeyInvalidError} when the file is not a JSON object (the message names the file only).
 */
export async function readKeyFile(path: string): Promise<KeyFileFields | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message can quote the file's text, which holds keys: it is not kept as cause.
    throw new TokenKeyInvalidError(`${path} is not a trust token key file`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TokenKeyInvalidError(`${path} is not a trust token key file`);
  }
  await chmod(path, 0o600);
  return parsed as KeyFileFields;
}

/**
 * Reads the key file at `path`, or creates it in `folder` (mode 0700) with what `generate` returns.
 * Of processes creating it together, the first to publish wins and all of them read its keys.
 */
export async function readOrCreateKeyFile(
  folder: string,
  path: string,
  generate: () => Promise<Readonly<Record<string, string>>>,
): Promise<{ readonly fields: KeyFileFields; readonly created: boolean }> {
  const existing = await readKeyFile(path);
  if (existing !== null) return { fields: existing, created: false };
  const generated = await generate();
  await mkdir(folder, { recursive: true, mode: 0o700 });
  // Written in full to a private temporary file, then published with link(), which fails if the
  // file exists: readers never see a partial file, and the first process to publish wins.
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  let created = true;
  try {
    await link(temporary, path);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    created = false;
  } finally {
    await unlink(temporary);
  }
  return { fields: (await readKeyFile(path)) ?? generated, created };
}
