import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/rng';
import { BoostKernels, kernelBytes } from './wasm-kernels';

/** The kernel's contract in plain JavaScript: rows in idx order, features in order, (g, h) added per bin. */
function reference(
  codes: Uint8Array,
  rowBytes: number,
  cols: number,
  idx: Uint32Array,
  gh: Float64Array,
): Float64Array {
  const hist = new Float64Array(cols * 256 * 2);
  for (const r of idx) {
    for (let j = 0; j < cols; j++) {
      const o = (j * 256 + codes[r * rowBytes + j]) * 2;
      hist[o] += gh[2 * r];
      hist[o + 1] += gh[2 * r + 1];
    }
  }
  return hist;
}

describe('histogram kernel (WebAssembly)', () => {
  it('both builds (f64x2 and scalar) add exactly what the plain loop adds, for 1 to 9 features', () => {
    const rng = createRng(21);
    const rows = 500;
    expect(WebAssembly.validate(kernelBytes(true))).toBe(true);
    expect(WebAssembly.validate(kernelBytes(false))).toBe(true);
    for (const cols of [1, 3, 4, 5, 9]) {
      const rowBytes = Math.ceil(cols / 4) * 4;
      const codes = new Uint8Array(rows * rowBytes);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < cols; j++) codes[r * rowBytes + j] = Math.floor(rng.next() * 256);
      const gh = Float64Array.from({ length: 2 * rows }, () => rng.normal());
      // a subset of rows, in increasing order, as a node's rows are
      const idx = Uint32Array.from(Array.from({ length: rows }, (_, i) => i).filter(() => rng.next() < 0.7));
      const want = reference(codes, rowBytes, cols, idx, gh);
      for (const simd of [true, false]) {
        const idxAt = 0;
        const ghAt = 16 * Math.ceil((4 * rows) / 16);
        const codesAt = ghAt + 16 * rows;
        const histAt = codesAt + 16 * Math.ceil((rows * rowBytes) / 16);
        const kernel = new BoostKernels(histAt + cols * 256 * 16, new WebAssembly.Module(kernelBytes(simd)));
        const mem = kernel.memory.buffer;
        new Uint32Array(mem, idxAt, idx.length).set(idx);
        new Float64Array(mem, ghAt, 2 * rows).set(gh);
        new Uint8Array(mem, codesAt, codes.length).set(codes);
        // two calls over halves of the rows add up like one over all of them
        const half = idx.length >> 1;
        kernel.hist(idxAt, 0, half, ghAt, codesAt, rowBytes, histAt, cols >> 2, cols & 3);
        kernel.hist(idxAt, half, idx.length, ghAt, codesAt, rowBytes, histAt, cols >> 2, cols & 3);
        expect(Array.from(new Float64Array(mem, histAt, want.length))).toEqual(Array.from(want));
      }
    }
  });

  it('partitions rows stably by code <= bin, the rest after them in order', () => {
    const rng = createRng(22);
    const rows = 300;
    const column = Uint8Array.from({ length: rows }, () => Math.floor(rng.next() * 256));
    const kernels = new BoostKernels(4 * rows * 2 + rows + 64);
    const mem = kernels.memory.buffer;
    const [idxAt, scratchAt, colAt] = [0, 4 * rows, 8 * rows];
    new Uint8Array(mem, colAt, rows).set(column);
    for (const bin of [0, 17, 128, 254, 255]) {
      const idx = new Uint32Array(mem, idxAt, rows);
      for (let i = 0; i < rows; i++) idx[i] = (i * 7) % rows;
      const before = Array.from(idx);
      const [start, end] = [10, 290];
      const l = kernels.partition(idxAt, start, end, colAt, bin, scratchAt);
      const range = before.slice(start, end);
      const left = range.filter((r) => column[r] <= bin);
      const right = range.filter((r) => column[r] > bin);
      expect(l).toBe(start + left.length);
      expect(Array.from(idx.subarray(start, l))).toEqual(left);
      expect(Array.from(new Uint32Array(mem, scratchAt, right.length))).toEqual(right);
      // outside the range nothing moves
      expect(Array.from(idx.subarray(0, start))).toEqual(before.slice(0, start));
      expect(Array.from(idx.subarray(end))).toEqual(before.slice(end));
    }
  });

  it('grows its memory on request', () => {
    const kernel = new BoostKernels(1000);
    kernel.grow(200_000);
    expect(kernel.memory.buffer.byteLength).toBeGreaterThanOrEqual(200_000);
  });
});
