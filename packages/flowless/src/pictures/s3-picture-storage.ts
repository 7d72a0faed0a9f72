/**
 * @module The S3-compatible driver of {@link PictureStorage}: one object per picture in a bucket,
 * under an optional key prefix, through `@aws-sdk/client-s3` (AWS S3, MinIO, R2 and the like).
 */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PICTURE_NAME, type PictureStorage } from './picture-storage.js';

/** Options of {@link createS3PictureStorage}. */
export interface S3PictureStorageOptions {
  /** The client, configured with region, endpoint and credentials. */
  client: S3Client;
  /** Bucket holding the pictures. */
  bucket: string;
  /** Prefix of every key. @default 'pictures/' */
  prefix?: string;
}

const MIME: Readonly<Record<string, string>> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

function keyOf(prefix: string, name: string): string {
  if (!PICTURE_NAME.test(name)) throw new TypeError(`picture storage: "${name}" is not a picture name`);
  return `${prefix}${name}`;
}

/**
 * Keeps pictures as objects in an S3-compatible bucket.
 *
 * @example
 * ```ts
 * const pictures = createS3PictureStorage({ client: new S3Client({ region: 'eu-west-1' }), bucket: 'avatars' });
 * await createFlowlessApp({ config, db, pictures });
 * ```
 */
export function createS3PictureStorage(options: S3PictureStorageOptions): PictureStorage {
  const { client, bucket } = options;
  const prefix = options.prefix ?? 'pictures/';
  return {
    async put(name, bytes) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: keyOf(prefix, name),
          Body: bytes,
          ContentType: MIME[name.slice(name.lastIndexOf('.') + 1)],
        }),
      );
    },
    async get(name) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(prefix, name) }));
        return answer.Body ? await answer.Body.transformToByteArray() : null;
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(name) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(prefix, name) }));
    },
  };
}
