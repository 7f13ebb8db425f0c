import { inflateRawSync } from 'node:zlib';

// A zip bomb check before the workbook library opens the file (docs/product.md §4). An XLSX is a
// zip; its central directory lists each entry's sizes, but those can lie, so each entry is also
// inflated here with a hard cap on its output (zlib's maxOutputLength), the caps of all entries
// adding up to MAX_UNZIPPED_BYTES. Only what the check needs of the zip format is read: the end
// record, the central directory entries and the local headers they point to.

export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
const MAX_ENTRIES = 2_000;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export type ZipVerdict = 'ok' | 'not_zip' | 'too_large';

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function endRecordOffset(view: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= lowest; i -= 1) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) return i;
  }
  return -1;
}

/** Whether the zip unpacks within the cap; 'not_zip' when its structure cannot be followed. */
export function checkZip(bytes: Uint8Array, maxBytes = MAX_UNZIPPED_BYTES): ZipVerdict {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endRecordOffset(view);
  if (end < 0) return 'not_zip';
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (entries > MAX_ENTRIES) return 'too_large';
  let budget = maxBytes;
  for (let i = 0; i < entries; i += 1) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) return 'not_zip';
    const method = view.getUint16(offset + 10, true);
    const compressed = view.getUint32(offset + 20, true);
    const declared = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const local = view.getUint32(offset + 42, true);
    offset += 46 + nameLength + extraLength + commentLength;
    if (declared > budget) return 'too_large';
    if (local + 30 > view.byteLength || view.getUint32(local, true) !== LOCAL_SIGNATURE) return 'not_zip';
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataStart + compressed > view.byteLength) return 'not_zip';
    const data = bytes.subarray(dataStart, dataStart + compressed);
    let size: number;
    if (method === 0) size = compressed;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (error) {
        if (error instanceof RangeError) return 'too_large';
        return 'not_zip';
      }
    } else return 'not_zip';
    if (size > budget) return 'too_large';
    budget -= size;
  }
  return 'ok';
}
