import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPictureStorage } from '../src/pictures/picture-storage.js';
import { picturesFromConfig } from '../src/pictures/pictures-from-config.js';
import { createS3PictureStorage } from '../src/pictures/s3-picture-storage.js';
import { runPictureStorageSuite } from './support/picture-storage-suite.js';

// s3rver is CommonJS with a class as its whole export.
const S3rver = createRequire(import.meta.url)('s3rver') as typeof import('s3rver');

const folders: string[] = [];
const folder = async () => {
  const made = await mkdtemp(join(tmpdir(), 'flowless-picture-storage-'));
  folders.push(made);
  return made;
};

// An S3-compatible server on 127.0.0.1 (s3rver), one bucket per storage so runs stay apart.
let s3: InstanceType<typeof S3rver>;
let endpoint: string;
let buckets = 0;
beforeAll(async () => {
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: await folder() });
  const address = await s3.run();
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await s3.close();
  await Promise.all(folders.map((made) => rm(made, { recursive: true, force: true })));
});

runPictureStorageSuite('local folder', async () =>
  createLocalPictureStorage(join(await folder(), 'pictures')),
);

runPictureStorageSuite('S3-compatible (s3rver)', async () => {
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const bucket = `pictures-${++buckets}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return createS3PictureStorage({ client, bucket });
});

describe('picturesFromConfig()', () => {
  const NAME = `${'c'.repeat(64)}.jpg`;
  const base = {
    PICTURE_S3_BUCKET: null,
    PICTURE_S3_ENDPOINT: null,
    PICTURE_S3_REGION: 'us-east-1',
    PICTURE_S3_PREFIX: 'avatars/',
    PICTURE_S3_FORCE_PATH_STYLE: true,
    PICTURE_S3_ACCESS_KEY_ID: 'S3RVER',
    PICTURE_S3_SECRET_ACCESS_KEY: 'S3RVER',
  };

  it('keeps pictures in <DATA_DIR>/pictures without a bucket', async () => {
    const dataDir = await folder();
    await picturesFromConfig({ ...base, DATA_DIR: dataDir }).put(NAME, new Uint8Array([9]));
    expect([...((await createLocalPictureStorage(join(dataDir, 'pictures')).get(NAME)) ?? [])]).toEqual([9]);
  });

  it('keeps pictures in the configured bucket, under the prefix, with PICTURE_S3_BUCKET', async () => {
    const bucket = `pictures-${++buckets}`;
    const client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    const storage = picturesFromConfig({
      ...base,
      DATA_DIR: await folder(),
      PICTURE_S3_BUCKET: bucket,
      PICTURE_S3_ENDPOINT: endpoint,
    });
    await storage.put(NAME, new Uint8Array([7, 7]));
    const direct = createS3PictureStorage({ client, bucket, prefix: 'avatars/' });
    expect([...((await direct.get(NAME)) ?? [])]).toEqual([7, 7]);
    expect(await createS3PictureStorage({ client, bucket }).get(NAME)).toBeNull();
  });
});
