/**
 * Profile pictures through the app on every database: JPEG, PNG and WebP recognised by
 * their bytes, served back with their detected type, nosniff and a long cache lifetime under a
 * content-hash name, the previous picture deleted; a file lying about its type, a truncated image,
 * a pixel bomb and an oversized file each refused with a stable code and nothing stored.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dialectServices, TEST_DIALECTS } from '#test-support/databases.js';
import { describeWithServices } from '#test-support/services.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';
import { jpeg, png, webp } from './support/picture-fixtures.js';

const PASSWORD = 'picture password 42';
const MAX_BYTES = 64 * 1024;

for (const dialect of TEST_DIALECTS) {
  describeWithServices(dialectServices(dialect), `profile pictures on ${dialect}`, () => {
    let h: Harness;
    let folder: string;
    let dataDir: string;
    let counter = 0;

    const person = async () => {
      const email = `picture-${++counter}@example.test`;
      await seedUser(h, { email, password: PASSWORD });
      return login(h, email, PASSWORD);
    };
    const upload = async (session: string, bytes: Uint8Array, filename = 'me.png', type = 'image/png') => {
      const form = new FormData();
      form.append('picture', new File([bytes], filename, { type }));
      const res = await h.app.request('/auth/upload/picture', {
        method: 'POST',
        headers: { 'X-Session-ID': session },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const stored = async () => (await readdir(folder).catch(() => [])).sort();
    const pictureOf = async (session: string) =>
      ((await call(h, 'GET', '/auth/user/me', { session })).body.user as Record<string, unknown>).picture;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'flowless-pictures-'));
      folder = join(dataDir, 'pictures');
      h = await startFlowless(await freshDatabase(dialect, 'flowless_pictures'), {
        env: { DATA_DIR: dataDir, PICTURE_MAX_BYTES: String(MAX_BYTES), PICTURE_MAX_PIXELS: '1000000' },
      });
    });
    afterAll(async () => {
      await h.close();
      await h.handle.db.destroy();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('stores a PNG, JPEG or WebP, serves it with its detected type, nosniff and a year-long cache', async () => {
      for (const [bytes, mime, extension] of [
        [png(4, 3), 'image/png', 'png'],
        [jpeg(640, 480), 'image/jpeg', 'jpg'],
        [webp(320, 200), 'image/webp', 'webp'],
      ] as const) {
        const session = await person();
        const res = await upload(session, bytes, 'upload.bin', 'application/octet-stream');
        expect(res.status, mime).toBe(200);
        const data = res.body.data as { picture_url: string; picture: string; user: { picture: string } };
        expect(data.picture_url).toMatch(
          new RegExp(`^http://localhost/auth/upload/picture/[0-9a-f]{64}\\.${extension}$`),
        );
        expect(data.picture).toBe(data.picture_url);
        expect(data.user.picture).toBe(data.picture_url);
        expect((res.body.user as { picture: string }).picture).toBe(data.picture_url);
        expect(await pictureOf(session)).toBe(data.picture_url);
        const served = await h.app.request(new URL(data.picture_url).pathname);
        expect(served.status).toBe(200);
        expect(served.headers.get('content-type')).toBe(mime);
        expect(served.headers.get('x-content-type-options')).toBe('nosniff');
        expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
      }
    });

    it('goes by the bytes, not the name or declared type: a PNG sent as photo.jpg is served as PNG', async () => {
      const res = await upload(await person(), png(2, 2), 'photo.jpg', 'image/jpeg');
      expect(res.status).toBe(200);
      const url = (res.body.data as { picture_url: string }).picture_url;
      expect(url).toMatch(/\.png$/);
      expect((await h.app.request(new URL(url).pathname)).headers.get('content-type')).toBe('image/png');
    });

    it('deletes the previous picture on a new upload and on DELETE', async () => {
      const session = await person();
      const first = ((await upload(session, png(5, 5))).body.data as { picture_url: string }).picture_url;
      const second = ((await upload(session, png(6, 6))).body.data as { picture_url: string }).picture_url;
      expect(second).not.toBe(first);
      expect((await h.app.request(new URL(first).pathname)).status).toBe(404);
      expect((await h.app.request(new URL(second).pathname)).status).toBe(200);
      const removed = await call(h, 'DELETE', '/auth/upload/picture', { session });
      expect(removed.status).toBe(200);
      expect((removed.body.data as { picture: unknown }).picture).toBeNull();
      expect(await pictureOf(session)).toBeNull();
      expect((await h.app.request(new URL(second).pathname)).status).toBe(404);
    });

    it('refuses a lying file, a truncated image, a pixel bomb and an oversized file, storing nothing', async () => {
      const session = await person();
      const before = await stored();
      const big = png(300, 300);
      const bigNoise = Buffer.concat([big.subarray(0, 33), Buffer.alloc(MAX_BYTES, 7), big.subarray(33)]);
      for (const [bytes, status, code, name, type] of [
        [
          Buffer.from('<html><script>alert(1)</script></html>'),
          415,
          'ERR_FLOWLESS_PICTURE_UNSUPPORTED',
          'a.png',
          'image/png',
        ],
        [
          Buffer.from('GIF89a\x01\x00\x01\x00'),
          415,
          'ERR_FLOWLESS_PICTURE_UNSUPPORTED',
          'a.gif',
          'image/gif',
        ],
        [png(8, 8).subarray(0, 40), 400, 'ERR_FLOWLESS_PICTURE_TRUNCATED', 'a.png', 'image/png'],
        [jpeg(8, 8).subarray(0, 30), 400, 'ERR_FLOWLESS_PICTURE_TRUNCATED', 'a.jpg', 'image/jpeg'],
        [webp(8, 8).subarray(0, 36), 400, 'ERR_FLOWLESS_PICTURE_TRUNCATED', 'a.webp', 'image/webp'],
        [
          png(1, 1, { width: 50_000, height: 50_000 }),
          422,
          'ERR_FLOWLESS_PICTURE_TOO_MANY_PIXELS',
          'a.png',
          'image/png',
        ],
        [jpeg(2000, 1000), 422, 'ERR_FLOWLESS_PICTURE_TOO_MANY_PIXELS', 'a.jpg', 'image/jpeg'],
        [bigNoise, 413, 'ERR_FLOWLESS_PICTURE_TOO_LARGE', 'a.png', 'image/png'],
        [
          Buffer.concat([big, Buffer.alloc(MAX_BYTES * 3)]),
          413,
          'ERR_FLOWLESS_PICTURE_TOO_LARGE',
          'a.png',
          'image/png',
        ],
      ] as const) {
        const res = await upload(session, bytes, name, type);
        expect(`${res.status} ${String(res.body.code)}`, code).toBe(`${status} ${code}`);
        expect(res.body.error).toEqual(expect.any(String));
      }
      expect(await stored()).toEqual(before);
      expect(await pictureOf(session)).toBeNull();
    });

    it('refuses an upload without a picture field, and without a session', async () => {
      const session = await person();
      const form = new FormData();
      form.append('avatar', new File([png(2, 2)], 'a.png'));
      const wrongField = await h.app.request('/auth/upload/picture', {
        method: 'POST',
        headers: { 'X-Session-ID': session },
        body: form,
      });
      expect(wrongField.status).toBe(400);
      expect(((await wrongField.json()) as { code: string }).code).toBe('ERR_FLOWLESS_PICTURE_MISSING');
      const json = await call(h, 'POST', '/auth/upload/picture', { session, body: { picture: 'x' } });
      expect(json.body.code).toBe('ERR_FLOWLESS_PICTURE_MISSING');
      expect((await upload('', png(2, 2))).status).toBe(401);
    });

    it('answers 404 for an unknown or malformed picture name', async () => {
      expect((await h.app.request(`/auth/upload/picture/${'0'.repeat(64)}.png`)).status).toBe(404);
      expect((await h.app.request('/auth/upload/picture/..%2F..%2Fflowless.db')).status).toBe(404);
      expect((await h.app.request('/auth/upload/picture/passwd')).status).toBe(404);
    });
  });
}
