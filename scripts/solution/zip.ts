/**
 * A zip writer and reader for solution packages, on Node's zlib.
 * Written entries look like SolutionPackager's: deflate (normal), "made by"
 * MS-DOS 2.0, no extra fields, no data descriptors, no directory entries,
 * DOS timestamps, "/" separators.
 */
import * as zlib from "zlib";
import { SolutionError } from "./errors";

export interface ZipInput {
  name: string;
  data: Uint8Array;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  method: number;
  flags: number;
  versionMadeBy: number;
  versionNeeded: number;
  /** extra field bytes in the central directory plus the local header */
  extraLength: number;
  externalAttributes: number;
  dosTime: number;
  dosDate: number;
  crc32: number;
  compressedSize: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** DOS date and time of a moment; `utc` picks UTC fields instead of local ones. */
export function dosDateTime(when: Date, utc = false): { date: number; time: number } {
  const year = utc ? when.getUTCFullYear() : when.getFullYear();
  if (year < 1980 || year > 2107) throw new SolutionError("ZIP", `Cannot store the year ${year} in a zip timestamp.`);
  const month = (utc ? when.getUTCMonth() : when.getMonth()) + 1;
  const day = utc ? when.getUTCDate() : when.getDate();
  const hours = utc ? when.getUTCHours() : when.getHours();
  const minutes = utc ? when.getUTCMinutes() : when.getMinutes();
  const seconds = utc ? when.getUTCSeconds() : when.getSeconds();
  return {
    date: ((year - 1980) << 9) | (month << 5) | day,
    time: (hours << 11) | (minutes << 5) | Math.floor(seconds / 2),
  };
}

const VERSION_MADE_BY = 20; // upper byte 0 = MS-DOS, 2.0
const VERSION_NEEDED = 20; // 2.0: deflate
const FLAG_UTF8 = 0x0800;

export function checkEntryName(name: string): void {
  if (name === "" || name.endsWith("/")) throw new SolutionError("ZIP", `Refusing a directory entry "${name}".`);
  if (name.includes("\\")) throw new SolutionError("ZIP", `Refusing a backslash in the entry name "${name}".`);
  if (name.startsWith("/") || name.split("/").some((p) => p === "" || p === "." || p === "..")) {
    throw new SolutionError("ZIP", `Refusing the entry name "${name}".`);
  }
}

/** Writes the entries, in the given order, into one zip buffer. */
export function writeZip(entries: ZipInput[], when: { date: number; time: number }): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const names = new Set<string>();
  let offset = 0;
  for (const entry of entries) {
    checkEntryName(entry.name);
    if (names.has(entry.name)) throw new SolutionError("ZIP", `Duplicate entry "${entry.name}".`);
    names.add(entry.name);
    const name = Buffer.from(entry.name, "utf8");
    const flags = /^[\x20-\x7e]*$/.test(entry.name) ? 0 : FLAG_UTF8;
    const data = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    const compressed = zlib.deflateRawSync(data, { level: 6 });
    const crc = crc32(data);
    if (data.length > 0xfffffffe || offset > 0xfffffffe) throw new SolutionError("ZIP", "The package is too large for a zip without Zip64.");

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(when.time, 10);
    local.writeUInt16LE(when.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION_MADE_BY, 4);
    central.writeUInt16LE(VERSION_NEEDED, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(when.time, 12);
    central.writeUInt16LE(when.date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, centralDir, end]);
}

/** Reads every entry of a zip (stored or deflated), checking sizes and CRCs. */
export function readZip(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new SolutionError("ZIP", "Not a zip file (no end of central directory record).");
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new SolutionError("ZIP", "Corrupt central directory.");
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString(flags & FLAG_UTF8 ? "utf8" : "latin1");
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new SolutionError("ZIP", `Corrupt local header for "${name}".`);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = zip.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === 8) data = zlib.inflateRawSync(raw);
    else if (method === 0) data = Buffer.from(raw);
    else throw new SolutionError("ZIP", `Unsupported compression method ${method} for "${name}".`);
    if (data.length !== size || crc32(data) !== crc) throw new SolutionError("ZIP", `Size or CRC mismatch for "${name}".`);
    entries.push({
      name,
      data,
      method,
      flags,
      versionMadeBy: zip.readUInt16LE(p + 4),
      versionNeeded: zip.readUInt16LE(p + 6),
      extraLength: extraLength + localExtraLength,
      externalAttributes: zip.readUInt32LE(p + 38),
      dosTime: zip.readUInt16LE(p + 12),
      dosDate: zip.readUInt16LE(p + 14),
      crc32: crc,
      compressedSize,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
