/**
 * @module Pre-Authentication Encoding (PAE), as defined by the PASETO specification.
 */

/**
 * Encodes a list of byte strings unambiguously: the count, then each piece prefixed by its length,
 * all as 64-bit little-endian integers with the top bit cleared.
 */
export function pae(pieces: readonly Uint8Array[]): Buffer {
  let size = 8;
  for (const piece of pieces) size += 8 + piece.byteLength;
  const out = Buffer.allocUnsafe(size);
  writeLength(out, pieces.length, 0);
  let offset = 8;
  for (const piece of pieces) {
    writeLength(out, piece.byteLength, offset);
    offset += 8;
    out.set(piece, offset);
    offset += piece.byteLength;
  }
  return out;
}

/**
 * Writes one PAE length (64-bit little-endian, top bit clear) at `offset`. Lengths fit in 53 bits
 * here (JS limits), so two 32-bit writes avoid BigInt on the hot path.
 */
export function writeLength(out: Buffer, length: number, offset: number): void {
  out.writeUInt32LE(length >>> 0, offset);
  out.writeUInt32LE(Math.floor(length / 0x1_0000_0000) & 0x7fff_ffff, offset + 4);
}
