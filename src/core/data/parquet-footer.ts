/**
 * The row count of a parquet file, read from its footer (FileMetaData.num_rows, Thrift compact
 * protocol). Hand-written because parquet-wasm 0.8 exposes the metadata only through the async
 * ParquetFile API, and the loader is synchronous; the chunked decoder needs the count up front to
 * preallocate its columns.
 */

import { DataError } from '../errors';

class Reader {
  at: number;
  constructor(
    private bytes: Uint8Array,
    start: number,
    private end: number,
  ) {
    this.at = start;
  }
  byte(): number {
    if (this.at >= this.end) throw new DataError('bad-parquet', 'footer ends early');
    return this.bytes[this.at++];
  }
  /** unsigned varint as a Number (exact below 2^53) */
  varint(): number {
    let out = 0;
    let mul = 1;
    for (;;) {
      const b = this.byte();
      out += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return out;
      mul *= 128;
      if (mul > 2 ** 63) throw new DataError('bad-parquet', 'bad varint');
    }
  }
  zigzag(): number {
    const u = this.varint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }
  skipBytes(n: number): void {
    if (n < 0 || this.at + n > this.end) throw new DataError('bad-parquet', 'footer ends early');
    this.at += n;
  }
  /** skips one value of compact type `type` */
  skip(type: number, depth = 0): void {
    if (depth > 64) throw new DataError('bad-parquet', 'footer nests too deep');
    switch (type) {
      case 1: // bool true / false (in a struct field header; in lists they take a byte)
      case 2:
        return;
      case 3:
        this.skipBytes(1);
        return;
      case 4:
      case 5:
      case 6:
        this.varint();
        return;
      case 7:
        this.skipBytes(8);
        return;
      case 8:
        this.skipBytes(this.varint());
        return;
      case 9:
      case 10: {
        const h = this.byte();
        const n = h >> 4 === 15 ? this.varint() : h >> 4;
        const t = h & 15;
        for (let i = 0; i < n; i++) {
          if (t === 1 || t === 2) this.skipBytes(1);
          else this.skip(t, depth + 1);
        }
        return;
      }
      case 11: {
        const n = this.varint();
        if (n === 0) return;
        const kv = this.byte();
        for (let i = 0; i < n; i++) {
          this.skip(kv >> 4, depth + 1);
          this.skip(kv & 15, depth + 1);
        }
        return;
      }
      case 12:
        this.struct(() => false, depth + 1);
        return;
      default:
        throw new DataError('bad-parquet', `unknown thrift type ${type}`);
    }
  }
  /** walks a struct; `onField` returns true when it consumed the field's value */
  struct(onField: (id: number, type: number) => boolean, depth = 0): void {
    let id = 0;
    for (;;) {
      const h = this.byte();
      const type = h & 15;
      if (type === 0) return;
      const delta = h >> 4;
      id = delta === 0 ? this.zigzag() : id + delta;
      if (!onField(id, type)) this.skip(type, depth);
    }
  }
}

/** FileMetaData.num_rows of a complete parquet file (throws when the footer is unreadable). */
export function parquetRowCount(bytes: Uint8Array): number {
  if (bytes.length < 12) throw new DataError('bad-parquet', 'too short for a parquet file');
  const end = bytes.length - 8;
  const len = bytes[end] | (bytes[end + 1] << 8) | (bytes[end + 2] << 16) | (bytes[end + 3] << 24);
  if (len <= 0 || len > end - 4)
    throw new DataError('bad-parquet', `footer length ${len} does not fit the file`);
  const r = new Reader(bytes, end - len, end);
  let rows = -1;
  r.struct((id, type) => {
    if (id !== 3 || type !== 6) return false;
    rows = r.zigzag();
    return true;
  });
  if (!(rows >= 0)) throw new DataError('bad-parquet', 'footer has no row count');
  return rows;
}
