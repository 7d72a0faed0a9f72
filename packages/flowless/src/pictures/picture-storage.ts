/**
 * @module Where profile pictures are kept: a small port (`put`, `get`, `delete` by name) and its
 * local-folder driver. Names are content hashes chosen by Flowless (`<64 hex>.<jpg|png|webp>`);
 * drivers refuse any other name, so a name from a URL can never leave the folder.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A store of picture files. */
export interface PictureStorage {
  /** Stores `bytes` under `name`, replacing any file of that name. */
  put(name: string, bytes: Uint8Array): Promise<void>;
  /** The bytes stored under `name`, or `null` when there are none. */
  get(name: string): Promise<Uint8Array | null>;
  /** Removes `name`; removing a missing name is not an error. */
  delete(name: string): Promise<void>;
}

/** The shape of a stored picture's name. */
export const PICTURE_NAME = /^[0-9a-f]{64}\.(?:jpg|png|webp)$/;

function checked(name: string): string {
  if (!PICTURE_NAME.test(name)) throw new TypeError(`picture storage: "${name}" is not a picture name`);
  return name;
}

/**
 * Keeps pictures as files in `folder` (created on first write).
 *
 * @example
 * ```ts
 * const storage = createLocalPictureStorage(join(config.DATA_DIR, 'pictures'));
 * ```
 */
export function createLocalPictureStorage(folder: string): PictureStorage {
  return {
    async put(name, bytes) {
      await mkdir(folder, { recursive: true });
      const path = join(folder, checked(name));
      // Written under a temporary name first: a reader never sees half a file.
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
    async get(name) {
      try {
        return new Uint8Array(await readFile(join(folder, checked(name))));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(name) {
      await rm(join(folder, checked(name)), { force: true });
    },
  };
}
