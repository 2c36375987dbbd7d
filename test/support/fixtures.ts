import AdmZip from 'adm-zip';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';

/** The recorded real files beside the repo (../shared/fixtures); absent in a bare clone. */
export const SHARED_FIXTURES = process.env.GRIDCELL_SHARED_FIXTURES || resolve(__dirname, '../../../shared/fixtures');

export function sharedPath(relative: string): string {
  return join(SHARED_FIXTURES, relative);
}

export function hasShared(relative: string): boolean {
  return existsSync(sharedPath(relative));
}

export function readShared(relative: string): Buffer {
  return readFileSync(sharedPath(relative));
}

/**
 * `describe` when the real files are there. When they are not (a bare clone), the suite's body is
 * never run (it may read the files as it loads) and one skipped test names what is missing.
 */
export function describeShared(relative: string | string[]): (name: string, body: () => void) => void {
  const files = Array.isArray(relative) ? relative : [relative];
  if (files.every(hasShared)) return describe;
  const missing = files.filter((f) => !hasShared(f));
  return (name) => describe.skip(name, () => test.skip(`needs ${missing.join(', ')} from ../shared/fixtures`, () => undefined));
}

/** Our own small fixtures, written in the real formats, under test/fixtures. */
export function ownPath(relative: string): string {
  return resolve(__dirname, '../fixtures', relative);
}

export function readOwn(relative: string): Buffer {
  return readFileSync(ownPath(relative));
}

/** A zip holding these members (name: bytes), in this order. */
export function zipped(members: Record<string, Buffer>): Buffer {
  const zip = new AdmZip();
  for (const [name, bytes] of Object.entries(members)) zip.addFile(name, bytes);
  return zip.toBuffer();
}

/** `bytes` written as `name` in a new temporary folder; the file's path. */
export function tempFile(name: string, bytes: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gridcell-test-')), name);
  writeFileSync(path, bytes);
  return path;
}

/** A zip holding one member, as a source answers with one, in a temporary file to replay. */
export function zippedFile(member: string, content: Buffer): string {
  return tempFile(member.replace(/\.\w+$/, '.zip'), zipped({ [member]: content }));
}

/**
 * A zip written byte by byte (no library writes a lying one): one local entry holding `data`
 * (already deflated) and one central directory record per name, each pointing at that entry and
 * declaring `size` inflated bytes and `crc`.
 */
export function craftedZip(names: string[], data: Buffer, size: number, crc: number): Buffer {
  const first = Buffer.from(names[0]);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(first.length, 26);
  const central = names.map((n) => {
    const name = Buffer.from(n);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(8, 10);
    record.writeUInt32LE(crc >>> 0, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(size, 24);
    record.writeUInt16LE(name.length, 28);
    return Buffer.concat([record, name]); // local header offset 0: every record points at the one entry
  });
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(local.length + first.length + data.length, 16);
  return Buffer.concat([local, first, data, directory, end]);
}

/** `start`, then `fill` bytes up to `size`, deflated as a stream (the inflated bytes are never held). */
export async function deflated(start: string, size: number, fill: number): Promise<{ data: Buffer; crc: number }> {
  const chunk = Buffer.alloc(16 * 1024 * 1024, fill);
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (b: Buffer) => parts.push(b));
  const ended = new Promise((r) => deflate.on('end', r));
  deflate.write(start);
  let crc = crc32(start);
  for (let written = start.length; written < size; written += chunk.length) {
    const piece = chunk.subarray(0, Math.min(chunk.length, size - written));
    deflate.write(piece);
    crc = crc32(piece, crc);
  }
  deflate.end();
  await ended;
  return { data: Buffer.concat(parts), crc };
}
