import { describe, expect, it } from 'vitest';
import { jpeg, png, webp } from '../../test/support/picture-fixtures.js';
import { probePicture } from './picture-format.js';

const riff = (chunk: string, data: number[]): Buffer => {
  const body = Buffer.concat([Buffer.from(chunk, 'ascii'), Buffer.alloc(4), Buffer.from(data)]);
  body.writeUInt32LE(data.length, 4);
  const file = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), body]);
  file.writeUInt32LE(file.length - 8, 4);
  return file;
};

describe('probePicture()', () => {
  it('reads the dimensions of a PNG, a baseline JPEG and a lossless WebP', () => {
    expect(probePicture(png(7, 5))).toEqual({ ok: true, format: 'png', width: 7, height: 5 });
    expect(probePicture(jpeg(640, 480))).toEqual({ ok: true, format: 'jpeg', width: 640, height: 480 });
    expect(probePicture(webp(300, 200))).toEqual({ ok: true, format: 'webp', width: 300, height: 200 });
  });

  it('reads a progressive JPEG after fill bytes, and lossy and extended WebP headers', () => {
    const progressive = Buffer.from(jpeg(33, 44));
    progressive[21] = 0xc2; // SOF0 → SOF2
    const filled = Buffer.concat([progressive.subarray(0, 2), Buffer.from([0xff]), progressive.subarray(2)]);
    expect(probePicture(filled)).toEqual({ ok: true, format: 'jpeg', width: 33, height: 44 });
    const lossy = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 100, 0, 50, 0, ...Array(10).fill(0)]);
    expect(probePicture(lossy)).toEqual({ ok: true, format: 'webp', width: 100, height: 50 });
    const extended = riff('VP8X', [0, 0, 0, 0, 0x0f, 0x27, 0, 0x1f, 0x4e, 0, ...Array(10).fill(0)]);
    expect(probePicture(extended)).toEqual({ ok: true, format: 'webp', width: 10_000, height: 20_000 });
  });

  it('calls unsupported what is not one of the three, whatever its first bytes promise', () => {
    expect(probePicture(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({
      ok: false,
      reason: 'unsupported',
    });
    expect(probePicture(Buffer.from('GIF89a0123456789'))).toEqual({ ok: false, reason: 'unsupported' });
    const noFrame = Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9]);
    expect(probePicture(noFrame)).toEqual({ ok: false, reason: 'unsupported' });
    const badHeader = Buffer.from(png(2, 2));
    badHeader.write('IHDX', 12, 'ascii');
    expect(probePicture(badHeader)).toEqual({ ok: false, reason: 'unsupported' });
    expect(probePicture(png(0, 0, { width: 0, height: 4 }))).toEqual({ ok: false, reason: 'unsupported' });
    expect(probePicture(Buffer.concat([webp(4, 4), Buffer.from('trailing')]))).toEqual({
      ok: false,
      reason: 'unsupported',
    });
    expect(probePicture(new Uint8Array())).toEqual({ ok: false, reason: 'unsupported' });
  });

  it('calls truncated an image cut anywhere', () => {
    for (const image of [png(9, 9), jpeg(9, 9), webp(9, 9)]) {
      for (const length of [4, 20, image.length - 1]) {
        expect(
          probePicture(image.subarray(0, length)),
          `${image.subarray(0, 4).toString('hex')} ${length}`,
        ).toEqual({
          ok: false,
          reason: 'truncated',
        });
      }
    }
  });
});
