// A minimal streaming zip writer for the benchmark's synthetic archives: deflated entries, UTF-8
// names, fixed timestamps (byte-identical output), and the zip64 end records that archives of more
// than 65,535 entries need (OSV's npm export is one). yazl, used by the tests, looks for the next
// entry to write by scanning its whole entry list, which turns quadratic at 250,000 entries (over
// six minutes); this writes each entry as it comes. Limits: archives under 4 GiB, entries under
// 4 GiB, no comments, no directories (all the benchmark needs).
import { closeSync, openSync, writeSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(bytes) {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** DOS date/time of 2025-01-01 00:00:00: every entry gets it, so the output never varies. */
const DOS_TIME = 0;
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

export function createZipWriter(path) {
  const fd = openSync(path, 'w');
  const central = [];
  let offset = 0;
  let count = 0;
  const write = (buffer) => {
    writeSync(fd, buffer);
    offset += buffer.length;
  };
  return {
    add(name, data) {
      const fileName = Buffer.from(name, 'utf8');
      const compressed = deflateRawSync(data);
      const crc = crc32(data);
      if (offset > 0xfffffffe || compressed.length > 0xfffffffe) throw new Error('zip-writer: archive larger than 4 GiB');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
      local.writeUInt16LE(UTF8_NAMES, 6);
      local.writeUInt16LE(8, 8); // deflate
      local.writeUInt16LE(DOS_TIME, 10);
      local.writeUInt16LE(DOS_DATE, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(compressed.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(fileName.length, 26);
      local.writeUInt16LE(0, 28);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE((3 << 8) | 45, 4); // made by: unix, 4.5
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(UTF8_NAMES, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt16LE(DOS_TIME, 12);
      header.writeUInt16LE(DOS_DATE, 14);
      header.writeUInt32LE(crc, 16);
      header.writeUInt32LE(compressed.length, 20);
      header.writeUInt32LE(data.length, 24);
      header.writeUInt16LE(fileName.length, 28);
      header.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
      header.writeUInt32LE(offset, 42);
      central.push(header, fileName);
      write(local);
      write(fileName);
      write(compressed);
      count++;
    },
    close() {
      const cdOffset = offset;
      for (const part of central) write(part);
      const cdSize = offset - cdOffset;
      const zip64 = count > 0xfffe;
      if (zip64) {
        const eocd64Offset = offset;
        const record = Buffer.alloc(56);
        record.writeUInt32LE(0x06064b50, 0);
        record.writeBigUInt64LE(44n, 4); // size of the rest of this record
        record.writeUInt16LE((3 << 8) | 45, 12);
        record.writeUInt16LE(45, 14);
        record.writeBigUInt64LE(BigInt(count), 24);
        record.writeBigUInt64LE(BigInt(count), 32);
        record.writeBigUInt64LE(BigInt(cdSize), 40);
        record.writeBigUInt64LE(BigInt(cdOffset), 48);
        write(record);
        const locator = Buffer.alloc(20);
        locator.writeUInt32LE(0x07064b50, 0);
        locator.writeBigUInt64LE(BigInt(eocd64Offset), 8);
        locator.writeUInt32LE(1, 16);
        write(locator);
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(zip64 ? 0xffff : count, 8);
      end.writeUInt16LE(zip64 ? 0xffff : count, 10);
      end.writeUInt32LE(cdSize, 12);
      end.writeUInt32LE(cdOffset, 16);
      write(end);
      closeSync(fd);
    },
  };
}
