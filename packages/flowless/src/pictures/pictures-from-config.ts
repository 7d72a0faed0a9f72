/**
 * @module Picks the picture storage the configuration asks for: the S3-compatible driver when
 * `PICTURE_S3_BUCKET` is set, else the folder `<DATA_DIR>/pictures`.
 */
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { FlowlessConfig } from '../config/flowless-config.js';
import { createLocalPictureStorage, type PictureStorage } from './picture-storage.js';
import { createS3PictureStorage } from './s3-picture-storage.js';

/** The configuration the choice reads. */
export type PictureStorageConfig = Pick<
  FlowlessConfig,
  | 'DATA_DIR'
  | 'PICTURE_S3_BUCKET'
  | 'PICTURE_S3_ENDPOINT'
  | 'PICTURE_S3_REGION'
  | 'PICTURE_S3_PREFIX'
  | 'PICTURE_S3_FORCE_PATH_STYLE'
  | 'PICTURE_S3_ACCESS_KEY_ID'
  | 'PICTURE_S3_SECRET_ACCESS_KEY'
>;

/**
 * The configured picture storage.
 *
 * @example
 * ```ts
 * const pictures = picturesFromConfig(config);
 * ```
 */
export function picturesFromConfig(config: PictureStorageConfig): PictureStorage {
  if (config.PICTURE_S3_BUCKET === null) return createLocalPictureStorage(join(config.DATA_DIR, 'pictures'));
  const client = new S3Client({
    region: config.PICTURE_S3_REGION,
    forcePathStyle: config.PICTURE_S3_FORCE_PATH_STYLE,
    ...(config.PICTURE_S3_ENDPOINT !== null && { endpoint: config.PICTURE_S3_ENDPOINT }),
    ...(config.PICTURE_S3_ACCESS_KEY_ID !== null && {
      credentials: {
        accessKeyId: config.PICTURE_S3_ACCESS_KEY_ID,
        secretAccessKey: config.PICTURE_S3_SECRET_ACCESS_KEY ?? '',
      },
    }),
  });
  return createS3PictureStorage({
    client,
    bucket: config.PICTURE_S3_BUCKET,
    prefix: config.PICTURE_S3_PREFIX,
  });
}
