/**
 * @module The conformance suite every {@link PictureStorage} driver passes.
 */
import { describe, expect, it } from 'vitest';
import type { PictureStorage } from '../../src/pictures/picture-storage.js';

const NAME = `${'a'.repeat(64)}.png`;
const OTHER = `${'b'.repeat(64)}.webp`;

/**
 * Runs the suite against a driver.
 *
 * @example
 * ```ts
 * runPictureStorageSuite('local folder', async () => createLocalPictureStorage(await mkdtemp(dir)));
 * ```
 */
export function runPictureStorageSuite(label: string, createStorage: () => Promise<PictureStorage>): void {
  describe(`PictureStorage: ${label}`, () => {
    it('gives back the bytes put under a name, replaces them, and null for a missing name', async () => {
      const storage = await createStorage();
      expect(await storage.get(NAME)).toBeNull();
      await storage.put(NAME, new Uint8Array([1, 2, 3]));
      expect([...((await storage.get(NAME)) ?? [])]).toEqual([1, 2, 3]);
      await storage.put(NAME, new Uint8Array([4, 5]));
      expect([...((await storage.get(NAME)) ?? [])]).toEqual([4, 5]);
      expect(await storage.get(OTHER)).toBeNull();
    });

    it('deletes one name only, and deleting a missing name is no error', async () => {
      const storage = await createStorage();
      await storage.put(NAME, new Uint8Array([1]));
      await storage.put(OTHER, new Uint8Array([2]));
      await storage.delete(NAME);
      await storage.delete(NAME);
      expect(await storage.get(NAME)).toBeNull();
      expect([...((await storage.get(OTHER)) ?? [])]).toEqual([2]);
    });

    it('refuses a name that is not a picture name, so none can leave its place', async () => {
      const storage = await createStorage();
      for (const name of ['../flowless.db', `${'a'.repeat(64)}.svg`, 'passwd', `x/${NAME}`]) {
        await expect(storage.put(name, new Uint8Array([1])), name).rejects.toThrow(/not a picture name/);
        await expect(storage.get(name), name).rejects.toThrow(/not a picture name/);
        await expect(storage.delete(name), name).rejects.toThrow(/not a picture name/);
      }
    });
  });
}
