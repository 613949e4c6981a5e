import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { zipEntries } from '../../src/input/zip.js';

/** One zip entry: its deflated bytes, and the size and CRC of what they inflate to. */
export interface ZipPart {
  name: string;
  deflated: Buffer;
  size: number;
  crc: number;
}

export function deflatedPart(name: string, data: string | Buffer): ZipPart {
  const bytes = Buffer.from(data);
  return { name, deflated: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/**
 * An entry of `head`, then `chunk` repeated `times`, then `tail`, deflated without ever holding the whole:
 * each piece is compressed on its own and flushed to a byte boundary, so the pieces concatenate into one
 * valid deflate stream. A few hundred kilobytes inflate to hundreds of megabytes.
 */
export function repeatedPart(name: string, head: string, chunk: string, times: number, tail: string, declaredSize?: number): ZipPart {
  const flushed = (text: string) => deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_SYNC_FLUSH });
  const piece = flushed(chunk);
  const chunkBytes = Buffer.from(chunk);
  let crc = crc32(Buffer.from(head));
  for (let i = 0; i < times; i++) crc = crc32(chunkBytes, crc);
  crc = crc32(Buffer.from(tail), crc);
  const deflated = Buffer.concat([flushed(head), ...Array<Buffer>(times).fill(piece), deflateRawSync(Buffer.from(tail))]);
  return { name, deflated, size: declaredSize ?? Buffer.byteLength(head) + chunkBytes.length * times + Buffer.byteLength(tail), crc: crc >>> 0 };
}

/** The entries of a zip, inflated. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of zipEntries(zip)) {
    const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    out.set(entry.name, entry.method === 0 ? data : inflateRawSync(data));
  }
  return out;
}

/** A zip of deflated parts (sizes below 4 GiB; no zip64). */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.deflated.length, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.deflated);
    centrals.push(central, name);
    offset += 30 + name.length + part.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
